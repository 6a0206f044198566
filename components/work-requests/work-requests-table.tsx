'use client';

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
            <TR key={w.id}>
              <TD>{operationLabel(w.operationType)}</TD>
              <TD>
                <StateBadge state={w.status} />
              </TD>
              <TD>{Math.round(w.percentComplete)}%</TD>
              <TD>
                <RelativeTime iso={w.timeAccepted} />
              </TD>
              <TD>{w.timeFinished ? <RelativeTime iso={w.timeFinished} /> : '—'}</TD>
              <TD className="text-right">
                <Button size="sm" variant="link" onClick={() => setOpenId(w.id)}>
                  Log messages
                </Button>
              </TD>
            </TR>
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
