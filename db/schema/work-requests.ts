import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type {
  JobOperationType,
  WorkRequestResource,
  WorkRequestStatus,
} from '@/server/domain/oci-types';
import type { StartupFailure } from '@/server/domain/startup-failure';
import { timestamp } from './columns';

export const workRequests = sqliteTable(
  'work_requests',
  {
    id: text('id').primaryKey(),
    operationType: text('operation_type').$type<JobOperationType>().notNull(),
    status: text('status').$type<WorkRequestStatus>().notNull(),
    compartmentId: text('compartment_id').notNull(),
    percentComplete: real('percent_complete').notNull().default(0),
    resources: text('resources', { mode: 'json' }).$type<WorkRequestResource[]>().notNull(),
    timeAccepted: timestamp('time_accepted').notNull(),
    timeStarted: timestamp('time_started'),
    timeFinished: timestamp('time_finished'),
    // The resource whose work is serialised: two work requests for it never run at once.
    resourceId: text('resource_id').notNull(),
    // The operation's input, as the runner's handler needs it to run (or re-run after a restart).
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    // Runs of a plan (several updates applied one after another) share a plan id, in order.
    planId: text('plan_id'),
    planStep: integer('plan_step'),
  },
  (t) => [
    index('wr_resource_accepted_idx').on(t.resourceId, t.timeAccepted),
    index('wr_status_idx').on(t.status, t.timeAccepted),
    index('wr_compartment_accepted_idx').on(t.compartmentId, t.timeAccepted),
    index('wr_plan_idx').on(t.planId, t.planStep),
  ],
);

export const workRequestLogs = sqliteTable(
  'work_request_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workRequestId: text('work_request_id')
      .notNull()
      .references(() => workRequests.id),
    message: text('message').notNull(),
    timestamp: timestamp('timestamp').notNull(),
  },
  (t) => [index('wr_logs_wr_idx').on(t.workRequestId, t.id)],
);

export const workRequestErrors = sqliteTable(
  'work_request_errors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workRequestId: text('work_request_id')
      .notNull()
      .references(() => workRequests.id),
    code: text('code').notNull(),
    message: text('message').notNull(),
    timestamp: timestamp('timestamp').notNull(),
    // A startup failure named by its class, with the log excerpt that shows it and what to do.
    failure: text('failure', { mode: 'json' }).$type<StartupFailure>(),
  },
  (t) => [index('wr_errors_wr_idx').on(t.workRequestId, t.id)],
);
