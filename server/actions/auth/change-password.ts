'use server';

import { currentSessionToken } from '@/server/auth/session-cookie';
import { changePassword } from '@/server/services/identity/account';
import { scopedPrincipal } from '@/server/services/identity/principal-scope';
import { domainError, err } from '@/server/domain/result';
import { changePasswordSchema } from '@/server/validation/identity';
import { runAction } from '../run-action';

/** Current and new password; this session stays, the user's others end. */
export async function changePasswordAction(input: unknown) {
  const token = await currentSessionToken();
  return runAction(changePasswordSchema, input, async ({ currentPassword, password }, ctx) => {
    const who = scopedPrincipal();
    if (!who) return err(domainError('NotAuthenticated', 'Your session has ended. Sign in again to continue.'));
    return changePassword(ctx.db, who, { token }, { currentPassword, password });
  });
}
