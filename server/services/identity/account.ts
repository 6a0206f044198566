import type { Db } from '@/db/client';
import { countSessionsOfUser, deleteOtherSessions, insertSignInFailure } from '@/db/queries/sign-in';
import { getUserRow, setPasswordHash } from '@/db/queries/users';
import { failureKeyOf, SIGN_IN_LIMITS } from '@/server/domain/sign-in-limit';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import type { Principal } from '@/server/domain/principal';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { endAllSessions, tokenHash } from './sessions';
import { signInLimitRefusal } from './sign-in';

/** The session the request came with, so a password change can keep it and end the others. */
export interface CurrentSession {
  token: string | undefined;
}

function endOthers(db: Db, userId: string, current: CurrentSession): number {
  return current.token ? deleteOtherSessions(db, userId, tokenHash(current.token)) : endAllSessions(db, userId);
}

/**
 * The password asked for after a first-run or reset link: only while the user has none, so a
 * session alone never replaces a password someone chose (that needs the current one).
 */
export async function setFirstPassword(db: Db, who: Principal, current: CurrentSession, password: string, now = new Date()): Promise<Result<{ sessionsEnded: number }, DomainError>> {
  const user = getUserRow(db, who.userId);
  if (!user) return err(notFound('User', who.userId));
  if (user.passwordHash) return err(domainError('IncorrectState', 'Your password is already set. Change it on the Account page, with your current password.'));
  setPasswordHash(db, user.id, await hashPassword(password), now.toISOString());
  const sessionsEnded = endOthers(db, user.id, current);
  recordAudit(db, who, { action: 'SetPassword', resourceType: 'users', resourceId: user.id, outcome: 'SUCCEEDED' }, now);
  return ok({ sessionsEnded });
}

/** A change with the current password; the other sessions end. A wrong one counts as a failed sign-in. */
export async function changePassword(db: Db, who: Principal, current: CurrentSession, input: { currentPassword: string; password: string }, now = new Date()): Promise<Result<{ sessionsEnded: number }, DomainError>> {
  const user = getUserRow(db, who.userId);
  if (!user) return err(notFound('User', who.userId));
  const limited = signInLimitRefusal(db, user.name, who.address, now, SIGN_IN_LIMITS);
  if (limited) return err(limited);
  const good = user.passwordHash ? await verifyPassword(user.passwordHash, input.currentPassword) : false;
  if (!good) {
    insertSignInFailure(db, failureKeyOf(user.name), who.address, now.toISOString());
    recordAudit(db, who, { action: 'ChangePassword', resourceType: 'users', resourceId: user.id, outcome: 'FAILED', detail: 'NotAuthenticated' }, now);
    return err(domainError('InvalidParameter', 'The current password is not right.', { currentPassword: 'The current password is not right.' }));
  }
  setPasswordHash(db, user.id, await hashPassword(input.password), now.toISOString());
  const sessionsEnded = endOthers(db, user.id, current);
  recordAudit(db, who, { action: 'ChangePassword', resourceType: 'users', resourceId: user.id, outcome: 'SUCCEEDED', detail: `${sessionsEnded} other session(s) ended` }, now);
  return ok({ sessionsEnded });
}

/** Every session of the user ends, this one included. */
export function signOutEverywhere(db: Db, who: Principal, now = new Date()): Result<{ sessionsEnded: number }, DomainError> {
  const sessionsEnded = endAllSessions(db, who.userId);
  recordAudit(db, who, { action: 'SignOutEverywhere', resourceType: 'users', resourceId: who.userId, outcome: 'SUCCEEDED', detail: `${sessionsEnded} session(s) ended` }, now);
  return ok({ sessionsEnded });
}

export interface AccountView {
  userId: string;
  userName: string;
  email: string | null;
  groupNames: string[];
  timeLastSignIn: string | null;
  timePasswordChanged: string | null;
  sessions: number;
}

/** Who the signed-in user is, for the Account page. */
export function accountView(db: Db, who: Principal): AccountView | null {
  const user = getUserRow(db, who.userId);
  if (!user) return null;
  return {
    userId: user.id,
    userName: user.name,
    email: user.email,
    groupNames: who.groupNames,
    timeLastSignIn: user.timeLastSignIn,
    timePasswordChanged: user.timePasswordChanged,
    sessions: countSessionsOfUser(db, user.id),
  };
}
