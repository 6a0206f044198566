import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ActivationSchedule } from '@/server/domain/idle-guard';
import { timestamp } from './columns';

// A deployment's idle guard (local provider): deactivate after idleMinutes without predict
// requests, and optionally activate on a weekly UTC schedule. The guard's actions are work
// requests recorded in scaling_events; the last two columns are the engine's memory between
// evaluations, so a scheduled time is acted on once and a hold is recorded once.
export const idleGuards = sqliteTable('idle_guards', {
  modelDeploymentId: text('model_deployment_id').primaryKey(),
  isEnabled: integer('is_enabled', { mode: 'boolean' }).notNull(),
  idleMinutes: integer('idle_minutes').notNull(),
  /** Null: no scheduled activation. */
  schedule: text('schedule', { mode: 'json' }).$type<ActivationSchedule>(),
  /** The newest scheduled activation carried out or passed over (epoch ms). */
  handledSlot: integer('handled_slot'),
  /** The key of the hold last recorded; cleared once the guard acts or nothing holds it back. */
  lastHoldKey: text('last_hold_key'),
  timeCreated: timestamp('time_created').notNull(),
  /** When the guard was last saved: it counts idle time from then at the earliest. */
  timeUpdated: timestamp('time_updated').notNull(),
});
