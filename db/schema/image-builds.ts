import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

// Runtime image builds, whoever ran them (the setup of `npm start`, a deployment whose image was
// missing, an operator on /admin): the operations page shows the running ones with their progress
// and the recent ones with how they ended.
export const imageBuilds = sqliteTable(
  'image_builds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The image being made: berth-runtime/<slug>:<hash> or the base image.
    image: text('image').notNull(),
    // The runtime's slug; null for the base image.
    slug: text('slug'),
    trigger: text('trigger').$type<'setup' | 'deployment' | 'operator'>().notNull(),
    state: text('state').$type<'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED'>().notNull(),
    // Dockerfile steps done and in all ("Step 5/12"); null while making the base image (no steps).
    stepsDone: integer('steps_done'),
    stepsTotal: integer('steps_total'),
    currentStep: text('current_step'),
    lastLine: text('last_line'),
    error: text('error'),
    // The process that builds: a build IN_PROGRESS whose process is gone was interrupted.
    pid: integer('pid').notNull(),
    timeStarted: timestamp('time_started').notNull(),
    timeUpdated: timestamp('time_updated').notNull(),
    timeFinished: timestamp('time_finished'),
  },
  (t) => [index('image_builds_started_idx').on(t.timeStarted)],
);
