'use client';

import { Fragment, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { LogRecord } from '@/server/telemetry/logs-query';

const LEVEL_TONE: Record<string, BadgeTone> = { DEBUG: 'neutral', INFO: 'info', WARNING: 'warning', ERROR: 'danger', CRITICAL: 'danger' };

const timeOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

/** Log records, one row each; a row's Details button shows its data (request id, status, stream...). */
export function LogRecordsTable({ records, label }: { records: readonly LogRecord[]; label: string }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table label={label}>
      <THead>
        <TR>
          <TH>Time</TH>
          <TH>Category</TH>
          <TH>Instance</TH>
          <TH>Level</TH>
          <TH>Message</TH>
          <TH>
            <span className="sr-only">Details</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {records.map((r) => {
          const expanded = open.has(r.id);
          return (
            <Fragment key={r.id}>
              <TR>
                <TD className="whitespace-nowrap font-mono text-xs">
                  <time dateTime={new Date(r.timestamp).toISOString()}>{timeOf(r.timestamp)}</time>
                </TD>
                <TD>{r.category === 'access' ? 'Access' : 'Predict'}</TD>
                <TD className="max-w-32 truncate font-mono text-xs" title={r.instanceId ?? undefined}>
                  {r.instanceId ? r.instanceId.slice(-8) : '—'}
                </TD>
                <TD>
                  <Badge tone={LEVEL_TONE[r.level] ?? 'neutral'}>{r.level}</Badge>
                </TD>
                <TD>
                  <pre className="max-h-48 max-w-[48rem] overflow-auto whitespace-pre-wrap break-words font-mono text-xs text-gray-800">{r.message}</pre>
                </TD>
                <TD className="text-right">
                  {r.data && (
                    <Button size="sm" variant="link" aria-expanded={expanded} onClick={() => toggle(r.id)}>
                      {expanded ? 'Hide details' : 'Details'}
                    </Button>
                  )}
                </TD>
              </TR>
              {expanded && r.data && (
                <TR>
                  <TD colSpan={6} className="bg-gray-50">
                    <pre aria-label={`Details of log record ${r.id}`} className="overflow-auto font-mono text-xs text-gray-700">
                      {JSON.stringify({ ...r.data, instanceId: r.instanceId }, null, 2)}
                    </pre>
                  </TD>
                </TR>
              )}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
