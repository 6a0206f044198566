import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { setPasswordHash } from '@/db/queries/users';
import { users } from '@/db/schema';
import { hashPassword } from './passwords';

/** The administrator is the installation's own user (seeded with the installation). */
export const administratorOf = (db: Db, userId: string) => db.select().from(users).where(eq(users.id, userId)).get();

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
