import { eq } from 'drizzle-orm';
import { BUILT_IN_GROUPS } from '@/server/domain/iam';
import { generateOcid } from '@/server/domain/ocid';
import type { Db } from './client';
import { grants, groupMembers, groups, users } from './schema';
import type { Installation } from './seed';

export const ADMIN_USER_NAME = 'admin';

/**
 * The built-in groups with their grants, and the administrator (the installation's user OCID, no
 * password until the first-run link sets one). Idempotent: a database from before sign-in existed
 * gains them on its next start; later starts change nothing.
 */
export function seedIdentity(db: Db, installation: Installation, now: () => Date = () => new Date()): void {
  const time = now().toISOString();
  db.transaction((tx) => {
    for (const g of BUILT_IN_GROUPS) {
      if (tx.select({ id: groups.id }).from(groups).where(eq(groups.name, g.name)).get()) continue;
      const groupId = generateOcid('group', { region: '' });
      tx.insert(groups).values({ id: groupId, name: g.name, description: g.description, builtIn: true, timeCreated: time }).run();
      const seeded = g.name === 'DataScientists' ? [{ verb: 'manage' as const, resourceType: 'data-science-family' as const, compartmentId: installation.defaultCompartmentId }] : g.grants.map((x) => ({ ...x, compartmentId: installation.tenancyId }));
      for (const grant of seeded) tx.insert(grants).values({ id: generateOcid('policy', { region: '' }), groupId, ...grant, timeCreated: time }).run();
    }
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, installation.userId)).get()) {
      tx.insert(users).values({ id: installation.userId, name: ADMIN_USER_NAME, description: 'The administrator of this installation.', timeCreated: time }).run();
      const admins = tx.select({ id: groups.id }).from(groups).where(eq(groups.name, 'Administrators')).get();
      if (admins) tx.insert(groupMembers).values({ groupId: admins.id, userId: installation.userId }).onConflictDoNothing().run();
    }
  });
}
