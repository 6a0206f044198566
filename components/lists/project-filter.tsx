'use client';

import { useId } from 'react';
import { useSearchParams } from 'next/navigation';
import { Select } from '@/components/ui/select';
import { useUpdateSearchParams } from './use-update-search-params';

/** OCI's list scope: every project of the compartment, or one of them (`projectId` in the URL). */
export function ProjectFilter({ projects }: { projects: readonly { id: string; displayName: string }[] }) {
  const id = useId();
  const searchParams = useSearchParams();
  const { update, isPending } = useUpdateSearchParams();
  const current = searchParams.get('projectId') ?? '';
  // A project from another compartment (followed from a link) stays selectable.
  const options = projects.some((p) => p.id === current) || !current ? projects : [...projects, { id: current, displayName: 'Another project' }];
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-gray-700">
        Project
      </label>
      <Select
        id={id}
        className="w-64"
        aria-busy={isPending || undefined}
        value={current}
        onChange={(e) => {
          const next = e.target.value;
          update((p) => (next ? p.set('projectId', next) : p.delete('projectId')));
        }}
      >
        <option value="">All projects</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
          </option>
        ))}
      </Select>
    </div>
  );
}
