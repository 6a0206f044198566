import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { FaultEndReason, FaultSpec } from '@/server/domain/faults';
import { timestamp } from './columns';

// Faults injected into a deployment (local provider). The gateway reads the ones not ended and
// applies them until time_expires by its own clock; the console records the end (turned off, or
// expired) and the work request of each change.
export const deploymentFaults = sqliteTable(
  'deployment_faults',
  {
    id: text('id').primaryKey(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    kind: text('kind').$type<FaultSpec['kind']>().notNull(),
    spec: text('spec', { mode: 'json' }).$type<FaultSpec>().notNull(),
    timeStarted: timestamp('time_started').notNull(),
    timeExpires: timestamp('time_expires').notNull(),
    timeEnded: timestamp('time_ended'),
    endReason: text('end_reason').$type<FaultEndReason>(),
    startWorkRequestId: text('start_work_request_id'),
    endWorkRequestId: text('end_work_request_id'),
  },
  (t) => [index('faults_md_idx').on(t.modelDeploymentId, t.timeEnded)],
);
