// Pure statistics over stored metric points (OCI Monitoring's summarizeMetricsData statistics):
// a point is an aggregate of samples (count, sum, min, max, optional latency histogram), so every
// statistic must come from aggregates: means are sums over counts, percentiles come from histograms.

export const STATISTICS = ['mean', 'sum', 'max', 'min', 'count', 'rate', 'p50', 'p90', 'p95', 'p99'] as const;
export type Statistic = (typeof STATISTICS)[number];

// The shapes of OCI Monitoring's summarizeMetricsData (OCI-SPEC B.7), shared by the query and the charts.
export interface SummarizeMetricsDataDetails {
  namespace: string;
  query: string;
  /** RFC 3339 or epoch ms; OCI's default is three hours before endTime. */
  startTime?: string | number | Date;
  endTime?: string | number | Date;
  /** Spacing of the returned datapoints (1m-60m, 1h-24h, 1d); defaults to the query's interval. */
  resolution?: string;
}

export interface AggregatedDatapoint {
  /** RFC 3339: the start of the datapoint's window. */
  timestamp: string;
  value: number;
}

export interface MetricData {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  resolution: string;
  aggregatedDatapoints: AggregatedDatapoint[];
}

export interface PointAggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Counts per LATENCY_BUCKETS bucket (one more entry than bounds: the overflow); null if absent. */
  histogram: number[] | null;
}

/** Upper bounds in milliseconds, log-spaced (1-1.5-2-3-5-7 per decade) from 0.1 ms to 100 s. */
export const LATENCY_BUCKETS: readonly number[] = (() => {
  const out: number[] = [];
  for (let decade = 0.1; decade < 100_000; decade *= 10) {
    for (const m of [1, 1.5, 2, 3, 5, 7]) out.push(Math.round(decade * m * 1000) / 1000);
  }
  out.push(100_000);
  return out;
})();

/** The bucket a sample falls in: the first whose upper bound is >= value (the last is overflow). */
export function bucketIndex(value: number, bounds: readonly number[] = LATENCY_BUCKETS): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((bounds[mid] ?? Infinity) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export const emptyHistogram = (bounds: readonly number[] = LATENCY_BUCKETS): number[] => new Array<number>(bounds.length + 1).fill(0);

export function addHistograms(a: number[] | null, b: number[] | null): number[] | null {
  if (!a) return b ? [...b] : null;
  if (!b) return [...a];
  const out = a.length >= b.length ? [...a] : [...b];
  const other = a.length >= b.length ? b : a;
  for (let i = 0; i < other.length; i++) out[i] = (out[i] ?? 0) + (other[i] ?? 0);
  return out;
}

/** Combines aggregates of disjoint sample sets (flushes of one minute, minutes of one hour, a window). */
export function mergeAggregates(points: readonly PointAggregate[]): PointAggregate | null {
  let acc: PointAggregate | null = null;
  for (const p of points) {
    if (!acc) {
      acc = { count: p.count, sum: p.sum, min: p.min, max: p.max, histogram: p.histogram ? [...p.histogram] : null };
      continue;
    }
    acc.count += p.count;
    acc.sum += p.sum;
    acc.min = Math.min(acc.min, p.min);
    acc.max = Math.max(acc.max, p.max);
    acc.histogram = addHistograms(acc.histogram, p.histogram);
  }
  return acc;
}

/**
 * The q-quantile (0..1) of a histogram, interpolating linearly inside the bucket and clamped to the
 * observed min and max (so a single sample reads back as itself).
 */
export function histogramPercentile(
  histogram: readonly number[],
  q: number,
  min: number,
  max: number,
  bounds: readonly number[] = LATENCY_BUCKETS,
): number | null {
  const total = histogram.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const c = histogram[i] ?? 0;
    if (c === 0) continue;
    if (seen + c >= rank) {
      const lower = Math.max(i === 0 ? 0 : (bounds[i - 1] ?? 0), min);
      const upper = Math.min(bounds[i] ?? max, max);
      const frac = c === 0 ? 0 : (rank - seen) / c;
      return clamp(lower + (upper - lower) * frac, min, max);
    }
    seen += c;
  }
  return max;
}

/** The q-quantile of plain values (nearest rank with linear interpolation). */
export function valuesPercentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

const PERCENTILES: Partial<Record<Statistic, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

/**
 * One statistic over the points of one interval window. `rate` is OCI's per-second rate: the
 * window's sum over its length in seconds. Percentiles use the merged histogram when the points
 * have one, else the points' own means (gauges such as CpuUtilization: one sample a minute).
 */
export function computeStatistic(points: readonly PointAggregate[], statistic: Statistic, intervalMs: number): number | null {
  const agg = mergeAggregates(points);
  if (!agg || agg.count === 0) return null;
  switch (statistic) {
    case 'mean':
      return agg.sum / agg.count;
    case 'sum':
      return agg.sum;
    case 'max':
      return agg.max;
    case 'min':
      return agg.min;
    case 'count':
      return agg.count;
    case 'rate':
      return agg.sum / (intervalMs / 1000);
    default: {
      const q = PERCENTILES[statistic] ?? 0.5;
      if (agg.histogram) return histogramPercentile(agg.histogram, q, agg.min, agg.max);
      return valuesPercentile(
        points.filter((p) => p.count > 0).map((p) => p.sum / p.count),
        q,
      );
    }
  }
}

export interface TimedAggregate extends PointAggregate {
  timestamp: number;
}

/** Groups points by the start of their `periodMs` period and merges each group (the hourly roll-up). */
export function rollUp<T extends TimedAggregate>(points: readonly T[], periodMs: number): TimedAggregate[] {
  const groups = new Map<number, T[]>();
  for (const p of points) {
    const start = Math.floor(p.timestamp / periodMs) * periodMs;
    const g = groups.get(start);
    if (g) g.push(p);
    else groups.set(start, [p]);
  }
  const out: TimedAggregate[] = [];
  for (const [timestamp, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    const merged = mergeAggregates(group);
    if (merged) out.push({ timestamp, ...merged });
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
