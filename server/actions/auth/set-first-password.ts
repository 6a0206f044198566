'use server';

import { redirect } from 'next/navigation';
import { currentSessionToken } from '@/server/auth/session-cookie';
import { setFirstPassword } from '@/server/services/identity/account';
import { scopedPrincipal } from '@/server/services/identity/principal-scope';
import { domainError, err } from '@/server/domain/result';
import { newPasswordSchema } from '@/server/validation/identity';
import { runAction } from '../run-action';

/** The password a first-run or reset link asks for; then the console. */
export async function setFirstPasswordAction(input: unknown) {
  const token = await currentSessionToken();
  const result = await runAction(newPasswordSchema, input, async ({ password }, ctx) => {
    const who = scopedPrincipal();
    if (!who) return err(domainError('NotAuthenticated', 'Your session has ended. Sign in again to continue.'));
    return setFirstPassword(ctx.db, who, { token }, password);
  });
  if (result.ok) redirect('/');
  return result;
}
