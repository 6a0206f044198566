import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { compartments, grants, groupMembers, groups, users } from '@/db/schema';
import type { Grant } from '@/server/domain/iam';
import { generateOcid } from '@/server/domain/ocid';
import type { Principal } from '@/server/domain/principal';
import { hashPassword } from '@/server/services/identity/passwords';
import { principalOfUser } from '@/server/services/identity/sessions';

// Real identity rows for tests and e2e fixtures: compartments, users, groups and grants written
// to the database the console reads, so the evaluator sees what a person set up.

const now = () => new Date().toISOString();

export function addCompartment(db: DbOrTx, name: string, parentId: string): string {
  const id = generateOcid('compartment', { region: '' });
  db.insert(compartments).values({ id, compartmentId: parentId, name, description: `${name} (test)`, lifecycleState: 'ACTIVE', timeCreated: now() }).run();
  return id;
}

export function groupIdOf(db: DbOrTx, name: string): string {
  const row = db.select({ id: groups.id }).from(groups).where(eq(groups.name, name)).get();
  if (!row) throw new Error(`No group named ${name}.`);
  return row.id;
}

/** A group of its own with these grants (a built-in group's grants are left as seeded). */
export function addGroup(db: DbOrTx, name: string, granted: readonly Grant[]): string {
  const id = generateOcid('group', { region: '' });
  db.insert(groups).values({ id, name, description: `${name} (test)`, timeCreated: now() }).run();
  for (const g of granted) db.insert(grants).values({ id: generateOcid('policy', { region: '' }), groupId: id, ...g, timeCreated: now() }).run();
  return id;
}

/** A user in the named groups, with a password when one is given (argon2id, as sign-in checks). */
export async function addUser(db: DbOrTx, name: string, options: { groups: readonly string[]; password?: string }): Promise<string> {
  const id = generateOcid('user', { region: '' });
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  db.insert(users).values({ id, name, description: `${name} (test)`, passwordHash, timeCreated: now(), ...(passwordHash ? { timePasswordChanged: now() } : {}) }).run();
  for (const g of options.groups) db.insert(groupMembers).values({ groupId: groupIdOf(db, g), userId: id }).run();
  return id;
}

/** The principal a session of the user would resolve to. */
export function principalOf(db: DbOrTx, userId: string, userName: string, tenancyId: string): Principal {
  return principalOfUser(db, userId, userName, tenancyId, 'session', { address: '127.0.0.1', userAgent: 'vitest', requestId: `test-${userName}` });
}

