'use server';

import { revalidatePath } from 'next/cache';
import { domainError, err } from '@/server/domain/result';
import { uploadApiKey } from '@/server/services/identity/api-keys';
import { uploadApiKeySchema } from '@/server/validation/api-keys';
import { runAction } from '../run-action';

/** Adds a public key the user pasted or chose as a file; a private key is refused and not stored. */
export async function uploadApiKeyAction(input: unknown) {
  const result = await runAction(uploadApiKeySchema, input, async ({ publicKeyPem }, ctx) => {
    const principal = await ctx.principal();
    return principal ? uploadApiKey(ctx.db, principal, publicKeyPem) : err(domainError('NotAuthenticated', 'Sign in again to continue.'));
  });
  if (result.ok) revalidatePath('/account/api-keys');
  return result;
}
