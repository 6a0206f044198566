// The rate limit on failed sign-ins, pure: the caller brings the failure times it read. A refusal
// is decided before the password is looked at, so guessing costs nothing but the wait.

export const SIGN_IN_LIMITS = {
  perUserName: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
} as const;

export type SignInLimits = { perUserName: number; perAddress: number; windowMs: number };

export type SignInLimitDecision = { allowed: true } | { allowed: false; scope: 'user' | 'address'; retryAt: Date };

/**
 * failures: times (ISO) within the window, oldest first. At the limit, the next attempt is allowed
 * once enough of the oldest have left the window to bring the count under it again.
 */
function retryAtFor(failures: readonly string[], limit: number, windowMs: number): Date | null {
  if (failures.length < limit) return null;
  const leaving = failures[failures.length - limit];
  return leaving === undefined ? null : new Date(Date.parse(leaving) + windowMs);
}

export function decideSignInLimit(
  failures: { byUserName: readonly string[]; byAddress: readonly string[] },
  limits: SignInLimits = SIGN_IN_LIMITS,
): SignInLimitDecision {
  const user = retryAtFor(failures.byUserName, limits.perUserName, limits.windowMs);
  const address = retryAtFor(failures.byAddress, limits.perAddress, limits.windowMs);
  if (!user && !address) return { allowed: true };
  // Both blocked: the later time is the one that lets the attempt through.
  if (user && (!address || user >= address)) return { allowed: false, scope: 'user', retryAt: user };
  return { allowed: false, scope: 'address', retryAt: address ?? new Date(0) };
}

/** What the person is told: which limit, and when to try again, in minutes and as a clock time. */
export function signInLimitMessage(decision: Extract<SignInLimitDecision, { allowed: false }>, now: Date, limits: SignInLimits = SIGN_IN_LIMITS): string {
  const minutes = Math.max(1, Math.ceil((decision.retryAt.getTime() - now.getTime()) / 60_000));
  const at = decision.retryAt.toISOString().slice(11, 16);
  const windowMinutes = Math.round(limits.windowMs / 60_000);
  const what =
    decision.scope === 'user'
      ? `${limits.perUserName} failed sign-ins for this user name`
      : `${limits.perAddress} failed sign-ins from your address`;
  return `Too many attempts: ${what} in ${windowMinutes} minutes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at} UTC).`;
}

/** The key failures are counted under: names match as typed, in any case. */
export const failureKeyOf = (userName: string): string => userName.trim().toLowerCase().slice(0, 100);
