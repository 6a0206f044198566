'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_FILTERS, fetchLogs, filterParams, type LogFilters } from './log-filters';
import { LogFiltersForm } from './log-filters-form';
import { LogRecordsTable } from './log-records-table';
import { LiveTailStatus } from './live-tail-status';
import { TAIL_INTERVAL_MS, useLiveTail } from './use-live-tail';

const PAGE_SIZE = 100;

/** The deployment's access and predict logs: filters, a newest-first table with older pages, and a live tail. */
export function LogsPanel({ deploymentId }: { deploymentId: string }) {
  const [filters, setFilters] = useState<LogFilters>(DEFAULT_FILTERS);
  const [live, setLive] = useState(false);
  const [searchedAt, setSearchedAt] = useState(() => Date.now());
  const query = useInfiniteQuery({
    queryKey: ['logs', deploymentId, filters, searchedAt],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const p = filterParams(filters, searchedAt);
      p.set('limit', String(PAGE_SIZE));
      if (pageParam) p.set('cursor', pageParam);
      return fetchLogs(deploymentId, p);
    },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
  const pages = query.data?.pages ?? [];
  const startId = pages[0]?.latestId ?? null;
  const tail = useLiveTail(deploymentId, filters, startId, live);
  const records = [...(live ? [...tail.records].reverse() : []), ...pages.flatMap((p) => p.records)];

  const search = (f: LogFilters) => {
    setFilters(f);
    setSearchedAt(Date.now());
  };

  return (
    <section aria-labelledby="logs-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="logs-heading" className="text-base font-semibold text-gray-900">
          Logs
        </h2>
        <div className="flex items-center gap-3">
          <Button size="sm" onClick={() => setSearchedAt(Date.now())} loading={query.isFetching && !query.isFetchingNextPage}>
            Refresh
          </Button>
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" role="switch" aria-checked={live} checked={live} onChange={(e) => setLive(e.target.checked)} className="size-4" />
            Live tail
          </label>
        </div>
      </div>
      <LogFiltersForm value={filters} onChange={search} />
      {live && <LiveTailStatus count={tail.records.length} lastPoll={tail.lastPoll} error={tail.error} intervalMs={TAIL_INTERVAL_MS} />}
      {query.isPending ? (
        <p className="flex items-center gap-2 text-sm text-gray-600">
          <Spinner /> Searching the logs…
        </p>
      ) : query.error ? (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}
        </p>
      ) : records.length === 0 ? (
        <EmptyState title="No log records match" description={emptyReason(filters)} />
      ) : (
        <>
          <LogRecordsTable records={records} label="Log records" />
          {query.hasNextPage && (
            <Button className="self-start" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              Load older records
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function emptyReason(f: LogFilters): string {
  const narrowed = f.category !== 'both' || f.level !== 'all' || f.text.trim() !== '';
  const when = f.range === 'custom' ? 'in this time range' : 'in the chosen time range';
  if (narrowed) return `Nothing ${when} matches these filters. Widen the time range, choose all levels and both categories, or clear the search text.`;
  return `Nothing was logged ${when}. Access records appear when the deployment is invoked; predict records when its serving containers print (loading the model, errors in score.py). Logs are kept for 7 days.`;
}
