import { describe, expect, it } from 'vitest';
import { chartFigures } from './chart-figures';
import { buildChartModel, CHARTS, type ChartDef } from './chart-series';
import type { TimeWindow } from './chart-window';

const def = (id: string): ChartDef => {
  const found = CHARTS.find((c) => c.id === id);
  if (!found) throw new Error(id);
  return found;
};
const WINDOW: TimeWindow = { startTime: '2025-01-01T10:00:00.000Z', endTime: '2025-01-01T10:05:00.000Z', resolution: '1m' };
const at = (minute: number) => `2025-01-01T10:0${minute}:00.000Z`;

describe('chartFigures', () => {
  it('sums a count over the range instead of showing its last minute', () => {
    const model = buildChartModel(
      def('requests'),
      [{ namespace: 'oci_datascience_modeldeploy', name: 'PredictRequestCount', dimensions: {}, resolution: '1m', aggregatedDatapoints: [{ timestamp: at(1), value: 5 }, { timestamp: at(2), value: 2 }, { timestamp: at(4), value: 1 }] }],
      WINDOW,
    );
    expect(chartFigures(def('requests'), model)).toEqual([{ label: 'Requests', value: 8, kind: 'total' }]);
  });

  it('shows the newest point of a level (latency), per series, and null without data', () => {
    const model = buildChartModel(
      def('latency'),
      [
        { namespace: 'oci_datascience_modeldeploy', name: 'PredictLatency', dimensions: { result: 'Success' }, resolution: '1m', aggregatedDatapoints: [{ timestamp: at(1), value: 40 }, { timestamp: at(3), value: 12 }] },
        { namespace: 'oci_datascience_modeldeploy', name: 'PredictLatency', dimensions: { result: 'Failure' }, resolution: '1m', aggregatedDatapoints: [] },
      ],
      WINDOW,
    );
    expect(chartFigures(def('latency'), model)).toEqual([
      { label: 'Failure', value: null, kind: 'latest' },
      { label: 'Success', value: 12, kind: 'latest' },
    ]);
  });
});
