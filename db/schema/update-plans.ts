import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import type { UpdatePlanStatus, UpdatePlanStep } from '@/server/domain/update-plan';
import { timestamp } from './columns';

// An update of a serving deployment split into one-group steps, run one after another. The steps
// (their requests, statuses and work request ids) live in one JSON column: a plan has a handful of
// steps and is always read and written whole. Work requests point back with plan_id/plan_step.
export const updatePlans = sqliteTable(
  'update_plans',
  {
    id: text('id').primaryKey(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    compartmentId: text('compartment_id').notNull(),
    /** The console context whose provider runs the steps ('local', or an OCI profile's 'oci:<name>'). */
    contextId: text('context_id').notNull().default('local'),
    status: text('status').$type<UpdatePlanStatus>().notNull(),
    /** The whole update the user asked for, before it was split. */
    request: text('request', { mode: 'json' }).$type<UpdateModelDeploymentDetails>().notNull(),
    steps: text('steps', { mode: 'json' }).$type<UpdatePlanStep[]>().notNull(),
    message: text('message'),
    timeCreated: timestamp('time_created').notNull(),
    timeFinished: timestamp('time_finished'),
  },
  (t) => [index('update_plans_md_created_idx').on(t.modelDeploymentId, t.timeCreated), index('update_plans_status_idx').on(t.status)],
);
