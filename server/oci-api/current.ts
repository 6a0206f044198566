import type { DomainError, Result } from '@/server/domain/result';
import { checkIfMatch } from './respond';

/** The resource as it is now, refused with 412 when the request's if-match names another version. */
export async function currentIfMatch<T>(headers: Headers, read: Promise<Result<T, DomainError>>): Promise<Result<T, DomainError>> {
  const current = await read;
  if (!current.ok) return current;
  const stale = checkIfMatch(headers, current.data);
  return stale ? { ok: false, error: stale } : current;
}
