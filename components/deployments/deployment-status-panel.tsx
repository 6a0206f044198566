'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useRefreshWhile } from '@/components/shell/use-refresh-while';
import { StateBadge } from '@/components/state-badge';
import { cn } from '@/components/ui/cn';
import { isFinished, useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestErrorItem } from '@/components/work-requests/startup-failure-view';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';
import { isTransitional } from '@/server/domain/md-lifecycle';
import type { ModelDeploymentLifecycleState, WorkRequest } from '@/server/domain/oci-types';
import { lifecycleAdvice } from './lifecycle-advice';

export interface DeploymentStatusPanelProps {
  state: ModelDeploymentLifecycleState;
  lifecycleDetails?: string;
  latestWorkRequest: WorkRequest | null;
}

const TONES = {
  info: 'border-accent-200 bg-accent-50/60',
  success: 'border-green-200 bg-green-50/60',
  warning: 'border-amber-200 bg-amber-50/60',
  danger: 'border-red-200 bg-red-50/70',
} as const;

const FALLBACK_REFRESH_MS = 1500;

/**
 * The deployment's state and lifecycle details, up front. While the state is transitional it
 * follows the newest work request live and refreshes the page when that ends; after a failure it
 * shows the work request's errors and what to do.
 */
export function DeploymentStatusPanel({ state, lifecycleDetails, latestWorkRequest }: DeploymentStatusPanelProps) {
  const router = useRouter();
  const transitional = isTransitional(state);
  const lastFailed = latestWorkRequest?.status === 'FAILED';
  const followId = latestWorkRequest && (transitional || lastFailed) ? latestWorkRequest.id : null;
  const wr = useWorkRequest(followId);
  const finished = isFinished(wr.data);
  const advice = lifecycleAdvice(state, latestWorkRequest);

  useEffect(() => {
    if (transitional && finished) router.refresh();
  }, [transitional, finished, router]);

  // Without a work request to watch (or if the page is somehow still behind once it ended), keep
  // refreshing until the state settles, so the page never waits without saying why.
  useRefreshWhile(transitional && (!followId || finished), FALLBACK_REFRESH_MS);

  const failedErrors = !transitional && lastFailed ? (wr.data?.errors ?? []) : [];

  return (
    <section aria-labelledby="deployment-status" className={cn('flex flex-col gap-3 rounded-lg border p-4', TONES[advice.tone])}>
      <div className="flex flex-wrap items-center gap-2">
        <StateBadge state={state} />
        <h2 id="deployment-status" className="text-sm font-semibold text-gray-900">
          {advice.title}
        </h2>
      </div>
      {lifecycleDetails && (
        <p className="text-sm text-gray-900">
          <span className="font-medium">Lifecycle details: </span>
          {lifecycleDetails}
        </p>
      )}
      {advice.action && <p className="text-sm text-gray-700">{advice.action}</p>}
      {transitional && (
        <div aria-label="Work request progress" role="group" className="rounded-md border border-gray-200 bg-white p-3">
          {followId ? (
            <WorkRequestProgress view={wr.data} error={wr.error} />
          ) : (
            <p className="text-sm text-gray-600">Waiting for the work request to appear…</p>
          )}
        </div>
      )}
      {failedErrors.length > 0 && (
        <div role="alert" className="rounded-md border border-red-200 bg-white p-3 text-sm text-red-800">
          <p className="font-medium">The last work request failed:</p>
          <ul className="mt-1 list-disc pl-5">
            {failedErrors.map((e, i) => (
              <li key={i}>
                <WorkRequestErrorItem error={e} />
              </li>
            ))}
          </ul>
          <p className="mt-2 text-gray-700">Its full log is in the Work requests tab (Log messages).</p>
        </div>
      )}
    </section>
  );
}
