'use client';

import { useState } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { buildChartModel, chartsFor, emptyReason, emptyReasonText } from '@/server/domain/chart-series';
import { DEFAULT_RANGE, DEFAULT_STATISTIC, QUICK_RANGES, STATISTICS } from '@/server/domain/chart-window';
import type { InstanceCountPoint } from '@/server/domain/instance-count-series';
import { InstanceCountChart } from './instance-count-chart';
import { MetricChart } from './metric-chart';
import { MetricsControls, type MetricsSettings } from './metrics-controls';
import { useChartData } from './use-chart-data';

export interface MetricsPanelProps {
  deploymentId: string;
  lifecycleState: string;
  timeCreated: string;
  /** A GPU shape: GPU utilization charts join the others. */
  gpuShape: boolean;
  /** The instance-count chart under the metrics (as of the page's render). */
  instanceCounts?: { points: readonly InstanceCountPoint[]; bounds?: { minimum: number; maximum: number } };
}

// Polling only makes sense while the deployment can record something.
const LIVE_STATES = new Set(['ACTIVE', 'UPDATING', 'CREATING']);
const REFRESH_MS = 60_000;

export function MetricsPanel({ deploymentId, lifecycleState, timeCreated, gpuShape, instanceCounts }: MetricsPanelProps) {
  const [settings, setSettings] = useState<MetricsSettings>({
    selection: { range: DEFAULT_RANGE },
    interval: undefined,
    statistic: DEFAULT_STATISTIC,
    autoRefresh: true,
  });
  const live = LIVE_STATES.has(lifecycleState);
  const query = useChartData({
    deploymentId,
    selection: settings.selection,
    interval: settings.interval,
    statistic: settings.statistic,
    refreshMs: settings.autoRefresh && live ? REFRESH_MS : false,
    gpuShape,
  });
  const result = query.data;
  const data = result && 'window' in result ? result : null;
  const rangeError = result && 'invalid' in result ? result.invalid : undefined;
  const spanMs = data
    ? Date.parse(data.window.endTime) - Date.parse(data.window.startTime)
    : (QUICK_RANGES.find((r) => r.id === settings.selection.range)?.ms ?? 3600_000);
  const statisticLabel = STATISTICS.find((s) => s.id === settings.statistic)?.label ?? settings.statistic;

  return (
    <div className="flex flex-col gap-4">
      <MetricsControls
        value={settings}
        onChange={setSettings}
        spanMs={spanMs}
        {...(rangeError ? { rangeError } : {})}
        canAutoRefresh={live}
        onRefresh={() => void query.refetch()}
        refreshing={query.isFetching}
      />
      {data && (
        <p className="text-xs text-gray-500" aria-live="polite">
          {new Date(data.window.startTime).toLocaleString()} to {new Date(data.window.endTime).toLocaleString()}, one point per{' '}
          {data.window.resolution}. Updated {new Date(data.fetchedAt).toLocaleTimeString()}.
        </p>
      )}
      {query.isPending && <Spinner label="Loading metrics…" size="md" />}
      {query.isPending && <p className="text-sm text-gray-600">Loading the deployment&apos;s metrics…</p>}
      {data && (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {chartsFor(gpuShape).map((def) => {
            const outcome = data.byChart[def.id] ?? { ok: false as const, error: 'Not loaded yet.' };
            if (!outcome.ok) {
              return <MetricChart key={def.id} def={def} statisticLabel={statisticLabel} spanMs={spanMs} model={null} message={{ tone: 'error', text: outcome.error }} />;
            }
            const model = buildChartModel(def, outcome.data, data.window);
            const reason = emptyReason({ def, hasData: model.hasData, lifecycleState, timeCreated, window: data.window });
            return (
              <MetricChart
                key={def.id}
                def={def}
                statisticLabel={statisticLabel}
                spanMs={spanMs}
                model={reason ? null : model}
                {...(reason ? { message: { tone: 'empty' as const, text: emptyReasonText(reason, lifecycleState) } } : {})}
              />
            );
          })}
        </div>
      )}
      {instanceCounts && <InstanceCountChart points={instanceCounts.points} {...(instanceCounts.bounds ? { bounds: instanceCounts.bounds } : {})} />}
    </div>
  );
}
