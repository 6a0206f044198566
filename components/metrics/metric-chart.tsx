'use client';

import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartDef, ChartModel } from '@/server/domain/chart-series';
import { STATISTICS } from '@/server/domain/chart-window';
import { formatTick, formatValue } from './format';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

export interface MetricChartProps {
  def: ChartDef;
  statisticLabel: string;
  spanMs: number;
  model: ChartModel | null;
  /** Shown instead of the chart: why there is no data, or what went wrong. */
  message?: { tone: 'empty' | 'error'; text: string };
}

function latest(model: ChartModel, key: string): number | null {
  for (let i = model.rows.length - 1; i >= 0; i -= 1) {
    const v = model.rows[i]?.[key];
    if (typeof v === 'number') return v;
  }
  return null;
}

export function MetricChart({ def, statisticLabel, spanMs, model, message }: MetricChartProps) {
  const titleId = useId();
  const stat = def.statistic ? (STATISTICS.find((s) => s.id === def.statistic)?.label ?? def.statistic) : statisticLabel;
  const summary = model
    ? model.series.map((s) => {
        const v = latest(model, s.key);
        return `${s.label}: ${v === null ? 'no data' : formatValue(v, def.unit)}`;
      })
    : [];
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
          <div className="h-48" role="img" aria-label={`${def.title}, latest values: ${summary.join('; ')}`}>
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
                    stroke={COLORS[i % COLORS.length]}
                    dot={model.rows.length <= 90}
                    connectNulls={false}
                    isAnimationActive={false}
                    strokeWidth={1.5}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <p className="sr-only">{summary.join('; ')}</p>
        </>
      )}
    </section>
  );
}
