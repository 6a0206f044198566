import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import type { Access } from '@/server/domain/access';
import type { CheckedResourceType } from '@/server/domain/iam';
import type { DomainError, Result } from '@/server/domain/result';
import { getAppContext } from '@/server/services/context';
import { accessIn, principalIsOps } from '@/server/services/identity/access';
import { PATH_HEADER } from './require-principal';

/** The session ended while the page was being made: sign in again and come back here. */
export async function signInAgain(): Promise<never> {
  const path = (await headers()).get(PATH_HEADER);
  redirect(path && path !== '/' ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in');
}

/**
 * A page's data, or the page a person should see instead: the console's 404 for what does not
 * exist or may not be seen (the same page for both), the sign-in page when the session ended.
 */
export async function pageData<T>(result: Result<T, DomainError>): Promise<T> {
  if (result.ok) return result.data;
  if (result.error.code === 'NotAuthorizedOrNotFound') notFound();
  if (result.error.code === 'NotAuthenticated') return signInAgain();
  throw new Error(result.error.message);
}

/** What the page may offer the signed-in user on `type` in the compartment. */
export const pageAccess = (compartmentId: string, type: CheckedResourceType): Promise<Access> => accessIn(getAppContext(), compartmentId, type);

/** The operations pages are the ops role's; to anyone else they do not exist. */
export async function requireOpsPage(): Promise<void> {
  if (!(await principalIsOps(getAppContext()))) notFound();
}
