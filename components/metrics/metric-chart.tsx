'use client';

import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartFigures, figureKindOf } from '@/server/domain/chart-figures';
import type { ChartDef, ChartModel } from '@/server/domain/chart-series';
import { STATISTICS } from '@/server/domain/chart-window';
import { formatTick, formatValue } from './format';
import { seriesColors } from './palette';

export interface MetricChartProps {
  def: ChartDef;
  statisticLabel: string;
  spanMs: number;
  model: ChartModel | null;
  /** Shown instead of the chart: why there is no data, or what went wrong. */
  message?: { tone: 'empty' | 'error'; text: string };
}

const KIND_TEXT = { total: 'total over the range', latest: 'latest' } as const;

export function MetricChart({ def, statisticLabel, spanMs, model, message }: MetricChartProps) {
  const titleId = useId();
  const stat = def.statistic ? (STATISTICS.find((s) => s.id === def.statistic)?.label ?? def.statistic) : statisticLabel;
  const figures = model ? chartFigures(def, model) : [];
  const summary = figures.map((f) => `${f.label}: ${f.value === null ? 'no data' : formatValue(f.value, def.unit)}`);
  const colors = model ? seriesColors(model.series.map((s) => s.label)) : [];
  const kindText = KIND_TEXT[figureKindOf(def)];
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2 rounded-lg border border-gray-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={titleId} className="text-sm font-semibold text-gray-900">
          {def.title}
        </h3>
        <span className="text-xs text-gray-500">Statistic: {stat}</span>
      </div>
      {message || !model ? (
        <p
          role={message?.tone === 'error' ? 'alert' : undefined}
          className={`flex h-48 items-center justify-center rounded border border-dashed px-4 text-center text-sm ${message?.tone === 'error' ? 'border-red-300 text-red-700' : 'border-gray-300 text-gray-600'}`}
        >
          {message?.text ?? 'No data.'}
        </p>
      ) : (
        <>
          <p className="text-sm text-gray-800">
            <span className="tabular-nums">{summary.join(' · ')}</span> <span className="text-xs text-gray-500">({kindText})</span>
          </p>
          <div className="h-48" role="img" aria-label={`${def.title}, ${kindText}: ${summary.join('; ')}`}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={model.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatTick(t, spanMs)} fontSize={11} />
                <YAxis fontSize={11} width={56} tickFormatter={(v: number) => formatValue(v, def.unit)} {...(def.unit === 'percent' ? { domain: [0, 100] } : {})} />
                <Tooltip
                  labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
                  formatter={(v) => (typeof v === 'number' ? formatValue(v, def.unit) : String(v))}
                />
                {model.series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
                {model.series.map((s, i) => (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={colors[i]}
                    dot={model.rows.length <= 90}
                    connectNulls={false}
                    isAnimationActive={false}
                    strokeWidth={1.5}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
    </section>
  );
}
