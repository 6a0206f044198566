import type { Principal } from '@/server/domain/principal';
import { getAppContext } from '@/server/services/context';
import { runAs, scopedPrincipal } from '@/server/services/identity/principal-scope';
import { jsonResponse, requestIdOf } from '../model-deployments/_lib/respond';

/**
 * Every route handler's front door: the request's principal (its session cookie) or a 401, and
 * the handler run as that principal, so each provider call and access check inside it is made
 * for the caller. A route that answers without one is a hole; tests/codebase.test.ts looks.
 */
export function withPrincipal<C = unknown>(handler: (req: Request, ctx: C, principal: Principal) => Promise<Response>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    // One a front door already put in scope (the signed API, a test), else the session cookie's.
    const principal = scopedPrincipal() ?? (await getAppContext().principal());
    if (!principal) {
      // The body is left unread (an upload may be gigabytes): the connection is not kept to drain it.
      return jsonResponse({ code: 'NotAuthenticated', message: 'Sign in to continue: the session has ended or the request carried none.' }, requestIdOf(req), {
        status: 401,
        headers: { connection: 'close' },
      });
    }
    return runAs(principal, () => handler(req, ctx, principal));
  };
}
