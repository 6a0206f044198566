import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { deploymentRevisions, revisionAttributions, workRequests } from '../schema';

export type DeploymentRevisionRow = typeof deploymentRevisions.$inferSelect;
export type NewDeploymentRevisionRow = typeof deploymentRevisions.$inferInsert;
export type RevisionAttributionRow = typeof revisionAttributions.$inferSelect;
export type RevisionAttributionPatch = Partial<Pick<RevisionAttributionRow, 'principalId' | 'principalName' | 'rollbackOf'>>;

/** Oldest first: revision 1, 2, ... */
export const listRevisionRows = (db: DbOrTx, modelDeploymentId: string): DeploymentRevisionRow[] =>
  db.select().from(deploymentRevisions).where(eq(deploymentRevisions.modelDeploymentId, modelDeploymentId)).orderBy(asc(deploymentRevisions.revision)).all();

export const getRevisionRow = (db: DbOrTx, modelDeploymentId: string, revision: number): DeploymentRevisionRow | undefined =>
  db
    .select()
    .from(deploymentRevisions)
    .where(and(eq(deploymentRevisions.modelDeploymentId, modelDeploymentId), eq(deploymentRevisions.revision, revision)))
    .get();

export const latestRevisionRow = (db: DbOrTx, modelDeploymentId: string): DeploymentRevisionRow | undefined =>
  db.select().from(deploymentRevisions).where(eq(deploymentRevisions.modelDeploymentId, modelDeploymentId)).orderBy(desc(deploymentRevisions.revision)).limit(1).get();

export const revisionOfWorkRequest = (db: DbOrTx, workRequestId: string): DeploymentRevisionRow | undefined =>
  db.select().from(deploymentRevisions).where(eq(deploymentRevisions.workRequestId, workRequestId)).get();

export const insertRevisionRow = (db: DbOrTx, row: NewDeploymentRevisionRow): DeploymentRevisionRow =>
  db.insert(deploymentRevisions).values(row).returning().get();

export const getAttributionRow = (db: DbOrTx, subjectId: string): RevisionAttributionRow | undefined =>
  db.select().from(revisionAttributions).where(eq(revisionAttributions.subjectId, subjectId)).get();

/** Adds to what is known of a work request or plan; fields left out keep their value. */
export function upsertAttributionRow(db: DbOrTx, subjectId: string, modelDeploymentId: string, patch: RevisionAttributionPatch): RevisionAttributionRow {
  const known = getAttributionRow(db, subjectId);
  const next: RevisionAttributionRow = {
    subjectId,
    modelDeploymentId,
    principalId: patch.principalId !== undefined ? patch.principalId : (known?.principalId ?? null),
    principalName: patch.principalName !== undefined ? patch.principalName : (known?.principalName ?? null),
    rollbackOf: patch.rollbackOf !== undefined ? patch.rollbackOf : (known?.rollbackOf ?? null),
  };
  db.insert(revisionAttributions).values(next).onConflictDoUpdate({ target: revisionAttributions.subjectId, set: next }).run();
  return next;
}

/** The work requests of an update plan, whose revisions its attribution covers. */
export const workRequestIdsOfPlan = (db: DbOrTx, planId: string): string[] =>
  db.select({ id: workRequests.id }).from(workRequests).where(eq(workRequests.planId, planId)).all().map((r) => r.id);

export const planIdOfWorkRequest = (db: DbOrTx, workRequestId: string): string | null =>
  db.select({ planId: workRequests.planId }).from(workRequests).where(eq(workRequests.id, workRequestId)).get()?.planId ?? null;

export function updateRevisionAttribution(db: DbOrTx, workRequestIds: readonly string[], patch: RevisionAttributionPatch): void {
  if (workRequestIds.length === 0) return;
  db.update(deploymentRevisions).set(patch).where(inArray(deploymentRevisions.workRequestId, [...workRequestIds])).run();
}
