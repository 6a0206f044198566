'use client';

import { useId } from 'react';
import { useSearchParams } from 'next/navigation';
import { useUpdateSearchParams } from '@/components/lists/use-update-search-params';
import type { CompartmentOption } from '@/components/forms/compartment-select';
import { Select } from '@/components/ui/select';

export interface CompartmentPickerProps {
  compartments: readonly CompartmentOption[];
  /** Shown as selected while the URL has no `compartmentId`. */
  defaultCompartmentId?: string;
}

export function CompartmentPicker({ compartments, defaultCompartmentId }: CompartmentPickerProps) {
  const id = useId();
  const searchParams = useSearchParams();
  const { update, isPending } = useUpdateSearchParams();
  const current = searchParams.get('compartmentId') ?? defaultCompartmentId ?? '';

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-gray-700">
        Compartment
      </label>
      <Select
        id={id}
        value={current}
        aria-busy={isPending || undefined}
        className="w-64"
        onChange={(e) => {
          const next = e.target.value;
          update((p) => (next ? p.set('compartmentId', next) : p.delete('compartmentId')));
        }}
      >
        {!compartments.some((c) => c.id === current) && <option value="">Select a compartment</option>}
        {compartments.map((c) => (
          <option key={c.id} value={c.id}>
            {/* Native options ignore padding, so indent with non-breaking spaces. */}
            {'\u00A0\u00A0\u00A0'.repeat(c.depth) + c.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
