import type { Db } from '@/db/client';
import { clearPasswordHash, getUserRow, setPasswordHash } from '@/db/queries/users';
import { recordAudit } from './audit';
import { hashPassword } from './passwords';
import { endAllSessions } from './sessions';
import { createSignInLink } from './sign-in-links';

/** The administrator is the installation's own user (seeded with the installation). */
export const administratorOf = (db: Db, userId: string) => getUserRow(db, userId);

/**
 * BERTH_ADMIN_PASSWORD, for automation (CI, demos): set on the administrator while it has none.
 * An administrator with a password keeps it; the variable never overrides one a person chose.
 */
export async function applyAdminPassword(db: Db, userId: string, password: string | null, now = new Date()): Promise<boolean> {
  const admin = administratorOf(db, userId);
  if (!password || !admin || admin.passwordHash) return false;
  setPasswordHash(db, userId, await hashPassword(password), now.toISOString());
  return true;
}

/**
 * The first-run link `npm start` prints: only while the administrator has no password and
 * BERTH_ADMIN_PASSWORD is not going to set one. Null otherwise (the console URL is enough).
 */
export function firstRunLink(db: Db, userId: string, adminPassword: string | null, now = new Date()): { token: string; expires: Date } | null {
  const admin = administratorOf(db, userId);
  if (!admin || admin.passwordHash || adminPassword) return null;
  return createSignInLink(db, userId, 'first-run', now);
}

/**
 * `npm run reset-admin`: the person at the machine is trusted. The password goes, every session of
 * the administrator ends, and a reset link is made; the audit log records it as the shell's doing.
 */
export function resetAdministrator(db: Db, userId: string, now = new Date()): { token: string; expires: Date; sessionsEnded: number } {
  const admin = administratorOf(db, userId);
  if (!admin) throw new Error(`The administrator ${userId} is not in the database.`);
  const sessionsEnded = db.transaction((tx) => {
    clearPasswordHash(tx, userId, now.toISOString());
    return endAllSessions(tx, userId);
  });
  const link = createSignInLink(db, userId, 'reset', now);
  recordAudit(db, { userId, userName: admin.name, address: 'local shell', requestId: '', tenancyId: '', groupNames: [], grants: [], via: 'session' }, { action: 'ResetAdministratorPassword', resourceType: 'users', resourceId: userId, outcome: 'SUCCEEDED', detail: `${sessionsEnded} session(s) ended` }, now);
  return { ...link, sessionsEnded };
}
