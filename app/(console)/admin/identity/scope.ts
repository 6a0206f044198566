import 'server-only';
import { notFound } from 'next/navigation';
import type { DomainError, Result } from '@/server/domain/result';
import { requirePagePrincipal } from '@/server/auth/require-principal';
import { getAppContext } from '@/server/services/context';
import type { AdminScope } from '@/server/services/identity/admin/scope';

/** The signed-in principal of the page as an admin scope (sign-in first when there is none). */
export async function pageScope(): Promise<AdminScope> {
  const principal = await requirePagePrincipal();
  const { db, installation } = getAppContext();
  return { db, installation, principal, now: () => new Date() };
}

/** What a principal without manage on berth-operations may not see is not there, as OCI answers. */
export function orNotFound<T>(result: Result<T, DomainError>): T {
  if (!result.ok) notFound();
  return result.data;
}
