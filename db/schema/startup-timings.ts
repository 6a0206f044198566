import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

// How long each create took on this installation, phase by phase, per runtime (a conda slug or a
// custom image): the history a running create's "about N s left" is estimated from.
export const startupTimings = sqliteTable(
  'startup_timings',
  {
    workRequestId: text('work_request_id').primaryKey(),
    // 'conda:<slug>' or 'image:<name:tag>'
    runtimeKey: text('runtime_key').notNull(),
    // Milliseconds from the work's start at which each percent complete was reached: {"30": 410}.
    marks: text('marks', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    // Set once the create succeeded; failed ones teach nothing about a healthy start.
    totalMs: integer('total_ms'),
    timeStarted: timestamp('time_started').notNull(),
  },
  (t) => [index('startup_timings_key_idx').on(t.runtimeKey, t.timeStarted)],
);
