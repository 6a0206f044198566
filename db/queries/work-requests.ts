import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { INTERNAL_JOB_TYPES, isWorkRequestOperation, type WorkRequestOperationType, type WorkRequestStatus } from '@/server/domain/oci-types';
import type { StartupFailure } from '@/server/domain/startup-failure';
import type { DbOrTx } from '../client';
import { workRequestErrors, workRequestLogs, workRequests } from '../schema';

export type WorkRequestRow = typeof workRequests.$inferSelect;
export type NewWorkRequestRow = typeof workRequests.$inferInsert;
export type WorkRequestLogRow = typeof workRequestLogs.$inferSelect;
export type WorkRequestErrorRow = typeof workRequestErrors.$inferSelect;
/** A row that is a work request of a resource, not one of the console's internal jobs. */
export type PublicWorkRequestRow = WorkRequestRow & { operationType: WorkRequestOperationType };

const isPublic = (r: WorkRequestRow): r is PublicWorkRequestRow => isWorkRequestOperation(r.operationType);
const notInternal = notInArray(workRequests.operationType, [...INTERNAL_JOB_TYPES]);

export const insertWorkRequestRow = (db: DbOrTx, row: NewWorkRequestRow): void => {
  db.insert(workRequests).values(row).run();
};

export const getWorkRequestRow = (db: DbOrTx, id: string): WorkRequestRow | undefined =>
  db.select().from(workRequests).where(eq(workRequests.id, id)).get();

/** A work request as OCI's API and the console show it: an internal job's id is not one. */
export const getPublicWorkRequestRow = (db: DbOrTx, id: string): PublicWorkRequestRow | undefined => {
  const row = getWorkRequestRow(db, id);
  return row && isPublic(row) ? row : undefined;
};

export const updateWorkRequestRow = (db: DbOrTx, id: string, patch: Partial<NewWorkRequestRow>): void => {
  db.update(workRequests).set(patch).where(eq(workRequests.id, id)).run();
};

export const listWorkRequestRowsByStatus = (db: DbOrTx, statuses: WorkRequestStatus[]): WorkRequestRow[] =>
  db
    .select()
    .from(workRequests)
    .where(inArray(workRequests.status, statuses))
    .orderBy(asc(workRequests.timeAccepted), sql`rowid`) // rowid keeps FIFO within one millisecond
    .all();

export interface WorkRequestListQuery {
  compartmentId?: string;
  resourceId?: string;
  operationType?: string;
  status?: string;
  limit: number;
  offset: number;
}

export function listWorkRequestRows(db: DbOrTx, q: WorkRequestListQuery): PublicWorkRequestRow[] {
  const conds = [
    notInternal,
    q.compartmentId ? eq(workRequests.compartmentId, q.compartmentId) : undefined,
    // A work request may touch several resources; resourceId matches any of them, as OCI's does.
    q.resourceId
      ? sql`exists (select 1 from json_each(${workRequests.resources}) r where json_extract(r.value, '$.identifier') = ${q.resourceId})`
      : undefined,
    q.operationType ? eq(workRequests.operationType, q.operationType as WorkRequestRow['operationType']) : undefined,
    q.status ? eq(workRequests.status, q.status as WorkRequestStatus) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(workRequests)
    .where(and(...conds))
    .orderBy(desc(workRequests.timeAccepted), sql`rowid desc`)
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .filter(isPublic);
}

export const insertWorkRequestLog = (db: DbOrTx, workRequestId: string, message: string, timestamp: string): void => {
  db.insert(workRequestLogs).values({ workRequestId, message, timestamp }).run();
};

export const insertWorkRequestError = (
  db: DbOrTx,
  workRequestId: string,
  code: string,
  message: string,
  timestamp: string,
  failure: StartupFailure | null = null,
): void => {
  db.insert(workRequestErrors).values({ workRequestId, code, message, timestamp, failure }).run();
};

export const listWorkRequestLogRows = (db: DbOrTx, workRequestId: string, limit: number, offset: number): WorkRequestLogRow[] =>
  db
    .select()
    .from(workRequestLogs)
    .where(eq(workRequestLogs.workRequestId, workRequestId))
    .orderBy(asc(workRequestLogs.id))
    .limit(limit)
    .offset(offset)
    .all();

export const listWorkRequestErrorRows = (db: DbOrTx, workRequestId: string, limit: number, offset: number): WorkRequestErrorRow[] =>
  db
    .select()
    .from(workRequestErrors)
    .where(eq(workRequestErrors.workRequestId, workRequestId))
    .orderBy(asc(workRequestErrors.id))
    .limit(limit)
    .offset(offset)
    .all();

/** The newest failed work requests, each with its errors. */
export function listFailedWorkRequestRows(db: DbOrTx, limit: number): (PublicWorkRequestRow & { errors: WorkRequestErrorRow[] })[] {
  const rows = db.select().from(workRequests).where(and(eq(workRequests.status, 'FAILED'), notInternal)).orderBy(desc(workRequests.timeAccepted)).limit(limit).all().filter(isPublic);
  const errors = rows.length ? db.select().from(workRequestErrors).where(inArray(workRequestErrors.workRequestId, rows.map((r) => r.id))).all() : [];
  return rows.map((r) => ({ ...r, errors: errors.filter((e) => e.workRequestId === r.id) }));
}

/** A step's work request belongs to its update plan (the deployment's history groups them). */
export const linkWorkRequestToPlan = (db: DbOrTx, workRequestId: string, planId: string, planStep: number): void => {
  db.update(workRequests).set({ planId, planStep }).where(eq(workRequests.id, workRequestId)).run();
};
