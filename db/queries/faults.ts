import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { deploymentFaults } from '../schema';

export type FaultRow = typeof deploymentFaults.$inferSelect;

export const insertFaultRow = (db: DbOrTx, row: FaultRow): void => {
  db.insert(deploymentFaults).values(row).run();
};

export const getFaultRow = (db: DbOrTx, id: string): FaultRow | undefined =>
  db.select().from(deploymentFaults).where(eq(deploymentFaults.id, id)).get();

/** Faults whose end is not recorded yet (some may be past their expiry), oldest first. */
export const listOpenFaultRows = (db: DbOrTx, modelDeploymentId?: string): FaultRow[] =>
  db
    .select()
    .from(deploymentFaults)
    .where(modelDeploymentId ? and(isNull(deploymentFaults.timeEnded), eq(deploymentFaults.modelDeploymentId, modelDeploymentId)) : isNull(deploymentFaults.timeEnded))
    .orderBy(deploymentFaults.timeStarted)
    .all();

export const listFaultRows = (db: DbOrTx, modelDeploymentId: string, limit: number): FaultRow[] =>
  db.select().from(deploymentFaults).where(eq(deploymentFaults.modelDeploymentId, modelDeploymentId)).orderBy(desc(deploymentFaults.timeStarted)).limit(limit).all();

/** Records the end once: a fault already ended keeps its first end. Returns whether this call ended it. */
export const endFaultRow = (db: DbOrTx, id: string, patch: Pick<FaultRow, 'timeEnded' | 'endReason' | 'endWorkRequestId'>): boolean =>
  db
    .update(deploymentFaults)
    .set(patch)
    .where(and(eq(deploymentFaults.id, id), isNull(deploymentFaults.timeEnded)))
    .run().changes > 0;
