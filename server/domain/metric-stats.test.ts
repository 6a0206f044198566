import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS, bucketIndex, computeStatistic, emptyHistogram, histogramPercentile, rollUp, type PointAggregate } from './metric-stats';

const sample = (v: number): PointAggregate => {
  const h = emptyHistogram();
  const i = bucketIndex(v);
  h[i] = 1;
  return { count: 1, sum: v, min: v, max: v, histogram: h };
};

describe('metric statistics', () => {
  it('computes means of sums, not means of means', () => {
    const pts: PointAggregate[] = [
      { count: 1, sum: 10, min: 10, max: 10, histogram: null },
      { count: 3, sum: 30, min: 5, max: 15, histogram: null },
    ];
    expect(computeStatistic(pts, 'mean', 60_000)).toBe(10);
    expect(computeStatistic(pts, 'sum', 60_000)).toBe(40);
    expect(computeStatistic(pts, 'count', 60_000)).toBe(4);
    expect(computeStatistic(pts, 'min', 60_000)).toBe(5);
    expect(computeStatistic(pts, 'max', 60_000)).toBe(15);
    expect(computeStatistic(pts, 'rate', 60_000)).toBeCloseTo(40 / 60);
    expect(computeStatistic([], 'mean', 60_000)).toBeNull();
  });

  it('reads percentiles from merged histograms within one bucket of the truth', () => {
    const pts = Array.from({ length: 100 }, (_, i) => sample(i + 1));
    for (const [stat, truth] of [['p50', 50], ['p90', 90], ['p95', 95], ['p99', 99]] as const) {
      const v = computeStatistic(pts, stat, 60_000) ?? 0;
      const b = bucketIndex(truth);
      expect(v).toBeGreaterThanOrEqual(LATENCY_BUCKETS[b - 1] ?? 0);
      expect(v).toBeLessThanOrEqual(LATENCY_BUCKETS[b] ?? Infinity);
    }
    expect(computeStatistic([sample(3.3)], 'p99', 60_000)).toBeCloseTo(3.3);
    expect(histogramPercentile(emptyHistogram(), 0.5, 0, 0)).toBeNull();
  });

  it('falls back to percentiles of point means without histograms', () => {
    const pts = [10, 20, 30, 40, 50].map((v) => ({ count: 1, sum: v, min: v, max: v, histogram: null }));
    expect(computeStatistic(pts, 'p50', 60_000)).toBe(30);
  });

  it('rolls minute points up into hours keeping count, sum, min, max and histograms', () => {
    const H = 3_600_000;
    const minutes = [0, 1, 59, 60, 61].map((m, i) => ({ timestamp: m * 60_000, ...sample(i + 1) }));
    const hours = rollUp(minutes, H);
    expect(hours.map((h) => h.timestamp)).toEqual([0, H]);
    expect(hours[0]).toMatchObject({ count: 3, sum: 6, min: 1, max: 3 });
    expect(hours[1]).toMatchObject({ count: 2, sum: 9, min: 4, max: 5 });
    expect(hours[0]?.histogram?.reduce((a, b) => a + b, 0)).toBe(3);
    // Rolling up the roll-up again changes nothing: the math is associative.
    expect(computeStatistic(hours, 'mean', H)).toBe(computeStatistic(minutes, 'mean', H));
  });
});
