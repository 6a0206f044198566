'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LogRecord } from '@/server/domain/log-search';
import { fetchLogs, filterParams, type LogFilters } from './log-filters';

export const TAIL_INTERVAL_MS = 2000;

/**
 * While `enabled`, polls the logs endpoint every 2 s for records stored after `startId` and
 * accumulates them, oldest first. Restarts when the filters or the starting id change.
 */
export function useLiveTail(deploymentId: string, filters: LogFilters, startId: number | null, enabled: boolean) {
  const [state, setState] = useState<{ key: string; afterId: number; records: LogRecord[]; lastPoll: number | null }>({
    key: '',
    afterId: 0,
    records: [],
    lastPoll: null,
  });
  const key = JSON.stringify([filters.category, filters.level, filters.text, startId, enabled]);
  const current = state.key === key ? state : { key, afterId: startId ?? 0, records: [], lastPoll: null };
  const query = useQuery({
    queryKey: ['logs-tail', deploymentId, key, current.afterId],
    enabled: enabled && startId !== null,
    queryFn: () => {
      const p = filterParams(filters, Date.now(), { tail: true });
      p.set('afterId', String(current.afterId));
      p.set('limit', '200');
      return fetchLogs(deploymentId, p);
    },
    refetchInterval: TAIL_INTERVAL_MS,
    staleTime: 0,
    gcTime: 0,
  });
  const { data, dataUpdatedAt } = query;
  useEffect(() => {
    if (!data) return;
    // Each poll's answer is appended once, when it arrives: the tail accumulates answers of an
    // external source, which is what an effect is for; it is not state derived from props.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState((s) => {
      const base = s.key === key ? s : { key, afterId: startId ?? 0, records: [], lastPoll: null };
      const seen = new Set(base.records.map((r) => r.id));
      const fresh = data.records.filter((r) => !seen.has(r.id));
      return { key, afterId: Number(data.nextCursor ?? base.afterId), records: [...base.records, ...fresh].slice(-1000), lastPoll: dataUpdatedAt };
    });
  }, [data, dataUpdatedAt, key, startId]);
  return { records: current.records, lastPoll: current.lastPoll, error: query.error };
}
