import type { DbOrTx } from '@/db/client';
import { appendAuditEvent } from '@/db/queries/audit';
import type { Principal } from '@/server/domain/principal';

export interface AuditRecord {
  action: string;
  resourceType?: string;
  resourceId?: string | undefined;
  compartmentId?: string | undefined;
  outcome: 'SUCCEEDED' | 'FAILED' | 'DENIED';
  detail?: string;
}

/** Who did it comes from the principal; an unknown caller (a failed sign-in) is named by what it gave. */
export function recordAudit(db: DbOrTx, who: Principal | { userName: string; address: string; requestId: string }, record: AuditRecord, now = new Date()): void {
  appendAuditEvent(db, {
    time: now.toISOString(),
    principalId: 'userId' in who ? who.userId : null,
    principalName: who.userName,
    action: record.action,
    resourceType: record.resourceType ?? '',
    resourceId: record.resourceId ?? null,
    compartmentId: record.compartmentId ?? null,
    address: who.address,
    requestId: who.requestId,
    outcome: record.outcome,
    detail: record.detail ?? '',
  });
}
