import { describe, expect, it } from 'vitest';
import { buildChartModel, CHARTS, chartsFor, emptyReason, timeline, type ChartDef, type MetricData } from './chart-series';
import { buildMetricQuery, defaultIntervalFor, intervalFits, resolveWindow, type TimeWindow } from './chart-window';

const NOW = new Date('2026-11-21T12:00:30Z');
const MD = 'ocid1.datasciencemodeldeployment.oc1.iad.abc';
const chart = (id: string): ChartDef => {
  const def = CHARTS.find((c) => c.id === id);
  if (!def) throw new Error(id);
  return def;
};
const W: TimeWindow = { startTime: '2026-11-21T12:00:00Z', endTime: '2026-11-21T12:04:30Z', resolution: '1m' };
const series = (name: string, dimensions: Record<string, string>, points: [string, number][]): MetricData => ({
  namespace: 'oci_datascience_modeldeploy',
  name,
  resolution: '1m',
  dimensions: { resourceId: MD, ...dimensions },
  aggregatedDatapoints: points.map(([m, value]) => ({ timestamp: `2026-11-21T12:0${m}:00Z`, value })),
});

describe('resolveWindow', () => {
  it('defaults to the last hour at 1 minute', () => {
    const r = resolveWindow({ range: '1h' }, NOW);
    expect(r).toEqual({ ok: true, window: { startTime: '2026-11-21T11:00:30.000Z', endTime: '2026-11-21T12:00:30.000Z', resolution: '1m' } });
  });
  it('gives longer ranges coarser intervals', () => {
    expect(defaultIntervalFor(6 * 3600_000)).toBe('1m');
    expect(defaultIntervalFor(24 * 3600_000)).toBe('5m');
    expect(defaultIntervalFor(7 * 86_400_000)).toBe('1h');
    const week = resolveWindow({ range: '7d' }, NOW);
    expect(week.ok && week.window.resolution).toBe('1h');
  });
  it('keeps a chosen interval that fits and replaces one that does not', () => {
    const fits = resolveWindow({ range: '24h' }, NOW, '1h');
    expect(fits.ok && fits.window.resolution).toBe('1h');
    const tooFine = resolveWindow({ range: '7d' }, NOW, '1m');
    expect(tooFine.ok && tooFine.window.resolution).toBe('1h');
    expect(intervalFits('1d', 3600_000)).toBe(false);
  });
  it('takes a custom start and end, and says what is wrong with a bad one', () => {
    const r = resolveWindow({ range: 'custom', start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:00:00Z' }, NOW);
    expect(r).toEqual({ ok: true, window: { startTime: '2026-11-21T10:00:00.000Z', endTime: '2026-11-21T11:00:00.000Z', resolution: '1m' } });
    expect(resolveWindow({ range: 'custom', start: '', end: '2026-11-21T11:00:00Z' }, NOW)).toEqual({ ok: false, error: 'Enter a start time.' });
    const reversed = resolveWindow({ range: 'custom', start: '2026-11-21T11:00:00Z', end: '2026-11-21T10:00:00Z' }, NOW);
    expect(reversed.ok).toBe(false);
  });
});

describe('buildMetricQuery', () => {
  it('writes MQL with the interval, resource and statistic', () => {
    expect(buildMetricQuery('PredictLatency', '1m', 'p95', MD)).toBe(`PredictLatency[1m]{resourceId = "${MD}"}.p95()`);
    expect(buildMetricQuery('CpuUtilization', '5m', 'mean', 'a"b')).toBe('CpuUtilization[5m]{resourceId = "ab"}.mean()');
  });
});

describe('buildChartModel', () => {
  it('has one row per interval and null where no datapoint exists, so lines break', () => {
    expect(timeline(W)).toHaveLength(5);
    const m = buildChartModel(chart('requests'), [series('PredictRequestCount', {}, [['0', 3], ['2', 5]])], W);
    expect(m.hasData).toBe(true);
    expect(m.series).toEqual([{ key: 's0', label: 'Requests' }]);
    expect(m.rows.map((r) => r.s0)).toEqual([3, null, 5, null, null]);
  });
  it('labels per-instance series by instance, one column each', () => {
    const m = buildChartModel(
      chart('cpu'),
      [series('CpuUtilization', { instanceId: 'inst-aaaaaa111111' }, [['1', 20]]), series('CpuUtilization', { instanceId: 'inst-bbbbbb222222' }, [['1', 40]])],
      W,
    );
    expect(m.series.map((s) => s.label)).toEqual(['Instance …111111', 'Instance …222222']);
    expect(m.rows[1]).toEqual({ t: Date.parse('2026-11-21T12:01:00Z'), s0: 20, s1: 40 });
  });
  it('names network series by direction', () => {
    const m = buildChartModel(chart('network'), [series('NetworkBytes', { instanceId: 'i-123456', networkType: 'BytesIn' }, [['0', 1]])], W);
    expect(m.series[0]?.label).toBe('Receive · Instance …123456');
  });
  it('turns PredictResponse into a success percentage and a status count', () => {
    const data = [
      series('PredictResponse', { statusCode: '200', result: 'Success', statusFamily: '2XX' }, [['0', 3], ['1', 1]]),
      series('PredictResponse', { statusCode: '500', result: 'Failure', statusFamily: '5XX' }, [['0', 1]]),
    ];
    const rate = buildChartModel(chart('successRate'), data, W);
    expect(rate.rows.map((r) => r.s0)).toEqual([75, 100, null, null, null]);
    const status = buildChartModel(chart('status'), data, W);
    expect(status.series.map((s) => s.label)).toEqual(['200 Success', '500 Failure']);
    expect(status.rows[0]).toMatchObject({ s0: 3, s1: 1 });
  });
  it('ignores other metrics and points outside the window', () => {
    const m = buildChartModel(chart('latency'), [series('PredictRequestCount', {}, [['0', 1]]), series('PredictLatency', { result: 'Success' }, [['9', 12]])], W);
    expect(m.hasData).toBe(false);
  });
});

describe('emptyReason', () => {
  const base = { hasData: false, lifecycleState: 'ACTIVE', timeCreated: '2026-11-21T11:00:00Z', window: W };
  it('says why a chart is empty', () => {
    expect(emptyReason({ ...base, def: chart('requests'), hasData: true })).toBeNull();
    expect(emptyReason({ ...base, def: chart('requests') })).toBe('noRequests');
    expect(emptyReason({ ...base, def: chart('cpu') })).toBe('noSamples');
    expect(emptyReason({ ...base, def: chart('cpu'), lifecycleState: 'CREATING' })).toBe('notActiveYet');
    expect(emptyReason({ ...base, def: chart('cpu'), lifecycleState: 'INACTIVE' })).toBe('notRunning');
    expect(emptyReason({ ...base, def: chart('cpu'), timeCreated: '2026-11-21T13:00:00Z' })).toBe('beforeCreated');
    expect(emptyReason({ ...base, def: chart('gpuCore') })).toBe('noGpuSamples');
  });
});

describe('chartsFor', () => {
  it('adds the GPU charts for GPU shapes only', () => {
    const ids = (gpu: boolean) => chartsFor(gpu).map((c) => c.id);
    expect(ids(false)).not.toContain('gpuCore');
    expect(ids(true).slice(-2)).toEqual(['gpuCore', 'gpuMemory']);
    expect(ids(true).slice(0, -2)).toEqual(ids(false));
  });
});
