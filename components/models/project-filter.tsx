'use client';

import { useId } from 'react';
import { useSearchParams } from 'next/navigation';
import { useUpdateSearchParams } from '@/components/lists/use-update-search-params';
import { Select } from '@/components/ui/select';

/** Narrows the models list to one project (the `projectId` search param). */
export function ProjectFilter({ projects }: { projects: readonly { id: string; displayName: string }[] }) {
  const id = useId();
  const searchParams = useSearchParams();
  const { update } = useUpdateSearchParams();
  const current = searchParams.get('projectId') ?? '';
  const options = projects.some((p) => p.id === current) || !current ? projects : [...projects, { id: current, displayName: 'Another project' }];
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-gray-700">
        Project
      </label>
      <Select id={id} className="w-64" value={current} onChange={(e) => update((p) => (e.target.value ? p.set('projectId', e.target.value) : p.delete('projectId')))}>
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
