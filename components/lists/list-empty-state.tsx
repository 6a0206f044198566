import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ClearFiltersLink } from './clear-filters-link';

export interface ListEmptyStateProps {
  /** Plural, lower case: "projects", "model deployments". */
  noun: string;
  /** Whether filters narrowed the list: then the way out is clearing them, not creating. */
  filtered: boolean;
  title: string;
  description: string;
  createAction: ReactNode;
}

export function ListEmptyState({ noun, filtered, title, description, createAction }: ListEmptyStateProps) {
  return filtered ? (
    <EmptyState title={`No ${noun} match these filters`} description="Change or clear the filters to see more." action={<ClearFiltersLink />} />
  ) : (
    <EmptyState title={title} description={description} action={createAction} />
  );
}
