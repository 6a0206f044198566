import crypto from 'node:crypto';
import { and, asc, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditOutcome } from '@/server/domain/audit';
import type { DbOrTx } from '../client';
import { auditEvents } from '../schema';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, 'id' | 'eventId'>;

/** The log is append-only: this insert is the only write any code makes to it. */
export function appendAuditEvent(db: DbOrTx, event: NewAuditEvent): void {
  db.insert(auditEvents).values({ ...event, eventId: crypto.randomUUID() }).run();
}

export interface AuditFilter {
  /** A user OCID or a user name (a failed sign-in's unknown name has no OCID). */
  principal?: string | undefined;
  action?: string | undefined;
  resourceId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** RFC 3339; from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

function whereOf(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.principal) parts.push(or(eq(auditEvents.principalId, f.principal), eq(auditEvents.principalName, f.principal)) ?? sql`0`);
  if (f.action) parts.push(eq(auditEvents.action, f.action));
  if (f.resourceId) parts.push(eq(auditEvents.resourceId, f.resourceId));
  if (f.outcome) parts.push(eq(auditEvents.outcome, f.outcome));
  if (f.from) parts.push(gte(auditEvents.time, f.from));
  if (f.to) parts.push(lt(auditEvents.time, f.to));
  return parts.length ? and(...parts) : undefined;
}

/** One page of events, newest first (the id breaks ties within a millisecond), and how many match. */
export function listAuditEvents(db: DbOrTx, filter: AuditFilter, page: { limit: number; offset: number }): { rows: AuditEventRow[]; total: number } {
  const where = whereOf(filter);
  const rows = db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.time), desc(auditEvents.id)).limit(page.limit).offset(page.offset).all();
  const total = db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** A resource's own history, newest first: what its detail page shows. */
export const listResourceAuditEvents = (db: DbOrTx, resourceId: string, limit: number): AuditEventRow[] =>
  db.select().from(auditEvents).where(eq(auditEvents.resourceId, resourceId)).orderBy(desc(auditEvents.time), desc(auditEvents.id)).limit(limit).all();

/** The actions the log holds, for the filter's choices. */
export const listAuditActions = (db: DbOrTx): string[] =>
  db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action)).all().map((r) => r.action);
