import type { AuditEventView } from '@/server/domain/audit';
import { AuditEventsTable } from './audit-events-table';

/** A resource's own audit events: what was done to it, by whom, and how it ended. */
export function ResourceHistory({ events, label, limit }: { events: readonly AuditEventView[]; label: string; limit: number }) {
  if (events.length === 0) return <p className="text-sm text-gray-600">No recorded changes yet. Changes made before the audit log existed are not listed.</p>;
  return (
    <div className="flex flex-col gap-2">
      <AuditEventsTable events={events} label={label} showResource={false} />
      {events.length >= limit && <p className="text-xs text-gray-500">The latest {limit} events; the audit log on the Operations page has every one.</p>}
    </div>
  );
}
