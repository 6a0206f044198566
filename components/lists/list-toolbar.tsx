'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { Input } from '@/components/ui/input';
import { Select, type SelectOption } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { TagFilterControl } from '@/components/tags/tag-filter';
import { decodeTagFilters, encodeTagFilter } from '@/server/domain/tag-filter-codec';
import { useUpdateSearchParams } from './use-update-search-params';

export interface ListToolbarProps {
  /** Lifecycle states to filter by; "All states" (no `state` param) is added first. */
  stateOptions: readonly SelectOption[];
  sortOptions: readonly SelectOption[];
  /** Selected while the URL has no `sort`; defaults to the first sort option. */
  defaultSort?: string;
  namespaces?: readonly TagNamespaceOption[];
}

const DEBOUNCE_MS = 300;

export function ListToolbar({ stateOptions, sortOptions, defaultSort, namespaces }: ListToolbarProps) {
  const ids = useId();
  const searchParams = useSearchParams();
  const { update, isPending } = useUpdateSearchParams();
  const urlQ = searchParams.get('q') ?? '';
  const [q, setQ] = useState(urlQ);
  const lastSent = useRef(urlQ);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow URL changes made elsewhere (Back, a cleared filter), but not the echo of our own update.
  useEffect(() => {
    if (urlQ !== lastSent.current) {
      lastSent.current = urlQ;
      setQ(urlQ);
    }
  }, [urlQ]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function sendQuery(value: string) {
    clearTimeout(timer.current);
    const trimmed = value.trim();
    if (trimmed === lastSent.current) return;
    lastSent.current = trimmed;
    update((p) => (trimmed ? p.set('q', trimmed) : p.delete('q')));
  }

  const setParam = (name: string, value: string) => update((p) => (value ? p.set(name, value) : p.delete(name)));
  const tagFilters = decodeTagFilters(searchParams.getAll('tag'));
  const sort = searchParams.get('sort') ?? defaultSort ?? sortOptions[0]?.value ?? '';

  return (
    <div className="mb-3 flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="w-64">
          <label htmlFor={`${ids}-q`} className="sr-only">
            Search by name
          </label>
          <Input
            id={`${ids}-q`}
            type="search"
            placeholder="Search by name"
            value={q}
            autoComplete="off"
            onChange={(e) => {
              const value = e.target.value;
              setQ(value);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => sendQuery(value), DEBOUNCE_MS);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') sendQuery(q);
            }}
            // Leaving the box (pressing a result's link) sends the query now: a debounced send that
            // fired after the click would replace the navigation the click started.
            onBlur={() => sendQuery(q)}
          />
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={`${ids}-state`} className="text-sm whitespace-nowrap text-gray-700">
            State
          </label>
          <Select id={`${ids}-state`} className="w-44" value={searchParams.get('state') ?? ''} onChange={(e) => setParam('state', e.target.value)}>
            <option value="">All states</option>
            {stateOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={`${ids}-sort`} className="text-sm whitespace-nowrap text-gray-700">
            Sort by
          </label>
          <Select id={`${ids}-sort`} className="w-52" value={sort} options={sortOptions} onChange={(e) => setParam('sort', e.target.value)} />
        </div>
        {isPending && <Spinner label="Updating list" />}
      </div>
      <TagFilterControl
        filters={tagFilters}
        namespaces={namespaces}
        onChange={(filters) =>
          update((p) => {
            p.delete('tag');
            for (const f of filters) p.append('tag', encodeTagFilter(f));
          })
        }
      />
    </div>
  );
}
