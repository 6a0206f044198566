'use server';

import { redirect } from 'next/navigation';
import type { ActionResult } from '@/server/actions/run-action';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { requestMeta } from '@/server/auth/request-principal';
import { currentSessionToken, setSessionCookie } from '@/server/auth/session-cookie';
import { getAppContext } from '@/server/services/context';
import { signInWithPassword } from '@/server/services/identity/sign-in';
import { signInSchema } from '@/server/validation/identity';

// Not runAction: there is no principal yet; signing in is what makes one.
export async function signInAction(input: unknown): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'InvalidParameter', error: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const ctx = getAppContext();
  // The browser's previous session ends: a new session id at every sign-in, so a token planted
  // before it signs nobody in.
  const result = await signInWithPassword(ctx.db, parsed.data, await requestMeta(), ctx.config.session, { previousToken: await currentSessionToken() });
  if (!result.ok) return { ok: false, code: result.error.code, error: result.error.message };
  await setSessionCookie(result.data.token, result.data.expires, ctx.config.secureCookies);
  redirect(parsed.data.next ?? '/');
}
