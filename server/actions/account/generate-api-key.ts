'use server';

import { revalidatePath } from 'next/cache';
import { domainError, err } from '@/server/domain/result';
import { generateApiKey } from '@/server/services/identity/api-keys';
import { generateApiKeySchema } from '@/server/validation/api-keys';
import { runAction } from '../run-action';

/**
 * Makes an RSA 2048 pair: the public key is stored, the private key travels back in this one
 * answer for the browser to save, and is kept nowhere on the server.
 */
export async function generateApiKeyAction(input: unknown) {
  const result = await runAction(generateApiKeySchema, input, async (_data, ctx) => {
    const principal = await ctx.principal();
    return principal ? generateApiKey(ctx.db, principal) : err(domainError('NotAuthenticated', 'Sign in again to continue.'));
  });
  if (result.ok) revalidatePath('/account/api-keys');
  return result;
}
