// The time window and MQL of the console's metric charts (OCI Monitoring's chart controls):
// quick ranges or a custom start and end, an interval and a statistic per chart.

export const METRICS_NAMESPACE = 'oci_datascience_modeldeploy';

export type QuickRange = '1h' | '6h' | '24h' | '7d';
export type MetricInterval = '1m' | '5m' | '1h' | '1d';
export type Statistic = 'mean' | 'sum' | 'max' | 'min' | 'count' | 'p50' | 'p90' | 'p95' | 'p99';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const QUICK_RANGES: readonly { id: QuickRange; label: string; ms: number }[] = [
  { id: '1h', label: 'Last hour', ms: HOUR },
  { id: '6h', label: 'Last 6 hours', ms: 6 * HOUR },
  { id: '24h', label: 'Last 24 hours', ms: DAY },
  { id: '7d', label: 'Last 7 days', ms: 7 * DAY },
];
export const DEFAULT_RANGE: QuickRange = '1h';

export const INTERVALS: readonly { id: MetricInterval; label: string; ms: number }[] = [
  { id: '1m', label: '1 minute', ms: MINUTE },
  { id: '5m', label: '5 minutes', ms: 5 * MINUTE },
  { id: '1h', label: '1 hour', ms: HOUR },
  { id: '1d', label: '1 day', ms: DAY },
];

export const STATISTICS: readonly { id: Statistic; label: string }[] = [
  { id: 'mean', label: 'Mean' },
  { id: 'sum', label: 'Sum' },
  { id: 'max', label: 'Max' },
  { id: 'min', label: 'Min' },
  { id: 'count', label: 'Count' },
  { id: 'p50', label: 'P50' },
  { id: 'p90', label: 'P90' },
  { id: 'p95', label: 'P95' },
  { id: 'p99', label: 'P99' },
];
export const DEFAULT_STATISTIC: Statistic = 'mean';

/** Beyond this many points per series a chart is unreadable (and slow): such intervals are offered disabled. */
export const MAX_POINTS = 1500;

export const intervalMs = (interval: MetricInterval): number => INTERVALS.find((i) => i.id === interval)?.ms ?? MINUTE;

export function isQuickRange(v: string): v is QuickRange {
  return QUICK_RANGES.some((r) => r.id === v);
}
export function isInterval(v: string): v is MetricInterval {
  return INTERVALS.some((i) => i.id === v);
}
export function isStatistic(v: string): v is Statistic {
  return STATISTICS.some((s) => s.id === v);
}

/** The interval a range gets unless the user picks another: about 60 to 360 points. */
export function defaultIntervalFor(durationMs: number): MetricInterval {
  if (durationMs <= 6 * HOUR) return '1m';
  if (durationMs <= DAY) return '5m';
  if (durationMs <= 14 * DAY) return '1h';
  return '1d';
}

/** Whether an interval gives a readable number of points over the range (and is not longer than it). */
export function intervalFits(interval: MetricInterval, durationMs: number): boolean {
  const step = intervalMs(interval);
  return durationMs / step <= MAX_POINTS && step <= Math.max(durationMs, MINUTE);
}

export type RangeSelection = { range: QuickRange } | { range: 'custom'; start: string; end: string };

export interface TimeWindow {
  startTime: string;
  endTime: string;
  resolution: MetricInterval;
}

export type WindowResult = { ok: true; window: TimeWindow } | { ok: false; error: string };

/**
 * The query window for a selection. `interval` overrides the range's default when it fits;
 * custom start and end are anything Date parses (datetime-local values are local time).
 */
export function resolveWindow(selection: RangeSelection, now: Date, interval?: MetricInterval): WindowResult {
  let start: number;
  let end: number;
  if (selection.range === 'custom') {
    start = Date.parse(selection.start);
    end = Date.parse(selection.end);
    if (Number.isNaN(start)) return { ok: false, error: 'Enter a start time.' };
    if (Number.isNaN(end)) return { ok: false, error: 'Enter an end time.' };
    if (end <= start) return { ok: false, error: 'The end time must be after the start time.' };
    if (start > now.getTime()) return { ok: false, error: 'The start time is in the future: no metrics exist yet.' };
  } else {
    const quick = selection.range;
    end = now.getTime();
    start = end - (QUICK_RANGES.find((r) => r.id === quick)?.ms ?? HOUR);
  }
  const duration = end - start;
  const resolution = interval && intervalFits(interval, duration) ? interval : defaultIntervalFor(duration);
  return { ok: true, window: { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), resolution } };
}

/** `PredictLatency[1m]{resourceId = "ocid1..."}.p95()`: the query language of OCI Monitoring. */
export function buildMetricQuery(metric: string, interval: MetricInterval, statistic: Statistic, resourceId: string): string {
  return `${metric}[${interval}]{resourceId = "${resourceId.replace(/["\\]/g, '')}"}.${statistic}()`;
}
