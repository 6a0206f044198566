'use client';

import { useState } from 'react';
import { RelativeTime } from '@/components/relative-time';
import { StateBadge } from '@/components/state-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { operationLabel } from '@/components/work-requests/operation-label';
import { useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';
import type { WorkRequest } from '@/server/domain/oci-types';

/** "1 min 5 s", "800 ms"; null while the work request has not started. */
export function durationText(w: WorkRequest, now: number): string | null {
  if (!w.timeStarted) return null;
  const ms = (w.timeFinished ? Date.parse(w.timeFinished) : now) - Date.parse(w.timeStarted);
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The deployment's work requests, newest first, each opening onto its log messages and errors. */
export function WorkRequestTimeline({ workRequests }: { workRequests: readonly WorkRequest[] }) {
  const [now] = useState(() => Date.now());
  const sorted = [...workRequests].sort((a, b) => Date.parse(b.timeAccepted) - Date.parse(a.timeAccepted));
  return (
    <section aria-labelledby="wr-timeline-heading" className="flex flex-col gap-3">
      <h2 id="wr-timeline-heading" className="text-base font-semibold text-gray-900">
        Work request history
      </h2>
      {sorted.length === 0 ? (
        <EmptyState title="No work requests yet" description="Creating, updating, activating and deleting the deployment each leave a work request here." />
      ) : (
        <ol aria-label="Work request history" className="flex flex-col border-l-2 border-gray-200 pl-4">
          {sorted.map((w) => (
            <TimelineItem key={w.id} workRequest={w} duration={durationText(w, now)} />
          ))}
        </ol>
      )}
    </section>
  );
}

function TimelineItem({ workRequest: w, duration }: { workRequest: WorkRequest; duration: string | null }) {
  const [open, setOpen] = useState(false);
  const label = operationLabel(w.operationType);
  return (
    <li className="relative pb-4">
      <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] size-2.5 rounded-full bg-gray-400" />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-medium text-gray-900">{label}</span>
        <StateBadge state={w.status} />
        <span className="text-gray-600">
          Accepted <RelativeTime iso={w.timeAccepted} />
        </span>
        <span className="text-gray-600">{duration ? `took ${duration}${w.timeFinished ? '' : ' so far'}` : 'not started'}</span>
        <Button size="sm" variant="link" aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} log messages of ${label} accepted ${w.timeAccepted}`} onClick={() => setOpen(!open)}>
          {open ? 'Hide log messages' : 'Show log messages'}
        </Button>
      </div>
      {open && (
        <div className="mt-2 max-w-3xl">
          <WorkRequestDetails id={w.id} />
        </div>
      )}
    </li>
  );
}

function WorkRequestDetails({ id }: { id: string }) {
  const wr = useWorkRequest(id);
  return <WorkRequestProgress view={wr.data} error={wr.error} />;
}
