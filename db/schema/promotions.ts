import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

// A local deployment promoted to an OCI context: the one link the local side keeps (the OCI side
// carries freeform tags naming the local deployment). One promotion per local deployment.
export const promotions = sqliteTable('promotions', {
  modelDeploymentId: text('model_deployment_id').primaryKey(),
  /** The console context it went to (`oci:<profile>`) and that profile's name, as shown. */
  contextId: text('context_id').notNull(),
  contextLabel: text('context_label').notNull(),
  targetCompartmentId: text('target_compartment_id').notNull(),
  targetProjectId: text('target_project_id').notNull(),
  targetModelId: text('target_model_id').notNull(),
  targetDeploymentId: text('target_deployment_id').notNull(),
  /** The target's MODEL_DEPLOYMENT_CREATE work request, for the progress view. */
  targetWorkRequestId: text('target_work_request_id').notNull(),
  promotedBy: text('promoted_by').notNull(),
  timeCreated: timestamp('time_created').notNull(),
});
