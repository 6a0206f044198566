'use client';

import { useState } from 'react';
import { FormattedTime } from '@/components/formatted-time';
import { StateBadge } from '@/components/state-badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { WorkRequest } from '@/server/domain/oci-types';
import { operationLabel } from './operation-label';
import { useWorkRequest } from './use-work-request';
import { WorkRequestProgress } from './work-request-progress';

/**
 * A running work request's row follows the same live query the status panel follows (one cache
 * entry per id), so both show one percent complete; a finished one's comes from the page.
 */
function WorkRequestRow({ page, onOpen }: { page: WorkRequest; onOpen: () => void }) {
  const running = page.status === 'ACCEPTED' || page.status === 'IN_PROGRESS';
  const w = useWorkRequest(running ? page.id : null).data?.workRequest ?? page;
  return (
    <TR>
      <TD>{operationLabel(w.operationType)}</TD>
      <TD>
        <StateBadge state={w.status} />
      </TD>
      <TD>{Math.round(w.percentComplete)}%</TD>
      <TD>
        <FormattedTime iso={w.timeAccepted} />
      </TD>
      <TD>{w.timeFinished ? <FormattedTime iso={w.timeFinished} /> : '—'}</TD>
      <TD className="text-right">
        <Button size="sm" variant="link" onClick={onOpen}>
          Log messages
        </Button>
      </TD>
    </TR>
  );
}

export function WorkRequestsTable({ workRequests }: { workRequests: WorkRequest[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const wr = useWorkRequest(openId);
  if (workRequests.length === 0) {
    return <EmptyState title="No work requests yet" description="Deleting, updating and other long operations appear here." />;
  }
  return (
    <>
      <Table label="Work requests">
        <THead>
          <TR>
            <TH>Operation</TH>
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
            <WorkRequestRow key={w.id} page={w} onOpen={() => setOpenId(w.id)} />
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
