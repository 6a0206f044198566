import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { domainError, err, type DomainError, type Result } from '@/server/domain/result';
import type { AdminScope } from '@/server/services/identity/admin/scope';
import { runAction, type ActionResult } from '../run-action';

/**
 * A server action of the identity administration: runAction's validation and principal, handed
 * to the service as an AdminScope; on success the pages that show the change are revalidated
 * (the whole layout for compartments, whose tree the header's picker shows).
 */
export async function runAdminAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (data: z.infer<S>, scope: AdminScope) => Result<T, DomainError>,
  revalidate: 'identity' | 'layout' = 'identity',
): Promise<ActionResult<T>> {
  const result = await runAction(schema, input, async (data, ctx) => {
    const principal = await ctx.principal();
    if (!principal) return err(domainError('NotAuthenticated', 'Your session has ended. Sign in again to continue.'));
    return handler(data, { db: ctx.db, installation: ctx.installation, principal, now: () => new Date() });
  });
  if (result.ok) revalidatePath(revalidate === 'layout' ? '/' : '/admin/identity', 'layout');
  return result;
}
