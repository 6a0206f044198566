import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AlarmAction } from '@/server/domain/alarm-actions';
import type { AlarmSeverity, AlarmState } from '@/server/domain/alarm-evaluator';
import type { AlarmHistoryKind } from '@/server/domain/alarm-view';
import { timestamp } from './columns';

// Alarms in the OCI Monitoring sense, one deployment each (local provider): a query over the
// metrics Berth records, a threshold comparison (part of the query), a pending duration, a
// severity, a repeat interval, and the action seed 004's functions take when it fires. The state is
// the engine's; every transition, and every action taken or refused, is a row in alarm_history.
export const alarms = sqliteTable(
  'alarms',
  {
    id: text('id').primaryKey(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    displayName: text('display_name').notNull(),
    query: text('query').notNull(),
    severity: text('severity').$type<AlarmSeverity>().notNull(),
    pendingSeconds: integer('pending_seconds').notNull(),
    /** Null: no repeat notification. */
    repeatSeconds: integer('repeat_seconds'),
    isEnabled: integer('is_enabled', { mode: 'boolean' }).notNull(),
    action: text('action', { mode: 'json' }).$type<AlarmAction>().notNull(),
    coolDownSeconds: integer('cool_down_seconds').notNull(),
    state: text('state').$type<AlarmState>().notNull(),
    timeStateChanged: timestamp('time_state_changed'),
    timeLastNotified: timestamp('time_last_notified'),
    lastValue: real('last_value'),
    lastSummary: text('last_summary'),
    timeLastEvaluated: timestamp('time_last_evaluated'),
    // OCI Monitoring's own fields, for alarms made through /20180401 or an OCI context: the alarm's
    // compartment (null: its deployment's), the notification body, and the topics it notifies.
    compartmentId: text('compartment_id'),
    body: text('body'),
    destinations: text('destinations', { mode: 'json' }).$type<string[]>().notNull().default([]),
    timeCreated: timestamp('time_created').notNull(),
    timeUpdated: timestamp('time_updated').notNull(),
  },
  (t) => [index('alarms_md_idx').on(t.modelDeploymentId), index('alarms_state_idx').on(t.state, t.isEnabled)],
);

export const alarmHistory = sqliteTable(
  'alarm_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alarmId: text('alarm_id').notNull(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    time: timestamp('time').notNull(),
    kind: text('kind').$type<AlarmHistoryKind>().notNull(),
    value: real('value'),
    summary: text('summary').notNull(),
    workRequestId: text('work_request_id'),
  },
  (t) => [index('alarm_history_alarm_idx').on(t.alarmId, t.time), index('alarm_history_md_idx').on(t.modelDeploymentId, t.time)],
);
