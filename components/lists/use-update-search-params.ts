'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useTransition } from 'react';

export interface UpdateOptions {
  /** `replace` (default) for filter changes, `push` for paging so Back returns to the previous page. */
  mode?: 'replace' | 'push';
  /** Filter changes start over at the first page; paging keeps what the mutation sets. */
  keepPage?: boolean;
}

/** Changes the current URL's search params without scrolling; `isPending` is true until the new page renders. */
export function useUpdateSearchParams() {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();

  const update = useCallback(
    (mutate: (params: URLSearchParams) => void, { mode = 'replace', keepPage = false }: UpdateOptions = {}) => {
      // Read at call time: a debounced caller's render-time params may already be stale.
      const params = new URLSearchParams(window.location.search);
      mutate(params);
      if (!keepPage) params.delete('page');
      const qs = params.toString();
      const href = qs ? `${pathname}?${qs}` : pathname;
      startTransition(() => (mode === 'push' ? router.push(href, { scroll: false }) : router.replace(href, { scroll: false })));
    },
    [router, pathname],
  );

  return { update, isPending };
}
