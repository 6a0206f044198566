'use server';

import { revalidatePath } from 'next/cache';
import { domainError, err } from '@/server/domain/result';
import { deleteApiKey } from '@/server/services/identity/api-keys';
import { deleteApiKeySchema } from '@/server/validation/api-keys';
import { runAction } from '../run-action';

export async function deleteApiKeyAction(input: unknown) {
  const result = await runAction(deleteApiKeySchema, input, async ({ id }, ctx) => {
    const principal = await ctx.principal();
    return principal ? deleteApiKey(ctx.db, principal, id) : err(domainError('NotAuthenticated', 'Sign in again to continue.'));
  });
  if (result.ok) revalidatePath('/account/api-keys');
  return result;
}
