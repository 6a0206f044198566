'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_FILTERS, fetchLogs, filterParams, type LogFilters } from './log-filters';
import { LogFiltersForm } from './log-filters-form';
import { LogRecordsTable } from './log-records-table';
import { LiveTailStatus } from './live-tail-status';
import { TAIL_INTERVAL_MS, useLiveTail } from './use-live-tail';

// One page of records at a time, so a busy deployment's tab stays a screen or two tall.
export const LOG_PAGE_SIZE = 25;

/** The deployment's access and predict logs: filters, a newest-first table in pages, and a live tail. */
export function LogsPanel({ deploymentId, liveTail = true }: { deploymentId: string; liveTail?: boolean }) {
  const [filters, setFilters] = useState<LogFilters>(DEFAULT_FILTERS);
  const [live, setLive] = useState(false);
  const [searchedAt, setSearchedAt] = useState(() => Date.now());
  // The cursors of the pages before the one shown; the first page has none.
  const [cursors, setCursors] = useState<readonly string[]>([]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: ['logs', deploymentId, filters, searchedAt, cursor],
    queryFn: () => {
      const p = filterParams(filters, searchedAt);
      p.set('limit', String(LOG_PAGE_SIZE));
      if (cursor) p.set('cursor', cursor);
      return fetchLogs(deploymentId, p);
    },
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const [firstLatestId, setFirstLatestId] = useState<{ key: number; id: number } | null>(null);
  if (query.data && !query.isPlaceholderData && cursor === null && firstLatestId?.key !== searchedAt) setFirstLatestId({ key: searchedAt, id: query.data.latestId });
  const startId = firstLatestId?.key === searchedAt ? firstLatestId.id : null;
  const tail = useLiveTail(deploymentId, filters, startId, live);
  const onFirstPage = cursors.length === 0;
  const newest = live && onFirstPage ? [...tail.records].reverse() : [];
  const shownTail = newest.slice(0, LOG_PAGE_SIZE);
  const records = [...shownTail, ...(query.data?.records ?? [])];
  const firstIndex = cursors.length * LOG_PAGE_SIZE + 1;

  const refresh = () => {
    setCursors([]);
    setSearchedAt(Date.now());
  };
  const search = (f: LogFilters) => {
    setFilters(f);
    refresh();
  };

  return (
    <section aria-labelledby="logs-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="logs-heading" className="text-base font-semibold text-gray-900">
          Logs
        </h2>
        <div className="flex items-center gap-3">
          <Button size="sm" onClick={refresh} loading={query.isFetching}>
            Refresh
          </Button>
          {liveTail && (
            <label className="flex items-center gap-2 text-sm text-gray-800">
              <input type="checkbox" role="switch" aria-checked={live} checked={live} onChange={(e) => setLive(e.target.checked)} className="size-4" />
              Live tail
            </label>
          )}
        </div>
      </div>
      <LogFiltersForm value={filters} onChange={search} />
      {live && <LiveTailStatus count={tail.records.length} lastPoll={tail.lastPoll} error={tail.error} intervalMs={TAIL_INTERVAL_MS} />}
      {newest.length > shownTail.length && (
        <p className="text-sm text-gray-600">
          The newest {shownTail.length} of {newest.length} live records are shown. Refresh to page through all of them.
        </p>
      )}
      {query.isPending ? (
        <p className="flex items-center gap-2 text-sm text-gray-600">
          <Spinner /> Searching the logs…
        </p>
      ) : query.error ? (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}
        </p>
      ) : query.data?.notConfigured ? (
        <EmptyState title="OCI Logging is not enabled for this deployment" description={query.data.notConfigured} />
      ) : records.length === 0 && onFirstPage ? (
        <EmptyState title="No log records match" description={emptyReason(filters)} />
      ) : (
        <>
          <LogRecordsTable records={records} label="Log records" />
          <nav aria-label="Log pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-gray-600">
            <p aria-live="polite">
              {query.data && query.data.records.length > 0
                ? `Records ${firstIndex}–${firstIndex + query.data.records.length - 1}, newest first`
                : 'No older records'}
              {shownTail.length > 0 ? `, below ${shownTail.length} live` : ''}
            </p>
            <div className="flex gap-2">
              <Button size="sm" disabled={onFirstPage || query.isFetching} onClick={() => setCursors((c) => c.slice(0, -1))}>
                Newer records
              </Button>
              <Button
                size="sm"
                disabled={!query.data?.nextCursor || query.isFetching}
                onClick={() => {
                  const next = query.data?.nextCursor;
                  if (next) setCursors((c) => [...c, next]);
                }}
              >
                Older records
              </Button>
            </div>
          </nav>
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
