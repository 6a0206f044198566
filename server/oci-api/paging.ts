import { domainError, type DomainError } from '@/server/domain/result';

// Paging for the lists the API slices itself (shapes): an opaque token holding an offset, as the
// provider's own lists do.

const encode = (offset: number) => Buffer.from(JSON.stringify({ s: offset })).toString('base64url');

function decode(token: string | null): number | null {
  if (!token) return 0;
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown }).s;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

export function slicePage<T>(items: T[], limit: number, page: string | null): { ok: true; items: T[]; nextPage?: string } | { ok: false; error: DomainError } {
  const offset = decode(page);
  if (offset === null) return { ok: false, error: domainError('InvalidParameter', 'The page token is not valid.') };
  const slice = items.slice(offset, offset + limit);
  return { ok: true, items: slice, ...(offset + limit < items.length ? { nextPage: encode(offset + limit) } : {}) };
}
