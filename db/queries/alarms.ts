import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { alarmHistory, alarms, workRequests } from '../schema';

export type AlarmRow = typeof alarms.$inferSelect;
export type AlarmHistoryRow = typeof alarmHistory.$inferSelect;
export type NewAlarmHistoryRow = typeof alarmHistory.$inferInsert;

export const insertAlarmRow = (db: DbOrTx, row: AlarmRow): void => {
  db.insert(alarms).values(row).run();
};

export const getAlarmRow = (db: DbOrTx, id: string): AlarmRow | undefined => db.select().from(alarms).where(eq(alarms.id, id)).get();

export const listAlarmRows = (db: DbOrTx, modelDeploymentId: string): AlarmRow[] =>
  db.select().from(alarms).where(eq(alarms.modelDeploymentId, modelDeploymentId)).orderBy(alarms.timeCreated, alarms.id).all();

export const listAllAlarmRows = (db: DbOrTx): AlarmRow[] => db.select().from(alarms).orderBy(alarms.timeCreated, alarms.id).all();

export const listEnabledAlarmRows = (db: DbOrTx): AlarmRow[] => db.select().from(alarms).where(eq(alarms.isEnabled, true)).orderBy(alarms.modelDeploymentId, alarms.id).all();

export const updateAlarmRow = (db: DbOrTx, id: string, patch: Partial<Omit<AlarmRow, 'id' | 'modelDeploymentId' | 'timeCreated'>>): void => {
  db.update(alarms).set(patch).where(eq(alarms.id, id)).run();
};

/** The alarm and its history go together. */
export const deleteAlarmRow = (db: DbOrTx, id: string): void => {
  db.delete(alarmHistory).where(eq(alarmHistory.alarmId, id)).run();
  db.delete(alarms).where(eq(alarms.id, id)).run();
};

export const insertAlarmHistory = (db: DbOrTx, row: NewAlarmHistoryRow): number => Number(db.insert(alarmHistory).values(row).run().lastInsertRowid);

/** Newest first, all of a deployment's alarms. */
export const listAlarmHistory = (db: DbOrTx, modelDeploymentId: string, limit: number): AlarmHistoryRow[] =>
  db.select().from(alarmHistory).where(eq(alarmHistory.modelDeploymentId, modelDeploymentId)).orderBy(desc(alarmHistory.time), desc(alarmHistory.id)).limit(limit).all();

/** Newest first, one alarm's. */
export const listAlarmHistoryOf = (db: DbOrTx, alarmId: string, limit: number): AlarmHistoryRow[] =>
  db.select().from(alarmHistory).where(eq(alarmHistory.alarmId, alarmId)).orderBy(desc(alarmHistory.time), desc(alarmHistory.id)).limit(limit).all();

/**
 * When the deployment's last alarm action ended; one still running counts as now. Null when no
 * alarm ever acted on it. The cooldown is the deployment's, so two alarms cannot take turns.
 */
export function lastAlarmActionFinishedAt(db: DbOrTx, modelDeploymentId: string, now: number): number | null {
  const last = db
    .select({ finished: workRequests.timeFinished })
    .from(alarmHistory)
    .innerJoin(workRequests, eq(workRequests.id, alarmHistory.workRequestId))
    .where(and(eq(alarmHistory.modelDeploymentId, modelDeploymentId), eq(alarmHistory.kind, 'ACTION'), isNotNull(alarmHistory.workRequestId)))
    .orderBy(desc(alarmHistory.time), desc(alarmHistory.id))
    .limit(1)
    .get();
  if (!last) return null;
  return last.finished ? Date.parse(last.finished) : now;
}

/** Enabled FIRING alarms per deployment, for badges; only the deployments asked about, or all. */
export function countFiringAlarms(db: DbOrTx, modelDeploymentIds?: readonly string[]): Map<string, number> {
  if (modelDeploymentIds && modelDeploymentIds.length === 0) return new Map();
  const firing = and(eq(alarms.state, 'FIRING'), eq(alarms.isEnabled, true));
  const rows = db
    .select({ id: alarms.modelDeploymentId, n: sql<number>`count(*)` })
    .from(alarms)
    .where(modelDeploymentIds ? and(firing, inArray(alarms.modelDeploymentId, [...modelDeploymentIds])) : firing)
    .groupBy(alarms.modelDeploymentId)
    .all();
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Every enabled FIRING alarm, worst first then oldest: the operations page's list. */
export const listFiringAlarmRows = (db: DbOrTx, limit: number): AlarmRow[] =>
  db
    .select()
    .from(alarms)
    .where(and(eq(alarms.state, 'FIRING'), eq(alarms.isEnabled, true)))
    .orderBy(sql`case ${alarms.severity} when 'CRITICAL' then 0 when 'ERROR' then 1 when 'WARNING' then 2 else 3 end`, alarms.timeStateChanged)
    .limit(limit)
    .all();
