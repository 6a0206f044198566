import { describe, expect, it } from 'vitest';
import { instanceCountSeries } from './instance-count-series';

const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('instanceCountSeries', () => {
  it('steps from the creation through each carried-out scaling to what serves now', () => {
    const series = instanceCountSeries({
      // Newest first, as the timeline lists them.
      decisions: [
        { time: at(30), action: 'SCALE_IN', fromCount: 3, toCount: 2, workRequestStatus: 'SUCCEEDED' },
        { time: at(25), action: 'NONE', fromCount: 3, toCount: 3, workRequestStatus: null },
        { time: at(20), action: 'SCALE_OUT', fromCount: 2, toCount: 3, workRequestStatus: 'SUCCEEDED' },
        { time: at(15), action: 'SCALE_OUT', fromCount: 2, toCount: 3, workRequestStatus: 'FAILED' },
        { time: at(10), action: 'SCALE_OUT', fromCount: 1, toCount: 2, workRequestStatus: 'SUCCEEDED' },
      ],
      timeCreated: at(0),
      currentInstanceCount: 2,
      now: T0 + 40 * 60_000,
    });
    expect(series.map((p) => [(p.t - T0) / 60_000, p.count])).toEqual([
      [0, 1],
      [10, 2],
      [20, 3],
      [30, 2],
      [40, 2],
    ]);
  });

  it('drops to 0 at an idle guard deactivation and comes back at its activation; a hold changes nothing', () => {
    const series = instanceCountSeries({
      decisions: [
        { time: at(50), action: 'ACTIVATE', fromCount: 0, toCount: 2, workRequestStatus: 'SUCCEEDED' },
        { time: at(40), action: 'ACTIVATE', fromCount: 0, toCount: 0, workRequestStatus: null },
        { time: at(30), action: 'DEACTIVATE', fromCount: 2, toCount: 0, workRequestStatus: 'SUCCEEDED' },
      ],
      timeCreated: at(0),
      currentInstanceCount: 2,
      now: T0 + 60 * 60_000,
    });
    expect(series.map((p) => [(p.t - T0) / 60_000, p.count])).toEqual([
      [0, 2],
      [30, 0],
      [50, 2],
      [60, 2],
    ]);
  });

  it('is flat at the current count without scalings', () => {
    const series = instanceCountSeries({ decisions: [], timeCreated: at(0), currentInstanceCount: 1, now: T0 + 60_000 });
    expect(series).toEqual([
      { t: T0, count: 1 },
      { t: T0 + 60_000, count: 1 },
    ]);
  });
});
