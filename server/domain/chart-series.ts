import { intervalMs, type MetricInterval, type Statistic, type TimeWindow } from './chart-window';
import type { MetricData } from './metric-stats';

// MetricData (OCI Monitoring's summarizeMetricsData) into chart rows: one row per interval over
// the whole window, one column per series, null where no datapoint exists so lines break instead
// of drawing across a gap.

// The charts read OCI Monitoring's MetricData, as the query layer returns it.
export type { MetricData };

export type ChartUnit = 'count' | 'percent' | 'ms' | 'bytesPerSecond';
export type ChartId = 'requests' | 'successRate' | 'status' | 'latency' | 'bandwidth' | 'cpu' | 'memory' | 'network' | 'gpuCore' | 'gpuMemory';

export interface ChartDef {
  id: ChartId;
  title: string;
  metric: string;
  unit: ChartUnit;
  /** A fixed statistic for charts whose meaning depends on it (counts); otherwise the selected one. */
  statistic?: Statistic;
  /** Predict charts are empty when nothing invoked the deployment; instance charts when no instance ran. */
  source: 'requests' | 'instances' | 'gpus';
  label: (dimensions: Record<string, string>) => string;
  /** How the series combine into the charted columns; default: one column per series. */
  combine?: 'successRate';
}

const shortId = (id: string | undefined) => (id ? `…${id.slice(-6)}` : 'unknown');
const instanceLabel = (d: Record<string, string>) => `Instance ${shortId(d.instanceId)}`;
const NETWORK = { BytesIn: 'Receive', BytesOut: 'Transmit' } as Record<string, string>;

export const CHARTS: readonly ChartDef[] = [
  { id: 'requests', title: 'Predict Request Count', metric: 'PredictRequestCount', unit: 'count', statistic: 'sum', source: 'requests', label: () => 'Requests' },
  {
    id: 'successRate',
    title: 'Predict Response Success Rate',
    metric: 'PredictResponse',
    unit: 'percent',
    statistic: 'count',
    source: 'requests',
    label: () => 'Success rate',
    combine: 'successRate',
  },
  {
    id: 'status',
    title: 'Predict Response Status',
    metric: 'PredictResponse',
    unit: 'count',
    statistic: 'count',
    source: 'requests',
    label: (d) => [d.statusCode, d.result].filter(Boolean).join(' ') || 'Responses',
  },
  { id: 'latency', title: 'Predict Latency', metric: 'PredictLatency', unit: 'ms', source: 'requests', label: (d) => d.result ?? 'Latency' },
  { id: 'bandwidth', title: 'Predict Bandwidth Utilization', metric: 'PredictBandwidth', unit: 'percent', source: 'requests', label: () => 'Bandwidth' },
  { id: 'cpu', title: 'CPU Utilization', metric: 'CpuUtilization', unit: 'percent', source: 'instances', label: instanceLabel },
  { id: 'memory', title: 'Memory Utilization', metric: 'MemoryUtilization', unit: 'percent', source: 'instances', label: instanceLabel },
  {
    id: 'network',
    title: 'Network Receive and Transmit Bytes',
    metric: 'NetworkBytes',
    unit: 'bytesPerSecond',
    source: 'instances',
    label: (d) => `${NETWORK[d.networkType ?? ''] ?? d.networkType ?? 'Bytes'} · ${instanceLabel(d)}`,
  },
  { id: 'gpuCore', title: 'GPU Utilization', metric: 'GPUCoreUtilization', unit: 'percent', source: 'gpus', label: instanceLabel },
  { id: 'gpuMemory', title: 'GPU Memory Utilization', metric: 'GPUMemoryUtilization', unit: 'percent', source: 'gpus', label: instanceLabel },
];

/** The charts of a deployment: GPU charts only for GPU shapes. */
export const chartsFor = (gpuShape: boolean): readonly ChartDef[] => CHARTS.filter((c) => gpuShape || c.source !== 'gpus');

export type ChartRow = { t: number } & { [seriesKey: string]: number | null };
export interface ChartSeries {
  /** A plain key (recharts reads dots in a dataKey as a path). */
  key: string;
  label: string;
}
export interface ChartModel {
  series: ChartSeries[];
  rows: ChartRow[];
  /** Whether any datapoint falls in the window. */
  hasData: boolean;
}

/** The interval boundaries covering the window: [floor(start), end], one per step. */
export function timeline(window: TimeWindow): number[] {
  const step = intervalMs(window.resolution);
  const start = Math.floor(Date.parse(window.startTime) / step) * step;
  const end = Date.parse(window.endTime);
  const out: number[] = [];
  for (let t = start; t <= end; t += step) out.push(t);
  return out;
}

