import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Principal } from '@/server/domain/principal';
import { getAppContext } from '@/server/services/context';

/** Set by the proxy on every page request: the path to come back to after signing in. */
export const PATH_HEADER = 'x-berth-path';

/** The page's principal; without one the browser goes to the sign-in page and comes back after. */
export async function requirePagePrincipal(): Promise<Principal> {
  const principal = await getAppContext().principal();
  if (principal) return principal;
  const path = (await headers()).get(PATH_HEADER);
  redirect(path && path !== '/' ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in');
}
