import type { Db } from '@/db/client';
import {
  computeStatistic,
  type AggregatedDatapoint,
  type MetricData,
  type PointAggregate,
  type Statistic,
  type SummarizeMetricsDataDetails,
} from '@/server/domain/metric-stats';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { matchesFilters, parseInterval, parseMql } from '@/server/domain/mql';

// summarizeMetricsData over metric_points, shaped as OCI Monitoring's (OCI-SPEC B.7).

export type { MetricData, SummarizeMetricsDataDetails };

interface Row extends PointAggregate {
  timestamp: number;
}

/** Windows longer than this many datapoints are refused: the chart could not draw them anyway. */
const MAX_DATAPOINTS = 100_000;
/** Rows read per step; between steps other requests run (a health check answers within ms). */
const ROWS_PER_STEP = 2000;
/** The longest the query computes before it lets other work run. */
const SLICE_MS = 8;

/** An await that gives the event loop back once the current slice of work has run long enough. */
function pacer(sliceMs = SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

// Queries take turns: with one computing at a time, a turn of the event loop holds one slice of
// query work however many charts ask at once.
let turn: Promise<unknown> = Promise.resolve();

/**
 * summarizeMetricsData. A query may cover a month of points for every deployment, so it reads
 * and computes in slices and yields between them: no query holds the console's event loop.
 */
export function summarizeMetricsData(db: Db, details: SummarizeMetricsDataDetails, now = Date.now()): Promise<Result<MetricData[], DomainError>> {
  const run = turn.then(() => summarize(db, details, now));
  turn = run.catch(() => undefined);
  return run;
}

async function summarize(db: Db, details: SummarizeMetricsDataDetails, now: number): Promise<Result<MetricData[], DomainError>> {
  const parsed = parseMql(details.query);
  if (!parsed.ok) return parsed;
  const q = parsed.data;
  const end = toMs(details.endTime ?? now);
  const start = toMs(details.startTime ?? end - 3 * 3_600_000);
  if (Number.isNaN(start) || Number.isNaN(end)) return err(domainError('InvalidParameter', 'startTime and endTime must be RFC 3339 times.'));
  if (start >= end) return err(domainError('InvalidParameter', 'startTime must be before endTime.'));
  const stepMs = details.resolution ? parseInterval(details.resolution) : q.intervalMs;
  if (stepMs === null) return err(domainError('InvalidParameter', 'resolution must be 1m to 60m, 1h to 24h, or 1d.'));
  const firstWindow = Math.floor(start / stepMs) * stepMs;
  if ((end - firstWindow) / stepMs > MAX_DATAPOINTS) {
    return err(domainError('InvalidParameter', `The time range holds more than ${MAX_DATAPOINTS} datapoints at this resolution; choose a coarser resolution.`));
  }

  const withHistogram = q.statistic.startsWith('p');
  const resourceFilter = q.filters.find((f) => f.dimension === 'resourceId' && f.op === '=');
  // Pages by (timestamp, id) so each step is one short statement; none stays open across a yield.
  const sql =
    `SELECT dimensions, timestamp, count, sum, min, max, id${withHistogram ? ', histogram' : ''} FROM metric_points ` +
    `WHERE ${resourceFilter ? 'resource_id = @resourceId AND ' : ''}name = @name AND namespace = @namespace ` +
    'AND timestamp < @to AND timestamp >= @after AND (timestamp > @after OR id > @afterId) ' +
    `ORDER BY timestamp, id LIMIT ${ROWS_PER_STEP}`;
  const statement = db.$client.prepare(sql).raw();
  const pace = pacer();

  // One series per distinct dimension set; dimension JSON is written canonically, so text equality works.
  const series = new Map<string, { dimensions: Record<string, string>; points: Row[] }>();
  const rejected = new Set<string>();
  // With grouping(), all series in one list, already in time order as the rows come.
  const merged: Row[] = [];
  // Windows start at firstWindow; the last one may reach past endTime by up to an interval.
  let after = firstWindow - 1;
  let afterId = 0;
  for (;;) {
    // Arrays rather than row objects: a day of one-minute points for ten instances is 14 400 rows.
    const rows = statement.all({
      ...(resourceFilter ? { resourceId: resourceFilter.value } : {}),
      name: q.metric,
      namespace: details.namespace,
      to: end + q.intervalMs,
      after,
      afterId,
    }) as [string, number, number, number, number, number, number, (string | null)?][];
    for (let i = 0; i < rows.length; i++) {
      if (i % 256 === 255) await pace();
      const r = rows[i] as (typeof rows)[number];
      const key = r[0];
      if (rejected.has(key)) continue;
      let s = series.get(key);
      if (!s) {
        const dimensions = JSON.parse(key) as Record<string, string>;
        if (!matchesFilters(dimensions, q.filters)) {
          rejected.add(key);
          continue;
        }
        s = { dimensions, points: [] };
        series.set(key, s);
      }
      const h = r[7];
      const point = { timestamp: r[1], count: r[2], sum: r[3], min: r[4], max: r[5], histogram: h ? (JSON.parse(h) as number[]) : null };
      if (q.grouping) merged.push(point);
      else s.points.push(point);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < ROWS_PER_STEP) break;
    after = last[1];
    afterId = last[6];
    await pace();
  }

  const groups = [...series.values()];
  const resolution = details.resolution ?? formatInterval(q.intervalMs);
  const toSeries = async (dimensions: Record<string, string>, points: Row[]): Promise<MetricData> => ({
    namespace: details.namespace,
    name: q.metric,
    dimensions,
    resolution,
    aggregatedDatapoints: await windows(points, firstWindow, end, stepMs, q.intervalMs, q.statistic, pace),
  });
  if (q.grouping) {
    if (groups.length === 0) return ok([]);
    return ok([await toSeries(commonDimensions(groups.map((g) => g.dimensions)), merged)]);
  }
  const out: MetricData[] = [];
  for (const g of groups) out.push(await toSeries(g.dimensions, g.points));
  return ok(out);
}

/** Datapoints every stepMs from firstWindow, each over [t, t + intervalMs); empty windows are left out. */
async function windows(
  points: Row[],
  firstWindow: number,
  end: number,
  stepMs: number,
  intervalMs: number,
  statistic: Statistic,
  pace: () => Promise<void>,
): Promise<AggregatedDatapoint[]> {
  const out: AggregatedDatapoint[] = [];
  let lo = 0;
  let hi = 0;
  let n = 0;
  for (let t = firstWindow; t < end; t += stepMs) {
    if (++n % 64 === 0) await pace();
    while (lo < points.length && (points[lo]?.timestamp ?? Infinity) < t) lo++;
    if (hi < lo) hi = lo;
    while (hi < points.length && (points[hi]?.timestamp ?? Infinity) < t + intervalMs) hi++;
    if (hi === lo) {
      // Jump ahead to the next window holding a point instead of stepping through empty ones.
      const next = points[lo]?.timestamp;
      if (next === undefined) break;
      const skip = Math.floor((next - intervalMs - t) / stepMs);
      if (skip > 0) t += (skip - 1) * stepMs;
      continue;
    }
    const value = statistic.startsWith('p') ? computeStatistic(points.slice(lo, hi), statistic, intervalMs) : simpleStatistic(points, lo, hi, statistic, intervalMs);
    if (value !== null) out.push({ timestamp: new Date(t).toISOString(), value });
  }
  return out;
}

/** computeStatistic without copying the window: the hot loop of a day at one-minute resolution. */
function simpleStatistic(points: Row[], lo: number, hi: number, statistic: Statistic, intervalMs: number): number | null {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = lo; i < hi; i++) {
    const p = points[i];
    if (!p) continue;
    count += p.count;
    sum += p.sum;
    if (p.min < min) min = p.min;
    if (p.max > max) max = p.max;
  }
  if (count === 0) return null;
  switch (statistic) {
    case 'sum':
      return sum;
    case 'count':
      return count;
    case 'min':
      return min;
    case 'max':
      return max;
    case 'rate':
      return sum / (intervalMs / 1000);
    default:
      return sum / count;
  }
}

function commonDimensions(all: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = all;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((d) => d[k] === v)));
}

function toMs(t: string | number | Date): number {
  if (typeof t === 'number') return t;
  if (t instanceof Date) return t.getTime();
  return Date.parse(t);
}

export function formatInterval(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0 && ms >= 3_600_000) return `${ms / 3_600_000}h`;
  return `${ms / 60_000}m`;
}