const align = (timestamp: string, interval: MetricInterval) => {
  const step = intervalMs(interval);
  return Math.floor(Date.parse(timestamp) / step) * step;
};

function byTime(data: MetricData, interval: MetricInterval): Map<number, number> {
  const m = new Map<number, number>();
  for (const p of data.aggregatedDatapoints) {
    if (!Number.isFinite(p.value)) continue;
    const t = align(p.timestamp, interval);
    m.set(t, (m.get(t) ?? 0) + p.value);
  }
  return m;
}

function emptyRows(times: number[]): ChartRow[] {
  return times.map((t) => ({ t }));
}

/** Columns for a chart from the MetricData its query returned. */
export function buildChartModel(def: ChartDef, data: readonly MetricData[], window: TimeWindow): ChartModel {
  const times = timeline(window);
  const inWindow = new Set(times);
  const relevant = data.filter((d) => d.name === def.metric);
  const hasData = relevant.some((d) => d.aggregatedDatapoints.some((p) => inWindow.has(align(p.timestamp, window.resolution))));
  if (def.combine === 'successRate') return successRateModel(relevant, window, times, hasData);

  // Series with the same label (e.g. several status codes reported twice) add up into one column.
  const grouped = new Map<string, Map<number, number>>();
  for (const d of relevant) {
    const label = def.label(d.dimensions);
    const into = grouped.get(label) ?? new Map<number, number>();
    for (const [t, v] of byTime(d, window.resolution)) into.set(t, (into.get(t) ?? 0) + v);
    grouped.set(label, into);
  }
  const labels = [...grouped.keys()].sort((a, b) => a.localeCompare(b));
  const series = labels.map((label, i) => ({ key: `s${i}`, label }));
  const rows = emptyRows(times);
  for (const s of series) {
    const values = grouped.get(s.label);
    for (const row of rows) row[s.key] = values?.get(row.t) ?? null;
  }
  return { series, rows, hasData };
}

function successRateModel(data: readonly MetricData[], window: TimeWindow, times: number[], hasData: boolean): ChartModel {
  const total = new Map<number, number>();
  const success = new Map<number, number>();
  for (const d of data) {
    const ok = d.dimensions.result === 'Success' || d.dimensions.statusFamily === '2XX';
    for (const [t, v] of byTime(d, window.resolution)) {
      total.set(t, (total.get(t) ?? 0) + v);
      if (ok) success.set(t, (success.get(t) ?? 0) + v);
    }
  }
  const rows = emptyRows(times);
  for (const row of rows) {
    const n = total.get(row.t) ?? 0;
    row.s0 = n > 0 ? Math.round(((success.get(row.t) ?? 0) / n) * 10_000) / 100 : null;
  }
  return { series: [{ key: 's0', label: 'Success rate' }], rows, hasData };
}

export type EmptyReason = 'beforeCreated' | 'notActiveYet' | 'notRunning' | 'noRequests' | 'noSamples' | 'noGpuSamples';

/** Why a chart has nothing to show, or null when it has data. */
export function emptyReason(input: { def: ChartDef; hasData: boolean; lifecycleState: string; timeCreated: string; window: TimeWindow }): EmptyReason | null {
  if (input.hasData) return null;
  if (Date.parse(input.window.endTime) < Date.parse(input.timeCreated)) return 'beforeCreated';
  if (input.lifecycleState === 'CREATING') return 'notActiveYet';
  if (input.lifecycleState !== 'ACTIVE' && input.lifecycleState !== 'UPDATING') return 'notRunning';
  return input.def.source === 'requests' ? 'noRequests' : input.def.source === 'gpus' ? 'noGpuSamples' : 'noSamples';
}

export function emptyReasonText(reason: EmptyReason, lifecycleState: string): string {
  switch (reason) {
    case 'beforeCreated':
      return 'The range ends before this deployment was created. Choose a later range.';
    case 'notActiveYet':
      return 'The deployment is not active yet: metrics start once its instances serve.';
    case 'notRunning':
      return `The deployment is ${lifecycleState.toLowerCase()} and recorded nothing in this range.`;
    case 'noRequests':
      return 'No predict requests in this range. Invoke the deployment to see data here.';
    case 'noSamples':
      return 'No instance samples in this range yet; they are taken every minute while instances run.';
    case 'noGpuSamples':
      return 'No GPU samples in this range. They are taken every minute from instances given GPUs; on a host without the NVIDIA container runtime, GPU shapes run on CPU and have none.';
  }
}
