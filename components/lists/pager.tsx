'use client';

import { Button } from '@/components/ui/button';
import { useUpdateSearchParams } from './use-update-search-params';

export interface PagerProps {
  /** Token of the previous page; '' means the first page (no `page` param); absent disables Previous. */
  prevPage?: string;
  /** Token of the next page; absent disables Next. */
  nextPage?: string;
  /** 1-based index of the first and last row shown. */
  shownFrom: number;
  shownTo: number;
}

export function Pager({ prevPage, nextPage, shownFrom, shownTo }: PagerProps) {
  const { update, isPending } = useUpdateSearchParams();
  const go = (token: string) => update((p) => (token ? p.set('page', token) : p.delete('page')), { mode: 'push', keepPage: true });

  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between gap-4 text-sm text-gray-600">
      <p aria-live="polite">{shownTo >= shownFrom && shownTo > 0 ? `Showing ${shownFrom}–${shownTo}` : 'No items'}</p>
      <div className="flex gap-2">
        <Button size="sm" disabled={prevPage === undefined || isPending} onClick={() => prevPage !== undefined && go(prevPage)}>
          Previous
        </Button>
        <Button size="sm" disabled={nextPage === undefined || isPending} onClick={() => nextPage !== undefined && go(nextPage)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
