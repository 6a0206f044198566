import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type {
  CategoryLogDetails,
  ModelDeploymentConfigurationDetails,
  ModelDeploymentLifecycleState,
} from '@/server/domain/oci-types';
import { tagColumns, timestamp } from './columns';

// The configuration is kept in its SDK nesting as JSON, so the resource reads back exactly as the
// OCI API returns it; the columns beside it are what lists filter and sort on.
export const modelDeployments = sqliteTable(
  'model_deployments',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id').notNull(),
    projectId: text('project_id').notNull(),
    modelId: text('model_id').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description'),
    createdBy: text('created_by').notNull(),
    timeCreated: timestamp('time_created').notNull(),
    lifecycleState: text('lifecycle_state').$type<ModelDeploymentLifecycleState>().notNull(),
    lifecycleDetails: text('lifecycle_details'),
    modelDeploymentUrl: text('model_deployment_url').notNull(),
    modelDeploymentConfigurationDetails: text('model_deployment_configuration_details', { mode: 'json' })
      .$type<ModelDeploymentConfigurationDetails>()
      .notNull(),
    categoryLogDetails: text('category_log_details', { mode: 'json' }).$type<CategoryLogDetails>(),
    currentInstanceCount: integer('current_instance_count'),
    ...tagColumns(),
  },
  (t) => [
    index('md_project_state_created_idx').on(t.projectId, t.lifecycleState, t.timeCreated),
    index('md_compartment_state_created_idx').on(t.compartmentId, t.lifecycleState, t.timeCreated),
    index('md_compartment_name_idx').on(t.compartmentId, t.displayName),
    index('md_model_idx').on(t.modelId),
  ],
);
