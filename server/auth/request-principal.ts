import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import type { Db } from '@/db/client';
import type { Principal } from '@/server/domain/principal';
import { newOpcRequestId } from '@/server/gateway/request-id';
import { scopedPrincipal } from '@/server/services/identity/principal-scope';
import { principalOfSession, SESSION_COOKIE, type RequestMeta, type SessionPolicy } from '@/server/services/identity/sessions';

/** Set by the console server from the socket (a client's own copy is overwritten). */
export const CLIENT_ADDRESS_HEADER = 'x-berth-client-address';

/** The caller's address, user agent and request id, as far as the request tells them. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  const given = h.get('opc-request-id');
  return {
    address: h.get(CLIENT_ADDRESS_HEADER) ?? '',
    userAgent: h.get('user-agent') ?? '',
    requestId: given && /^[\x21-\x7e]{1,128}$/.test(given) ? given : newOpcRequestId(),
  };
}

/**
 * The principal of the request in progress: one a front door put in scope (the signed API), else
 * the session cookie's. Null outside a request (boot, jobs) and for a missing or ended session,
 * which every check treats as "sign in".
 */
export function createRequestPrincipal(db: Db, policy: SessionPolicy, tenancyId: string): () => Promise<Principal | null> {
  // Once per request: a page asks for many resources, each checked against the same principal.
  const fromCookie = cache(async (): Promise<Principal | null> => {
    let token: string | undefined;
    try {
      token = (await cookies()).get(SESSION_COOKIE)?.value;
    } catch {
      return null;
    }
    if (!token) return null;
    return principalOfSession(db, token, await requestMeta(), policy, tenancyId);
  });
  return async () => scopedPrincipal() ?? (await fromCookie());
}
