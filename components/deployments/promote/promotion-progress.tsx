'use client';

import { useQuery } from '@tanstack/react-query';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';
import { isFinished, type WorkRequestView } from '@/components/work-requests/use-work-request';

interface ProgressAnswer extends WorkRequestView {
  lifecycleState: string | null;
}

/** The OCI create work request, polled through this console (the profile's key stays on the server). */
export function PromotionProgress({ deploymentId, targetLabel }: { deploymentId: string; targetLabel: string }) {
  const q = useQuery({
    queryKey: ['promotion', deploymentId],
    queryFn: async (): Promise<ProgressAnswer> => {
      const res = await fetch(`/api/promotions/${encodeURIComponent(deploymentId)}`, { cache: 'no-store' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The promotion's progress could not be read (HTTP ${res.status}).`);
      }
      return (await res.json()) as ProgressAnswer;
    },
    refetchInterval: (s) => (isFinished(s.state.data) ? false : 1000),
    staleTime: 0,
  });
  return (
    <div className="flex flex-col gap-2">
      <WorkRequestProgress view={q.data} error={q.error} />
      {q.data && isFinished(q.data) && (
        <p className="text-sm text-gray-800">
          The deployment in {targetLabel} is {q.data.lifecycleState ?? 'not readable now'}.
        </p>
      )}
    </div>
  );
}
