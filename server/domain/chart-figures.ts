import type { ChartDef, ChartModel } from './chart-series';

// The figure printed beside each chart. A count (requests, responses by status) is summed over
// the range, since its last point is only the last minute's share; a rate, latency or utilization
// is a level, for which the newest point is what the user asks about.

export interface ChartFigure {
  label: string;
  /** null when the series has no point in the range. */
  value: number | null;
  kind: 'total' | 'latest';
}

export const figureKindOf = (def: Pick<ChartDef, 'unit'>): ChartFigure['kind'] => (def.unit === 'count' ? 'total' : 'latest');

export function chartFigures(def: Pick<ChartDef, 'unit'>, model: ChartModel): ChartFigure[] {
  const kind = figureKindOf(def);
  return model.series.map((s) => {
    const values = model.rows.map((r) => r[s.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) return { label: s.label, value: null, kind };
    return { label: s.label, value: kind === 'total' ? values.reduce((a, b) => a + b, 0) : (values[values.length - 1] ?? null), kind };
  });
}
