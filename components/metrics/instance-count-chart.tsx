'use client';

import { useId } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InstanceCountPoint } from '@/server/domain/instance-count-series';
import { formatTick } from './format';

// How many instances served over time: a step line from the deployment's creation through each
// carried-out scaling to now, with the autoscaling bounds drawn across it.

export interface InstanceCountChartProps {
  points: readonly InstanceCountPoint[];
  /** Autoscaling bounds; absent for a fixed size. */
  bounds?: { minimum: number; maximum: number };
}

export function InstanceCountChart({ points, bounds }: InstanceCountChartProps) {
  const titleId = useId();
  const counts = points.map((p) => p.count);
  const now = counts.at(-1) ?? 0;
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? first;
  const changes = Math.max(0, points.length - 2);
  const summary = `${now} now; ${low === high ? `${low} throughout` : `from ${low} to ${high}`}; ${changes} scaling${changes === 1 ? '' : 's'}`;
  const top = Math.max(high, bounds?.maximum ?? high) + 1;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2 rounded-lg border border-gray-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={titleId} className="text-sm font-semibold text-gray-900">
          Instance count
        </h3>
        <span className="text-xs text-gray-500">Instances serving</span>
      </div>
      <p className="text-sm text-gray-800 tabular-nums">{summary}</p>
      <div className="h-40" role="img" aria-label={`Instance count: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points.map((p) => ({ t: p.t, count: p.count }))} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatTick(t, last - first)} fontSize={11} />
            <YAxis fontSize={11} width={32} allowDecimals={false} domain={[0, top]} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => [String(v), 'Instances']} />
            {bounds && <ReferenceLine y={bounds.maximum} stroke="#9ca3af" strokeDasharray="4 4" label={{ value: 'max', fontSize: 10, position: 'insideTopRight' }} />}
            {bounds && <ReferenceLine y={bounds.minimum} stroke="#9ca3af" strokeDasharray="4 4" label={{ value: 'min', fontSize: 10, position: 'insideBottomRight' }} />}
            <Line dataKey="count" name="Instances" type="stepAfter" stroke="#2563eb" dot={false} isAnimationActive={false} strokeWidth={1.5} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
