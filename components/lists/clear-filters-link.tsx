'use client';

import { Button } from '@/components/ui/button';
import { useUpdateSearchParams } from './use-update-search-params';

/** Drops every list filter but keeps the compartment scope. */
export function ClearFiltersLink() {
  const { update } = useUpdateSearchParams();
  return (
    <Button
      variant="secondary"
      onClick={() =>
        update((p) => {
          for (const k of ['state', 'q', 'tag', 'page']) p.delete(k);
        })
      }
    >
      Clear filters
    </Button>
  );
}
