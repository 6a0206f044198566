import { and, eq, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { sessions, users } from '../schema';

export type SessionRow = typeof sessions.$inferSelect;

/** Stores a session and stamps the user's last sign-in. */
export function insertSessionRow(db: DbOrTx, row: SessionRow): void {
  db.insert(sessions).values(row).run();
  db.update(users).set({ timeLastSignIn: row.timeCreated }).where(eq(users.id, row.userId)).run();
}

export const getSessionRow = (db: DbOrTx, tokenHash: string): SessionRow | undefined => db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get();

export const touchSessionRow = (db: DbOrTx, tokenHash: string, time: string): void => {
  db.update(sessions).set({ timeLastSeen: time }).where(eq(sessions.tokenHash, tokenHash)).run();
};

export const deleteSessionRow = (db: DbOrTx, tokenHash: string): void => {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
};

/** Every session of the user ends; returns how many there were. */
export const deleteUserSessionRows = (db: DbOrTx, userId: string): number => db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;

/** Sessions past their end or last seen before idleBefore; returns how many went. */
export const deleteStaleSessionRows = (db: DbOrTx, now: string, idleBefore: string): number =>
  db
    .delete(sessions)
    .where(or(lt(sessions.timeExpires, now), and(lt(sessions.timeLastSeen, idleBefore))))
    .run().changes;
