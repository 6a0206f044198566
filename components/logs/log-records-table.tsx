'use client';

import { Fragment, useState } from 'react';
import { TextWithOcids } from '@/components/ocid/text-with-ocids';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { shortOcid } from '@/server/domain/ocid';
import type { LogRecord } from '@/server/domain/log-search';

const LEVEL_TONE: Record<string, BadgeTone> = { DEBUG: 'neutral', INFO: 'info', WARNING: 'warning', ERROR: 'danger', CRITICAL: 'danger' };

const timeOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

/**
 * Log records, one row each; a row's Details button shows its data (request id, status, stream...).
 * Fixed column widths keep the table inside the page: the message column takes what is left and
 * wraps at spaces (an unbroken token longer than the column, and only that, wraps where it must).
 */
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
    <div className="relative overflow-x-auto rounded-lg border border-gray-200 bg-white" data-testid="log-records-scroller">
      <table aria-label={label} className="w-full table-fixed border-collapse text-left text-sm">
        <THead>
          <TR>
            <TH className="w-[9.5rem]">Time</TH>
            <TH className="w-[5.5rem]">Category</TH>
            <TH className="hidden w-[6.5rem] xl:table-cell">Instance</TH>
            <TH className="w-[6.5rem]">Level</TH>
            <TH>Message</TH>
            <TH className="w-[7.5rem]">
              <span className="sr-only">Details</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {records.map((r) => {
            const expanded = open.has(r.id);
            const cut = typeof r.data?.cutBytes === 'number' && r.data.cutBytes > 0;
            return (
              <Fragment key={r.id}>
                <TR className="align-top">
                  <TD className="align-top font-mono text-xs whitespace-nowrap">
                    <time dateTime={new Date(r.timestamp).toISOString()}>{timeOf(r.timestamp)}</time>
                  </TD>
                  <TD className="align-top">{r.category === 'access' ? 'Access' : 'Predict'}</TD>
                  <TD className="hidden truncate align-top font-mono text-xs xl:table-cell" title={r.instanceId ?? undefined}>
                    {r.instanceId ? shortOcid(r.instanceId) : '—'}
                  </TD>
                  <TD className="align-top">
                    <Badge tone={LEVEL_TONE[r.level] ?? 'neutral'}>{r.level}</Badge>
                  </TD>
                  <TD className="align-top">
                    <pre className="max-h-28 overflow-y-auto font-mono text-xs whitespace-pre-wrap text-gray-800 [overflow-wrap:anywhere] [word-break:normal]">
                      <TextWithOcids text={r.message} />
                    </pre>
                    {cut && <p className="mt-1 text-xs text-amber-800">Cut to 16 KB when stored; the record was longer.</p>}
                  </TD>
                  <TD className="text-right align-top">
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
                      <pre aria-label={`Details of log record ${r.id}`} className="overflow-auto font-mono text-xs whitespace-pre-wrap text-gray-700 [overflow-wrap:anywhere]">
                        {JSON.stringify({ ...r.data, instanceId: r.instanceId }, null, 2)}
                      </pre>
                    </TD>
                  </TR>
                )}
              </Fragment>
            );
          })}
        </TBody>
      </table>
    </div>
  );
}
