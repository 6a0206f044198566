import Link from 'next/link';
import { FormattedTime } from '@/components/formatted-time';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { AuditEventView, AuditOutcome } from '@/server/domain/audit';
import { shortOcid } from '@/server/domain/ocid';

const TONE: Record<AuditOutcome, BadgeTone> = { SUCCEEDED: 'success', FAILED: 'danger', DENIED: 'warning' };

export interface AuditEventsTableProps {
  events: readonly AuditEventView[];
  label: string;
  /** Given (the audit page), names and resources link to the log filtered by them. */
  filterHref?: (filter: { principal?: string; resourceId?: string }) => string;
  /** A resource's own history leaves the resource column out. */
  showResource?: boolean;
}

const short = (id: string) => (id.startsWith('ocid1.') ? shortOcid(id) : id);

export function AuditEventsTable({ events, label, filterHref, showResource = true }: AuditEventsTableProps) {
  return (
    <Table label={label}>
      <THead>
        <TR>
          <TH>Time</TH>
          <TH>Principal</TH>
          <TH>Action</TH>
          {showResource && <TH>Resource</TH>}
          <TH>Outcome</TH>
          <TH>Address</TH>
          <TH>Request id</TH>
          <TH>Detail</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR key={e.id}>
            <TD className="whitespace-nowrap">
              <FormattedTime iso={e.time} />
            </TD>
            <TD title={e.principalId ?? 'no such user'}>
              {filterHref ? (
                <Link className="text-accent-700 hover:underline" href={filterHref({ principal: e.principalId ?? e.principalName })}>
                  {e.principalName}
                </Link>
              ) : (
                e.principalName
              )}
            </TD>
            <TD>{e.action}</TD>
            {showResource && (
              <TD title={e.resourceId ?? undefined} className="font-mono text-xs">
                {e.resourceType && <span className="mr-1 font-sans text-gray-500">{e.resourceType}</span>}
                {e.resourceId && filterHref ? (
                  <Link className="text-accent-700 hover:underline" href={filterHref({ resourceId: e.resourceId })}>
                    {short(e.resourceId)}
                  </Link>
                ) : (
                  e.resourceId && short(e.resourceId)
                )}
              </TD>
            )}
            <TD>
              <Badge tone={TONE[e.outcome]}>{e.outcome}</Badge>
            </TD>
            <TD className="font-mono text-xs">{e.address || '—'}</TD>
            <TD className="max-w-40 truncate font-mono text-xs" title={e.requestId}>
              {e.requestId || '—'}
            </TD>
            <TD className="max-w-64 text-xs [overflow-wrap:anywhere]">{e.detail || '—'}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
