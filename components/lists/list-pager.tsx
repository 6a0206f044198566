import { Suspense } from 'react';
import { Pager } from './pager';

export interface ListPagerProps {
  /** A provider page: its items, offset in the filtered list, and page tokens. */
  page: { items: readonly unknown[]; offset: number; prevPage?: string; nextPage?: string };
}

/** The Previous/Next pager of a list page, with the range of rows shown. */
export function ListPager({ page }: ListPagerProps) {
  return (
    <Suspense>
      <Pager
        {...(page.prevPage !== undefined ? { prevPage: page.prevPage } : {})}
        {...(page.nextPage !== undefined ? { nextPage: page.nextPage } : {})}
        shownFrom={page.items.length ? page.offset + 1 : 0}
        shownTo={page.offset + page.items.length}
      />
    </Suspense>
  );
}
