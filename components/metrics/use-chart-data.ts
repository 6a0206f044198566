'use client';

import { useQuery } from '@tanstack/react-query';
import { chartsFor, type ChartId, type MetricData } from '@/server/domain/chart-series';
import {
  buildMetricQuery,
  METRICS_NAMESPACE,
  resolveWindow,
  type MetricInterval,
  type RangeSelection,
  type Statistic,
  type TimeWindow,
} from '@/server/domain/chart-window';

export type QueryOutcome = { ok: true; data: MetricData[] } | { ok: false; error: string };
export interface ChartData {
  window: TimeWindow;
  /** The outcome of every chart this deployment shows. */
  byChart: Partial<Record<ChartId, QueryOutcome>>;
  fetchedAt: number;
}

async function postQuery(query: string, window: TimeWindow): Promise<QueryOutcome> {
  try {
    const res = await fetch('/api/metrics', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: METRICS_NAMESPACE, query, ...window }),
    });
    if (res.status === 404) return { ok: false, error: 'The metrics service is not available on this server yet (HTTP 404).' };
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const message = body && typeof body === 'object' && 'message' in body && typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
      return { ok: false, error: `The metrics query failed: ${message}` };
    }
    return Array.isArray(body) ? { ok: true, data: body as MetricData[] } : { ok: false, error: 'The metrics service answered with something other than a list of series.' };
  } catch {
    return { ok: false, error: 'Could not reach the console server. Check that it is running, then refresh.' };
  }
}

export interface ChartDataInput {
  deploymentId: string;
  selection: RangeSelection;
  interval: MetricInterval | undefined;
  statistic: Statistic;
  /** Polling stops when off, or when the deployment records nothing new (not running). */
  refreshMs: number | false;
  /** GPU shapes add the GPU charts. */
  gpuShape: boolean;
}

/** All charts' data in one query: the window is resolved at fetch time, so a refresh moves a quick range to now. */
export function useChartData(input: ChartDataInput) {
  const { deploymentId, selection, interval, statistic, refreshMs, gpuShape } = input;
  const charts = chartsFor(gpuShape);
  return useQuery({
    queryKey: ['metrics', deploymentId, selection, interval, statistic, gpuShape],
    refetchInterval: refreshMs,
    staleTime: 0,
    queryFn: async (): Promise<ChartData | { invalid: string }> => {
      const resolved = resolveWindow(selection, new Date(), interval);
      if (!resolved.ok) return { invalid: resolved.error };
      const { window } = resolved;
      const queries = new Map<ChartId, string>(
        charts.map((c) => [c.id, buildMetricQuery(c.metric, window.resolution, c.statistic ?? statistic, deploymentId)]),
      );
      const distinct = [...new Set(queries.values())];
      const outcomes = await Promise.all(distinct.map((q) => postQuery(q, window)));
      const byQuery = new Map(distinct.map((q, i) => [q, outcomes[i] ?? { ok: false as const, error: 'No answer.' }]));
      const byChart = Object.fromEntries(
        charts.map((c) => [c.id, byQuery.get(queries.get(c.id) ?? '') ?? { ok: false, error: 'No answer.' }]),
      ) as Partial<Record<ChartId, QueryOutcome>>;
      return { window, byChart, fetchedAt: Date.now() };
    },
  });
}
