import { eq } from 'drizzle-orm';
import { groupMembers, groups, users } from '@/db/schema';
import { generateOcid } from '@/server/domain/ocid';
import type { Principal } from '@/server/domain/principal';
import type { AppContext } from '@/server/services/context';
import { principalOfUser } from '@/server/services/identity/sessions';
import { recordAudit } from '@/server/services/identity/audit';
import { authorizedProvider } from '@/server/services/identity/authorized-provider';
import { compartmentParents } from '@/db/queries/users';

// Principals for service tests, resolved the way a session resolves them (groups and grants read
// from the real tables), so what a test checks is what a signed-in user would get.

const META = { address: '127.0.0.1', userAgent: 'vitest', requestId: 'test-request' };

export const adminPrincipal = (c: Pick<AppContext, 'db' | 'installation'>): Principal =>
  principalOfUser(c.db, c.installation.userId, 'admin', c.installation.tenancyId, 'session', META);

/** A new user, member of the built-in group named, as a principal. */
export function memberOf(c: Pick<AppContext, 'db' | 'installation'>, userName: string, groupName: string): Principal {
  const id = generateOcid('user', { region: '' });
  c.db.insert(users).values({ id, name: userName, timeCreated: new Date().toISOString() }).run();
  const group = c.db.select({ id: groups.id }).from(groups).where(eq(groups.name, groupName)).get();
  if (!group) throw new Error(`No group ${groupName}`);
  c.db.insert(groupMembers).values({ groupId: group.id, userId: id }).run();
  return principalOfUser(c.db, id, userName, c.installation.tenancyId, 'session', META);
}

/** The context as the console wires it for a request of `principal`: every provider call authorized and audited. */
export function asPrincipal<C extends AppContext>(c: C, principal: Principal): C {
  const current = async () => principal;
  return { ...c, principal: current, provider: authorizedProvider(c.provider, { principal: current, parents: () => compartmentParents(c.db), audit: (p, record) => recordAudit(c.db, p, record) }) };
}

/** A signed-in user in no group: granted nothing. */
export function userWithoutGroups(c: Pick<AppContext, 'db' | 'installation'>, userName: string): Principal {
  const id = generateOcid('user', { region: '' });
  c.db.insert(users).values({ id, name: userName, timeCreated: new Date().toISOString() }).run();
  return principalOfUser(c.db, id, userName, c.installation.tenancyId, 'session', META);
}
