import crypto from 'node:crypto';
import type { DbOrTx } from '../client';
import { auditEvents } from '../schema';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, 'id' | 'eventId'>;

/** The log is append-only: this insert is the only write any code makes to it. */
export function appendAuditEvent(db: DbOrTx, event: NewAuditEvent): void {
  db.insert(auditEvents).values({ ...event, eventId: crypto.randomUUID() }).run();
}
