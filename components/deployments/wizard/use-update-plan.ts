'use client';

import { useQuery } from '@tanstack/react-query';
import { isPlanFinished, type UpdatePlanView } from '@/server/domain/update-plan';

/** Polls an update plan once a second until it has finished, then stops. */
export function useUpdatePlan(planId: string, initial?: UpdatePlanView) {
  return useQuery({
    queryKey: ['update-plan', planId],
    queryFn: async (): Promise<UpdatePlanView> => {
      const res = await fetch(`/api/update-plans/${encodeURIComponent(planId)}`, { cache: 'no-store' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The update plan could not be read (HTTP ${res.status}).`);
      }
      return (await res.json()) as UpdatePlanView;
    },
    ...(initial ? { initialData: initial, initialDataUpdatedAt: 0 } : {}),
    refetchInterval: (q) => (q.state.data && isPlanFinished(q.state.data.status) ? false : 1000),
    staleTime: 0,
  });
}
