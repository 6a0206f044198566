/** How an audited request ended: done, tried and failed, or refused by policy. */
export const AUDIT_OUTCOMES = ['SUCCEEDED', 'FAILED', 'DENIED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One audit event as the pages show it (an audit_events row). */
export interface AuditEventView {
  id: number;
  eventId: string;
  time: string;
  principalId: string | null;
  principalName: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  compartmentId: string | null;
  address: string;
  requestId: string;
  outcome: AuditOutcome;
  detail: string;
}
