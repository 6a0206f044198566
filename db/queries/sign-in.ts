import { and, asc, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { sessions, signInFailures, signInTokens, users } from '../schema';

export type SignInTokenRow = typeof signInTokens.$inferSelect;
export type SignInTokenPurpose = SignInTokenRow['purpose'];

/**
 * A new one-time link ends the user's unused ones (they expire now, so opening one says so):
 * only the latest printed link works.
 */
export function replaceSignInToken(db: DbOrTx, row: Omit<SignInTokenRow, 'timeUsed'>): void {
  db.transaction((tx) => {
    tx.update(signInTokens)
      .set({ timeExpires: row.timeCreated })
      .where(and(eq(signInTokens.userId, row.userId), isNull(signInTokens.timeUsed), gt(signInTokens.timeExpires, row.timeCreated)))
      .run();
    tx.insert(signInTokens).values({ ...row, timeUsed: null }).run();
  });
}

/** Marks the token used if it is unused and unexpired; true when this call was the one that used it. */
export function consumeSignInToken(db: DbOrTx, tokenHash: string, now: string): boolean {
  return (
    db
      .update(signInTokens)
      .set({ timeUsed: now })
      .where(and(eq(signInTokens.tokenHash, tokenHash), isNull(signInTokens.timeUsed), gt(signInTokens.timeExpires, now)))
      .run().changes === 1
  );
}

export const getSignInTokenRow = (db: DbOrTx, tokenHash: string): SignInTokenRow | undefined =>
  db.select().from(signInTokens).where(eq(signInTokens.tokenHash, tokenHash)).get();

export function insertSignInFailure(db: DbOrTx, userName: string, address: string, time: string): void {
  db.insert(signInFailures).values({ userName, address, time }).run();
}

/** The times of the failures since `since`, oldest first, for one user name or one address. */
export function signInFailureTimes(db: DbOrTx, by: { userName: string } | { address: string }, since: string): string[] {
  const who = 'userName' in by ? eq(signInFailures.userName, by.userName) : eq(signInFailures.address, by.address);
  return db
    .select({ time: signInFailures.time })
    .from(signInFailures)
    .where(and(who, gt(signInFailures.time, since)))
    .orderBy(asc(signInFailures.time))
    .all()
    .map((r) => r.time);
}

export const clearSignInFailures = (db: DbOrTx, userName: string): number =>
  db.delete(signInFailures).where(eq(signInFailures.userName, userName)).run().changes;

/** What the periodic sweep removes: failures out of the window, links that ended before `tokensBefore`. */
export function sweepSignInRecords(db: DbOrTx, failuresBefore: string, tokensBefore: string): { failures: number; tokens: number } {
  const failures = db.delete(signInFailures).where(lt(signInFailures.time, failuresBefore)).run().changes;
  const tokens = db.delete(signInTokens).where(lt(signInTokens.timeExpires, tokensBefore)).run().changes;
  return { failures, tokens };
}

/** A password change keeps the session it was made in and ends the others. */
export const deleteOtherSessions = (db: DbOrTx, userId: string, keepTokenHash: string): number =>
  db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))).run().changes;

export const countSessionsOfUser = (db: DbOrTx, userId: string): number =>
  db.select({ h: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId)).all().length;

export const userHasPassword = (db: DbOrTx, userId: string): boolean =>
  Boolean(db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash);
