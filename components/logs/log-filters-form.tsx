'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { customRangeError, type CategoryFilter, type LevelFilter, type LogFilters, type RangeFilter } from './log-filters';

const CATEGORY_OPTIONS = [
  { value: 'both', label: 'Access and predict' },
  { value: 'access', label: 'Access' },
  { value: 'predict', label: 'Predict' },
];
const LEVEL_OPTIONS = [
  { value: 'all', label: 'All levels' },
  { value: 'INFO', label: 'INFO and above' },
  { value: 'WARNING', label: 'WARNING and above' },
  { value: 'ERROR', label: 'ERROR and above' },
];
const RANGE_OPTIONS = [
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: 'custom', label: 'Custom range' },
];

/** Selects apply at once; the search text and a custom range apply with Search (or Enter). */
export function LogFiltersForm({ value, onChange }: { value: LogFilters; onChange: (f: LogFilters) => void }) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const apply = (next: LogFilters) => {
    const problem = customRangeError(next);
    setError(problem);
    if (!problem) onChange(next);
  };
  const set = (patch: Partial<LogFilters>, now: boolean) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (now) apply(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  return (
    <form role="search" aria-label="Log filters" onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <Field label="Category">
        <Select options={CATEGORY_OPTIONS} value={draft.category} onChange={(e) => set({ category: e.target.value as CategoryFilter }, true)} className="w-48" />
      </Field>
      <Field label="Level">
        <Select options={LEVEL_OPTIONS} value={draft.level} onChange={(e) => set({ level: e.target.value as LevelFilter }, true)} className="w-44" />
      </Field>
      <Field label="Time range">
        <Select
          options={RANGE_OPTIONS}
          value={draft.range}
          onChange={(e) => {
            const range = e.target.value as RangeFilter;
            set({ range }, range !== 'custom');
          }}
          className="w-44"
        />
      </Field>
      {draft.range === 'custom' && (
        <>
          <Field label="Start time">
            <Input type="datetime-local" step={1} value={draft.customStart} onChange={(e) => set({ customStart: e.target.value }, false)} className="w-56" />
          </Field>
          <Field label="End time">
            <Input type="datetime-local" step={1} value={draft.customEnd} onChange={(e) => set({ customEnd: e.target.value }, false)} className="w-56" />
          </Field>
        </>
      )}
      <Field label="Search text" hint="In messages and details, e.g. an opc-request-id.">
        <Input type="search" value={draft.text} maxLength={200} onChange={(e) => set({ text: e.target.value }, false)} className="w-64" />
      </Field>
      <Button type="submit" variant="primary" className="mb-5">
        Search
      </Button>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
