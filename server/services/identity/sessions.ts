import crypto from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { accessOfUser, getUserRow } from '@/db/queries/users';
import { deleteSessionRow, deleteStaleSessionRows, deleteUserSessionRows, getSessionRow, insertSessionRow, touchSessionRow } from '@/db/queries/sessions';
import type { Principal } from '@/server/domain/principal';

export const SESSION_COOKIE = 'berth_session';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface RequestMeta {
  address: string;
  userAgent: string;
  requestId: string;
}

// Writing the last-seen time on every request would make each page view a write; once a minute
// keeps idle expiry exact to the minute.
const TOUCH_EVERY_MS = 60_000;

export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

/** A new session for the user; the token goes into the cookie and nowhere else. */
export function createSession(db: DbOrTx, userId: string, meta: Omit<RequestMeta, 'requestId'>, policy: SessionPolicy, now = new Date()): { token: string; expires: Date } {
  const token = newToken();
  const expires = new Date(now.getTime() + policy.absoluteMs);
  insertSessionRow(db, { tokenHash: tokenHash(token), userId, timeCreated: now.toISOString(), timeLastSeen: now.toISOString(), timeExpires: expires.toISOString(), address: meta.address, userAgent: meta.userAgent.slice(0, 300) });
  return { token, expires };
}

/** The session's user as a principal, or null when the token is unknown, idle too long or past its end. */
export function principalOfSession(db: DbOrTx, token: string, meta: RequestMeta, policy: SessionPolicy, tenancyId: string, now = new Date()): Principal | null {
  const hash = tokenHash(token);
  const row = getSessionRow(db, hash);
  if (!row) return null;
  const t = now.getTime();
  if (Date.parse(row.timeExpires) <= t || Date.parse(row.timeLastSeen) + policy.idleMs <= t) {
    deleteSessionRow(db, hash);
    return null;
  }
  const user = getUserRow(db, row.userId);
  if (!user || user.lifecycleState !== 'ACTIVE') return null;
  if (t - Date.parse(row.timeLastSeen) >= TOUCH_EVERY_MS) touchSessionRow(db, hash, now.toISOString());
  return principalOfUser(db, user.id, user.name, tenancyId, 'session', meta);
}

export function principalOfUser(db: DbOrTx, userId: string, userName: string, tenancyId: string, via: Principal['via'], meta: RequestMeta): Principal {
  const { groupNames, grants } = accessOfUser(db, userId);
  return { userId, userName, tenancyId, groupNames, grants, via, address: meta.address, requestId: meta.requestId };
}

export function endSession(db: DbOrTx, token: string): void {
  deleteSessionRow(db, tokenHash(token));
}

/** Sign-out everywhere, and what a password change or reset does. */
export function endAllSessions(db: DbOrTx, userId: string): number {
  return deleteUserSessionRows(db, userId);
}

export function sweepExpiredSessions(db: DbOrTx, policy: SessionPolicy, now = new Date()): number {
  const idleBefore = new Date(now.getTime() - policy.idleMs).toISOString();
  return deleteStaleSessionRows(db, now.toISOString(), idleBefore);
}
