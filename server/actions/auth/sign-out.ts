'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clearSessionCookie } from '@/server/auth/session-cookie';
import { getAppContext } from '@/server/services/context';
import { signOutEverywhere } from '@/server/services/identity/account';
import { recordAudit } from '@/server/services/identity/audit';
import { scopedPrincipal } from '@/server/services/identity/principal-scope';
import { endSession } from '@/server/services/identity/sessions';
import { domainError, err } from '@/server/domain/result';
import { runAction } from '../run-action';

// Not runAction: signing out must work with a session that has already ended (the cookie goes
// either way), and there is nothing to validate.
export async function signOutAction(): Promise<void> {
  const ctx = getAppContext();
  const who = await ctx.principal();
  const token = await clearSessionCookie();
  if (token) endSession(ctx.db, token);
  if (who) recordAudit(ctx.db, who, { action: 'SignOut', resourceType: 'users', resourceId: who.userId, outcome: 'SUCCEEDED' });
  redirect('/sign-in');
}

/** Ends every session of the user, on every browser, this one included. */
export async function signOutEverywhereAction() {
  const result = await runAction(z.undefined(), undefined, async (_input, actionCtx) => {
    const who = scopedPrincipal();
    if (!who) return err(domainError('NotAuthenticated', 'Your session has ended. Sign in again to continue.'));
    return signOutEverywhere(actionCtx.db, who);
  });
  if (!result.ok) return result;
  await clearSessionCookie();
  redirect('/sign-in');
}
