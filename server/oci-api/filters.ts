import type { Result, DomainError } from '@/server/domain/result';
import type { ListParams, Page } from '@/server/providers/types';
import { slicePage } from './paging';

// OCI's list filters the provider's ListParams lack (`id`, `createdBy`): applied here over the
// provider's own filtered and sorted list, so paging and sorting stay the provider's.

interface Filterable {
  id: string;
  compartmentId: string;
  createdBy?: string;
  displayName?: string;
  lifecycleState?: string;
}

const SCAN_PAGE = 100;
/** The most rows a post-filtered list reads: a bound on one request's cost. */
const SCAN_MAX = 20_000;

export interface ExtraFilters {
  id?: string;
  createdBy?: string;
}

export async function listWithExtraFilters<T extends Filterable, P extends ListParams>(
  params: P,
  extra: ExtraFilters,
  list: (params: P) => Promise<Result<Page<T>, DomainError>>,
): Promise<Result<Page<T>, DomainError>> {
  if (!extra.id && !extra.createdBy) return list(params);
  const matches = (item: T) => (!extra.id || item.id === extra.id) && (!extra.createdBy || item.createdBy === extra.createdBy);
  const all: T[] = [];
  let page: string | undefined;
  do {
    const { page: _ignored, limit: _limit, ...rest } = params;
    const next = await list({ ...rest, limit: SCAN_PAGE, ...(page ? { page } : {}) } as P);
    if (!next.ok) return next;
    all.push(...next.data.items.filter(matches));
    page = next.data.nextPage;
  } while (page && all.length < SCAN_MAX);
  const sliced = slicePage(all, params.limit ?? 20, params.page ?? null);
  if (!sliced.ok) return { ok: false, error: sliced.error };
  return { ok: true, data: { items: sliced.items, offset: 0, ...(sliced.nextPage ? { nextPage: sliced.nextPage } : {}) } };
}
