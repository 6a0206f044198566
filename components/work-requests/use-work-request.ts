'use client';

import { useQuery } from '@tanstack/react-query';
import type { WorkRequest, WorkRequestError, WorkRequestLogEntry } from '@/server/domain/oci-types';

export interface WorkRequestView {
  workRequest: WorkRequest;
  logs: WorkRequestLogEntry[];
  errors: WorkRequestError[];
  /** While it runs: the time left, learned from earlier work of its kind (none without history). */
  estimate?: { secondsLeft: number } | null;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);
export const isFinished = (v: WorkRequestView | undefined) => Boolean(v && TERMINAL.has(v.workRequest.status));

/** Polls a work request once a second until it reaches a terminal status, then stops. */
export function useWorkRequest(id: string | null) {
  return useQuery({
    queryKey: ['work-request', id],
    enabled: id !== null,
    queryFn: async (): Promise<WorkRequestView> => {
      const res = await fetch(`/api/work-requests/${encodeURIComponent(id ?? '')}`, { cache: 'no-store' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The work request could not be read (HTTP ${res.status}).`);
      }
      return (await res.json()) as WorkRequestView;
    },
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 1000),
    staleTime: 0,
  });
}
