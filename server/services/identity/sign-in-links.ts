import type { Db } from '@/db/client';
import { getSignInTokenRow, replaceSignInToken, consumeSignInToken, type SignInTokenPurpose } from '@/db/queries/sign-in';
import { getUserRow } from '@/db/queries/users';
import { err, ok, type Result } from '@/server/domain/result';
import { newToken, tokenHash, type RequestMeta, type SessionPolicy } from './sessions';
import { openSignedInSession, type SignedIn } from './sign-in';

/** How long a printed link works: long enough to open it, short enough that a stale one is dead. */
export const SIGN_IN_LINK_MINUTES = 15;

export const SIGN_IN_LINK_PATH = '/sign-in/token';

/** The console's address with the token: what `npm start` and `npm run reset-admin` print. */
export const signInLinkUrl = (consoleUrl: string, token: string): string => `${consoleUrl.replace(/\/+$/, '')}${SIGN_IN_LINK_PATH}?t=${token}`;

/** A one-time link for the user, replacing any unused one; only its hash is stored. */
export function createSignInLink(db: Db, userId: string, purpose: SignInTokenPurpose, now = new Date()): { token: string; expires: Date } {
  const token = newToken();
  const expires = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
  replaceSignInToken(db, { tokenHash: tokenHash(token), userId, purpose, timeCreated: now.toISOString(), timeExpires: expires.toISOString() });
  return { token, expires };
}

/** Why a link signs nobody in: the page says which and how to get a new one. */
export type LinkRefusal = 'unknown' | 'expired' | 'used';

export type RedeemedLink = SignedIn & { purpose: SignInTokenPurpose };

/**
 * Uses the link once and opens a session for its user. The token is marked used in one UPDATE
 * guarded by "unused and unexpired", so two browsers opening it at once sign in one of them.
 */
export function redeemSignInLink(db: Db, token: string, meta: RequestMeta, policy: SessionPolicy, options: { now?: Date; previousToken?: string | undefined } = {}): Result<RedeemedLink, LinkRefusal> {
  const now = options.now ?? new Date();
  const hash = tokenHash(token);
  if (!consumeSignInToken(db, hash, now.toISOString())) {
    const row = getSignInTokenRow(db, hash);
    if (!row) return err('unknown');
    return err(row.timeUsed ? 'used' : 'expired');
  }
  const row = getSignInTokenRow(db, hash);
  const user = row ? getUserRow(db, row.userId) : undefined;
  if (!row || !user || user.lifecycleState !== 'ACTIVE') return err('unknown');
  const how = row.purpose === 'first-run' ? 'first-run link' : 'reset link';
  return ok({ ...openSignedInSession(db, user, meta, policy, { now, previousToken: options.previousToken, how }), purpose: row.purpose });
}
