import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { Page } from '../types';

// Page tokens are opaque to clients (as OCI's opc-next-page); here they carry an offset.
const encode = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function decodePageToken(token: string | undefined): number | null {
  if (!token) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const o = (parsed as { o?: unknown }).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

export const clampLimit = (limit: number | undefined, fallback = 20) => Math.max(1, Math.min(100, limit ?? fallback));

/** Builds a page from `limit + 1` fetched rows: the extra row only says there is a next page. */
export function toPage<T>(rows: T[], offset: number, limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return {
    items,
    offset,
    ...(rows.length > limit ? { nextPage: encode(offset + limit) } : {}),
    ...(offset > 0 ? { prevPage: encode(Math.max(0, offset - limit)) } : {}),
  };
}

/** One page of a list: decodes the token, fetches one row more than asked, maps the rows. */
export function pagedList<R, T>(
  page: string | undefined,
  requested: number | undefined,
  fetch: (limit: number, offset: number) => R[],
  map: (row: R) => T,
  fallbackLimit = 20,
): Result<Page<T>, DomainError> {
  const offset = decodePageToken(page);
  if (offset === null) return err(domainError('InvalidParameter', 'The page token is not valid.'));
  const limit = clampLimit(requested, fallbackLimit);
  return ok(toPage(fetch(limit + 1, offset).map(map), offset, limit));
}
