'use client';

import { useId, useMemo, useState } from 'react';
import { Select } from '@/components/ui/select';
import { diffRevisions } from '@/server/domain/revisions';
import { changeRows, type FormatContext } from '../wizard/change-labels';
import { DiffTable } from '../wizard/diff-table';
import type { RevisionRowView } from './revision-types';

/** Any two revisions side by side: what changed from the first chosen to the second. */
export function RevisionCompare({ revisions, format }: { revisions: readonly RevisionRowView[]; format: FormatContext }) {
  const fromId = useId();
  const toId = useId();
  const newest = revisions.at(-1)?.revision ?? 1;
  const [from, setFrom] = useState(() => Math.max(1, newest - 1));
  const [to, setTo] = useState(newest);
  const options = revisions.map((r) => ({ value: String(r.revision), label: `Revision ${r.revision}` }));
  const rows = useMemo(() => {
    const a = revisions.find((r) => r.revision === from);
    const b = revisions.find((r) => r.revision === to);
    return a && b ? changeRows(diffRevisions(a, b), format) : [];
  }, [revisions, from, to, format]);

  return (
    <section aria-labelledby={`${fromId}-title`} className="flex flex-col gap-3">
      <h3 id={`${fromId}-title`} className="text-sm font-semibold text-gray-900">
        Compare revisions
      </h3>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={fromId} className="text-xs font-medium text-gray-600">
            From
          </label>
          <Select id={fromId} value={String(from)} onChange={(e) => setFrom(Number(e.target.value))} options={options} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={toId} className="text-xs font-medium text-gray-600">
            To
          </label>
          <Select id={toId} value={String(to)} onChange={(e) => setTo(Number(e.target.value))} options={options} />
        </div>
      </div>
      <div aria-live="polite">
        {from === to ? (
          <p className="text-sm text-gray-600">Choose two different revisions to see what changed between them.</p>
        ) : rows.length === 0 ? (
          <p className="text-sm text-gray-600">
            Revisions {from} and {to} have the same configuration.
          </p>
        ) : (
          <DiffTable rows={rows} caption={`Changes from revision ${from} to revision ${to}`} columns={[`Revision ${from}`, `Revision ${to}`]} />
        )}
      </div>
    </section>
  );
}
