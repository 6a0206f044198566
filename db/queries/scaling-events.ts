import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { WorkRequestStatus } from '@/server/domain/oci-types';
import type { DbOrTx } from '../client';
import { metricPoints, scalingEvents, workRequests } from '../schema';

export type ScalingEventRow = typeof scalingEvents.$inferSelect;
export type NewScalingEventRow = typeof scalingEvents.$inferInsert;

/** A recorded decision with the state of the work request that carried it out, if any. */
export type ScalingEventView = ScalingEventRow & { workRequestStatus: WorkRequestStatus | null };

export const insertScalingEvent = (db: DbOrTx, row: NewScalingEventRow): number =>
  Number(db.insert(scalingEvents).values(row).run().lastInsertRowid);

/** Newest first. */
export const listScalingEvents = (db: DbOrTx, modelDeploymentId: string, limit: number): ScalingEventView[] =>
  db
    .select({ event: scalingEvents, workRequestStatus: workRequests.status })
    .from(scalingEvents)
    .leftJoin(workRequests, eq(workRequests.id, scalingEvents.workRequestId))
    .where(eq(scalingEvents.modelDeploymentId, modelDeploymentId))
    .orderBy(desc(scalingEvents.time), desc(scalingEvents.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.event, workRequestStatus: r.workRequestStatus ?? null }));

/**
 * When the deployment's last scaling action ended (OCI: the cooldown starts once the deployment is
 * ACTIVE again); a scaling still running counts as now. Null when it never scaled. The idle
 * guard's deactivations and activations on the same timeline are not scalings.
 */
export function lastScalingFinishedAt(db: DbOrTx, modelDeploymentId: string, now: number): number | null {
  const last = db
    .select({ finished: workRequests.timeFinished })
    .from(scalingEvents)
    .innerJoin(workRequests, eq(workRequests.id, scalingEvents.workRequestId))
    .where(and(eq(scalingEvents.modelDeploymentId, modelDeploymentId), isNotNull(scalingEvents.workRequestId), inArray(scalingEvents.action, ['SCALE_OUT', 'SCALE_IN'])))
    .orderBy(desc(scalingEvents.time), desc(scalingEvents.id))
    .limit(1)
    .get();
  if (!last) return null;
  return last.finished ? Date.parse(last.finished) : now;
}

/**
 * One value per stored sample time: the mean over the deployment's instances of a gauge such as
 * CpuUtilization (what `Metric[1m]{resourceId = ...}.grouping().mean()` computes, at the
 * resolution the sampler wrote), oldest first.
 */
export const listGroupedMeans = (db: DbOrTx, q: { resourceId: string; name: string; namespace: string; since: number; until: number }) =>
  db
    .select({ timestamp: metricPoints.timestamp, value: sql<number>`sum(${metricPoints.sum}) / sum(${metricPoints.count})` })
    .from(metricPoints)
    .where(
      and(
        eq(metricPoints.resourceId, q.resourceId),
        eq(metricPoints.name, q.name),
        eq(metricPoints.namespace, q.namespace),
        sql`${metricPoints.timestamp} >= ${q.since}`,
        sql`${metricPoints.timestamp} <= ${q.until}`,
      ),
    )
    .groupBy(metricPoints.timestamp)
    .orderBy(metricPoints.timestamp)
    .all();
