import 'server-only';
import type { z } from 'zod';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import type { DomainError, Result } from '@/server/domain/result';
import { getAppContext, type AppContext } from '@/server/services/context';
import { runAs } from '@/server/services/identity/principal-scope';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string> };

const GENERIC = 'Something went wrong on the server. The details are in the server log.';


/**
 * The one shape of every server action: parse the input with zod, call a service, return a
 * Result, as the signed-in principal (every provider call is checked against its grants). Expected errors carry their message to the user; anything else is logged and hidden.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (data: z.infer<S>, ctx: AppContext) => Promise<Result<T, DomainError>>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues);
    return { ok: false, code: 'InvalidParameter', error: 'Some fields need attention.', fieldErrors };
  }
  try {
    const ctx = getAppContext();
    const principal = await ctx.principal();
    if (!principal) return { ok: false, code: 'NotAuthenticated', error: 'Your session has ended. Sign in again to continue.' };
    const result = await runAs(principal, () => handler(parsed.data, ctx));
    if (result.ok) return { ok: true, data: result.data };
    const { code, message, fieldErrors } = result.error;
    return fieldErrors ? { ok: false, code, error: message, fieldErrors } : { ok: false, code, error: message };
  } catch (cause) {
    console.error('server action failed', cause);
    return { ok: false, error: GENERIC };
  }
}
