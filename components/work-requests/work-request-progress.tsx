'use client';

import { StateBadge } from '@/components/state-badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Spinner } from '@/components/ui/spinner';
import { formatSecondsLeft } from '@/server/domain/startup-eta';
import { operationLabel } from './operation-label';
import { WorkRequestErrorItem } from './startup-failure-view';
import type { WorkRequestView } from './use-work-request';

const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** A work request as it runs: status, percent complete, each log line and any error. */
export function WorkRequestProgress({ view, error }: { view: WorkRequestView | undefined; error: Error | null }) {
  if (error) return <p role="alert" className="text-sm text-red-700">{error.message}</p>;
  if (!view) {
    return (
      <p className="flex items-center gap-2 text-sm text-gray-600">
        <Spinner /> Waiting for the work request…
      </p>
    );
  }
  const { workRequest: wr, logs, errors, estimate } = view;
  const running = wr.status === 'IN_PROGRESS' || wr.status === 'ACCEPTED';
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-medium text-gray-800">{operationLabel(wr.operationType)}</span>
        <StateBadge state={wr.status} />
      </div>
      <ProgressBar label="Percent complete" value={wr.percentComplete} showValue tone={wr.status === 'FAILED' ? 'danger' : undefined} />
      {running && estimate && <p className="text-xs text-gray-600">{formatSecondsLeft(estimate.secondsLeft)}</p>}
      {logs.length > 0 && (
        <ol aria-label="Log messages" className="max-h-40 overflow-y-auto rounded border border-gray-200 bg-gray-50 p-2 font-mono text-xs text-gray-700">
          {logs.map((l, i) => (
            <li key={i}>
              <span className="text-gray-500">{time(l.timestamp)}</span> {l.message}
            </li>
          ))}
        </ol>
      )}
      {errors.length > 0 && (
        <ul aria-label="Error messages" role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          {errors.map((e, i) => (
            <li key={i}>
              <WorkRequestErrorItem error={e} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
