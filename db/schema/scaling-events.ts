import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ConditionObservation } from '@/server/domain/autoscaling-evaluator';
import type { ScalingEventAction, ScalingEventHeldBy } from '@/server/domain/scaling-summary';
import { timestamp } from './columns';

// What the scaler decided for a deployment: every evaluation that scaled, or that wanted to and
// was held back by the cooldown or the bounds, with the values it saw. A scaling decision names
// the work request that carried it out.
export const scalingEvents = sqliteTable(
  'scaling_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    modelDeploymentId: text('model_deployment_id').notNull(),
    time: timestamp('time').notNull(),
    action: text('action').$type<ScalingEventAction>().notNull(),
    fromCount: integer('from_count').notNull(),
    toCount: integer('to_count').notNull(),
    reason: text('reason').notNull(),
    heldBy: text('held_by').$type<ScalingEventHeldBy>(),
    observations: text('observations', { mode: 'json' }).$type<ConditionObservation[]>().notNull(),
    workRequestId: text('work_request_id'),
  },
  (t) => [index('scaling_events_md_idx').on(t.modelDeploymentId, t.time)],
);
