'use client';

import Link from 'next/link';
import { useState } from 'react';
import { RelativeTime } from '@/components/relative-time';
import { StateBadge } from '@/components/state-badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { WorkRequest } from '@/server/domain/oci-types';
import { operationLabel } from './operation-label';
import { useWorkRequest } from './use-work-request';
import { WorkRequestProgress } from './work-request-progress';

export interface WorkRequestResource {
  id: string;
  displayName: string;
  kind: string;
  href: string;
}

type Row = WorkRequest & { resource?: WorkRequestResource };

export interface WorkRequestsTableProps {
  /** With `resource` on each row, a Resource column names what the work request was about. */
  workRequests: Row[];
  emptyDescription?: string;
}

/**
 * A running work request's row follows the same live query the status panel follows (one cache
 * entry per id), so both show one percent complete; a finished one's comes from the page.
 */
function WorkRequestRow({ page, withResource, onOpen }: { page: Row; withResource: boolean; onOpen: () => void }) {
  const running = page.status === 'ACCEPTED' || page.status === 'IN_PROGRESS';
  const w = useWorkRequest(running ? page.id : null).data?.workRequest ?? page;
  return (
    <TR>
      <TD>{operationLabel(w.operationType)}</TD>
      {withResource && (
        <TD>
          {page.resource && (
            <>
              <Link href={page.resource.href} className="text-accent-700 hover:underline">
                {page.resource.displayName}
              </Link>
              <span className="ml-1.5 text-xs text-gray-500">{page.resource.kind}</span>
            </>
          )}
        </TD>
      )}
      <TD>
        <StateBadge state={w.status} />
      </TD>
      <TD>{Math.round(w.percentComplete)}%</TD>
      <TD>
        <RelativeTime iso={w.timeAccepted} />
      </TD>
      <TD>{w.timeFinished ? <RelativeTime iso={w.timeFinished} /> : '—'}</TD>
      <TD className="text-right">
        <Button size="sm" variant="link" onClick={onOpen}>
          Log messages
        </Button>
      </TD>
    </TR>
  );
}

export function WorkRequestsTable({ workRequests, emptyDescription = 'Deleting, updating and other long operations appear here.' }: WorkRequestsTableProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const wr = useWorkRequest(openId);
  if (workRequests.length === 0) {
    return <EmptyState title="No work requests yet" description={emptyDescription} />;
  }
  const withResource = workRequests.some((w) => w.resource);
  return (
    <>
      <Table label="Work requests">
        <THead>
          <TR>
            <TH>Operation</TH>
            {withResource && <TH>Resource</TH>}
            <TH>Status</TH>
            <TH>% complete</TH>
            <TH>Accepted</TH>
            <TH>Finished</TH>
            <TH>
              <span className="sr-only">Details</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {workRequests.map((w) => (
            <WorkRequestRow key={w.id} page={w} withResource={withResource} onOpen={() => setOpenId(w.id)} />
          ))}
        </TBody>
      </Table>
      <Dialog open={openId !== null} onOpenChange={(o) => !o && setOpenId(null)}>
        <DialogContent title="Work request" description={openId ?? undefined} size="lg">
          <WorkRequestProgress view={wr.data} error={wr.error} />
        </DialogContent>
      </Dialog>
    </>
  );
}
