import { Suspense, type ReactNode } from 'react';
import { stateLabel } from '@/components/state-badge';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { ListToolbar } from './list-toolbar';

const SORT_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'name-desc', label: 'Name Z–A' },
];

export interface ListFiltersProps {
  /** The resource's lifecycle states, offered in the state filter. */
  states: readonly string[];
  namespaces: readonly TagNamespaceOption[];
  /** Filters shown before the toolbar, e.g. a project filter. */
  children?: ReactNode;
}

/** A list page's URL-driven filters: search, state, tags and sort. */
export function ListFilters({ states, namespaces, children }: ListFiltersProps) {
  // The toolbar reads the URL's search params, which needs a Suspense boundary in a static render.
  return (
    <Suspense>
      {children}
      <ListToolbar stateOptions={states.map((s) => ({ value: s, label: stateLabel(s) }))} sortOptions={SORT_OPTIONS} namespaces={namespaces} />
    </Suspense>
  );
}
