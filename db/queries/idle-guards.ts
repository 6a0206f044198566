import { and, asc, desc, eq, gt, inArray, isNotNull, max } from 'drizzle-orm';
import type { JobOperationType } from '@/server/domain/oci-types';
import type { DbOrTx } from '../client';
import { idleGuards, metricPoints, workRequests } from '../schema';

export type IdleGuardRow = typeof idleGuards.$inferSelect;

export const getIdleGuardRow = (db: DbOrTx, modelDeploymentId: string): IdleGuardRow | undefined =>
  db.select().from(idleGuards).where(eq(idleGuards.modelDeploymentId, modelDeploymentId)).get();

export const listEnabledIdleGuardRows = (db: DbOrTx): IdleGuardRow[] => db.select().from(idleGuards).where(eq(idleGuards.isEnabled, true)).all();

/** Saves the settings; a saving starts the guard's watch afresh, so what it remembered goes. */
export function saveIdleGuardRow(db: DbOrTx, row: Pick<IdleGuardRow, 'modelDeploymentId' | 'isEnabled' | 'idleMinutes' | 'schedule' | 'timeUpdated'>): void {
  const settings = { isEnabled: row.isEnabled, idleMinutes: row.idleMinutes, schedule: row.schedule, timeUpdated: row.timeUpdated, handledSlot: null, lastHoldKey: null };
  db.insert(idleGuards)
    .values({ ...row, ...settings, timeCreated: row.timeUpdated })
    .onConflictDoUpdate({ target: idleGuards.modelDeploymentId, set: settings })
    .run();
}

export const updateIdleGuardMemory = (db: DbOrTx, modelDeploymentId: string, patch: Partial<Pick<IdleGuardRow, 'handledSlot' | 'lastHoldKey'>>): void => {
  db.update(idleGuards).set(patch).where(eq(idleGuards.modelDeploymentId, modelDeploymentId)).run();
};

export const deleteIdleGuardRow = (db: DbOrTx, modelDeploymentId: string): void => {
  db.delete(idleGuards).where(eq(idleGuards.modelDeploymentId, modelDeploymentId)).run();
};

/** The newest PredictRequestCount point that counted requests (one-minute or hourly), or null. */
export const lastPredictRequestPoint = (db: DbOrTx, resourceId: string): { timestamp: number; resolutionMs: number } | null =>
  db
    .select({ timestamp: metricPoints.timestamp, resolutionMs: metricPoints.resolutionMs })
    .from(metricPoints)
    .where(and(eq(metricPoints.resourceId, resourceId), eq(metricPoints.name, 'PredictRequestCount'), gt(metricPoints.sum, 0)))
    .orderBy(desc(metricPoints.timestamp))
    .limit(1)
    .get() ?? null;

/** When the deployment last became ACTIVE: its newest create or activation that succeeded (epoch ms), or null. */
export function lastActivatedAt(db: DbOrTx, modelDeploymentId: string): number | null {
  const row = db
    .select({ finished: max(workRequests.timeFinished) })
    .from(workRequests)
    .where(
      and(
        eq(workRequests.resourceId, modelDeploymentId),
        inArray(workRequests.operationType, ['MODEL_DEPLOYMENT_CREATE', 'MODEL_DEPLOYMENT_ACTIVATE']),
        eq(workRequests.status, 'SUCCEEDED'),
        isNotNull(workRequests.timeFinished),
      ),
    )
    .get();
  return row?.finished ? Date.parse(row.finished) : null;
}

/** The operation of the oldest work request queued or running on the resource (the one that runs first), or null. */
export const inFlightOperation = (db: DbOrTx, resourceId: string): JobOperationType | null =>
  db
    .select({ op: workRequests.operationType })
    .from(workRequests)
    .where(and(eq(workRequests.resourceId, resourceId), inArray(workRequests.status, ['ACCEPTED', 'IN_PROGRESS'])))
    .orderBy(asc(workRequests.timeAccepted))
    .limit(1)
    .get()?.op ?? null;
