'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import {
  INTERVALS,
  intervalFits,
  isInterval,
  isQuickRange,
  isStatistic,
  QUICK_RANGES,
  STATISTICS,
  type MetricInterval,
  type RangeSelection,
  type Statistic,
} from '@/server/domain/chart-window';

export interface MetricsSettings {
  selection: RangeSelection;
  interval: MetricInterval | undefined;
  statistic: Statistic;
  autoRefresh: boolean;
}

export interface MetricsControlsProps {
  value: MetricsSettings;
  onChange: (next: MetricsSettings) => void;
  /** Duration of the current window, to offer only intervals that fit it. */
  spanMs: number;
  /** Why the custom range cannot be charted, if it cannot. */
  rangeError?: string;
  canAutoRefresh: boolean;
  onRefresh: () => void;
  refreshing: boolean;
}

/** datetime-local wants local time without seconds or zone. */
function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function MetricsControls({ value, onChange, spanMs, rangeError, canAutoRefresh, onRefresh, refreshing }: MetricsControlsProps) {
  const custom = value.selection.range === 'custom' ? value.selection : null;
  // Initialisers, so that the clock is read on the first render only.
  const [start, setStart] = useState(() => custom?.start ?? toLocalInput(new Date(Date.now() - 3600_000)));
  const [end, setEnd] = useState(() => custom?.end ?? toLocalInput(new Date()));
  const [showCustom, setShowCustom] = useState(custom !== null);

  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...value, selection: { range: 'custom', start, end } });
  };

  return (
    <div className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-gray-50 p-3">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Quick range">
          <Select
            className="w-40"
            value={showCustom ? 'custom' : value.selection.range}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'custom') setShowCustom(true);
              else if (isQuickRange(v)) {
                setShowCustom(false);
                onChange({ ...value, selection: { range: v } });
              }
            }}
            options={[...QUICK_RANGES.map((r) => ({ value: r.id, label: r.label })), { value: 'custom', label: 'Custom range' }]}
          />
        </Field>
        <Field label="Interval">
          <Select
            className="w-36"
            value={value.interval ?? 'auto'}
            onChange={(e) => {
              const v = e.target.value;
              onChange({ ...value, interval: isInterval(v) ? v : undefined });
            }}
            options={[
              { value: 'auto', label: 'Auto' },
              ...INTERVALS.map((i) => ({ value: i.id, label: i.label, disabled: !intervalFits(i.id, spanMs) })),
            ]}
          />
        </Field>
        <Field label="Statistic">
          <Select
            className="w-28"
            value={value.statistic}
            onChange={(e) => {
              const v = e.target.value;
              if (isStatistic(v)) onChange({ ...value, statistic: v });
            }}
            options={STATISTICS.map((s) => ({ value: s.id, label: s.label }))}
          />
        </Field>
        <label className="flex h-8 items-center gap-2 text-sm text-gray-800">
          <input
            type="checkbox"
            className="size-4"
            checked={value.autoRefresh && canAutoRefresh}
            disabled={!canAutoRefresh}
            onChange={(e) => onChange({ ...value, autoRefresh: e.target.checked })}
          />
          Auto-refresh every minute
        </label>
        <Button onClick={onRefresh} loading={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      {showCustom && (
        <form onSubmit={applyCustom} className="flex flex-wrap items-end gap-3" aria-label="Custom time range">
          <Field label="Start time">
            <Input type="datetime-local" className="w-56" value={start} onChange={(e) => setStart(e.target.value)} required />
          </Field>
          <Field label="End time">
            <Input type="datetime-local" className="w-56" value={end} onChange={(e) => setEnd(e.target.value)} required />
          </Field>
          <Button type="submit" variant="primary">
            Apply range
          </Button>
          {rangeError && (
            <p role="alert" className="text-sm font-medium text-red-700">
              {rangeError}
            </p>
          )}
        </form>
      )}
      {!canAutoRefresh && <p className="text-xs text-gray-500">Auto-refresh is off while the deployment is not running: it records nothing new.</p>}
    </div>
  );
}
