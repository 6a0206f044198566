import { matchesTagFilter } from '@/server/domain/tag-filter';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { ListParams, Page } from '../types';

// OCI pages forward only (opc-next-page). Berth's pages also say where they start and can go
// back, so the token handed to the console carries the offset and the OCI tokens behind it.

interface Token {
  o: number;
  p?: string;
  h: (string | null)[];
}

const encode = (t: Token) => Buffer.from(JSON.stringify(t)).toString('base64url');

function decode(token: string | undefined): Token | null {
  if (!token) return { o: 0, h: [] };
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Token>;
    if (typeof t.o !== 'number' || !Array.isArray(t.h) || (t.p !== undefined && typeof t.p !== 'string')) return null;
    return { o: t.o, h: t.h, ...(t.p ? { p: t.p } : {}) };
  } catch {
    return null;
  }
}

export const clampLimit = (limit: number | undefined, fallback = 20) => Math.max(1, Math.min(100, limit ?? fallback));

/**
 * One page of an OCI list. The console's own filters (name substring, tags) have no OCI query
 * parameter, so they narrow the page OCI answered.
 */
type Filterable = { displayName?: string; freeformTags?: Record<string, string>; definedTags?: Record<string, Record<string, unknown>> };

export async function ociPage<T extends object>(
  params: Pick<ListParams, 'page' | 'limit' | 'nameContains' | 'tagFilters'>,
  fetch: (page: string | undefined, limit: number) => Promise<Result<{ items: T[]; opcNextPage?: string }, DomainError>>,
): Promise<Result<Page<T>, DomainError>> {
  const token = decode(params.page);
  if (!token) return err(domainError('InvalidParameter', 'The page token is not valid.'));
  const limit = clampLimit(params.limit);
  const answered = await fetch(token.p, limit);
  if (!answered.ok) return answered;
  const needle = params.nameContains?.toLowerCase();
  // Work requests and log lines have neither field; the console never filters them so.
  const items = answered.data.items.filter((item) => {
    const i: Filterable = item;
    return (!needle || (i.displayName ?? '').toLowerCase().includes(needle)) && (params.tagFilters ?? []).every((f) => matchesTagFilter(i, f));
  });
  const next = answered.data.opcNextPage;
  const history = [...token.h];
  const prev = token.o > 0 ? history.pop() : undefined;
  return ok({
    items,
    offset: token.o,
    ...(next ? { nextPage: encode({ o: token.o + answered.data.items.length, p: next, h: [...token.h, token.p ?? null] }) } : {}),
    ...(token.o > 0 ? { prevPage: encode({ o: Math.max(0, token.o - limit), h: history, ...(prev ? { p: prev } : {}) }) } : {}),
  });
}

/** Every page of an OCI list, for the short ones the console shows whole (shapes). */
export async function allPages<T>(fetch: (page: string | undefined) => Promise<Result<{ items: T[]; opcNextPage?: string }, DomainError>>, most = 20): Promise<Result<T[], DomainError>> {
  const out: T[] = [];
  let page: string | undefined;
  for (let i = 0; i < most; i++) {
    const r = await fetch(page);
    if (!r.ok) return r;
    out.push(...r.data.items);
    page = r.data.opcNextPage;
    if (!page) break;
  }
  return ok(out);
}
