'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { CONTEXT_COOKIE } from '@/server/auth/request-context';
import { domainError, err, ok } from '@/server/domain/result';
import { principalIsOps } from '@/server/services/identity/access';
import { runAction, type ActionResult } from '../run-action';

const schema = z.object({ contextId: z.string().min(1).max(200).regex(/^(local|oci:[\w.@-]+)$/, 'Not a context of this console.') });

/**
 * Chooses the context (Local or an OCI profile) of this browser session only: a cookie, never a
 * server-wide setting. A profile acts with the server's own key, so it is the ops role's.
 */
export async function switchContextAction(input: unknown): Promise<ActionResult<{ contextId: string }>> {
  return runAction(schema, input, async ({ contextId }, ctx) => {
    if (contextId !== 'local') {
      if (!(await principalIsOps(ctx))) return err(domainError('NotAuthorizedOrNotFound', `Context ${contextId} was not found.`));
      const option = (await ctx.contexts.options()).find((o) => o.id === contextId);
      if (!option) return err(domainError('NotAuthorizedOrNotFound', `Context ${contextId} was not found.`));
      if (option.problem || !ctx.contexts.resolve(contextId)) return err(domainError('IncorrectState', `The profile ${option.label} cannot be used: ${option.problem ?? 'it has no provider.'}`));
    }
    (await cookies()).set(CONTEXT_COOKIE, contextId, { httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, path: '/' });
    return ok({ contextId });
  });
}
