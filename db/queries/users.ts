import { and, eq, inArray } from 'drizzle-orm';
import type { Grant } from '@/server/domain/iam';
import type { CompartmentParents } from '@/server/domain/iam';
import type { DbOrTx } from '../client';
import { compartments, grants, groupMembers, groups, users } from '../schema';

export type UserRow = typeof users.$inferSelect;

export const getUserRow = (db: DbOrTx, id: string): UserRow | undefined => db.select().from(users).where(eq(users.id, id)).get();

export const getUserRowByName = (db: DbOrTx, name: string): UserRow | undefined => db.select().from(users).where(eq(users.name, name)).get();

/** The names of a user's groups and the grants those groups hold. */
export function accessOfUser(db: DbOrTx, userId: string): { groupNames: string[]; grants: Grant[] } {
  const memberOf = db.select({ id: groups.id, name: groups.name }).from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId)).where(eq(groupMembers.userId, userId)).all();
  if (memberOf.length === 0) return { groupNames: [], grants: [] };
  const rows = db
    .select({ verb: grants.verb, resourceType: grants.resourceType, compartmentId: grants.compartmentId })
    .from(grants)
    .where(inArray(grants.groupId, memberOf.map((g) => g.id)))
    .all();
  return { groupNames: memberOf.map((g) => g.name).sort(), grants: rows };
}

/** Every live compartment with its parent, for the policy evaluator's inheritance. */
export function compartmentParents(db: DbOrTx): CompartmentParents {
  const rows = db.select({ id: compartments.id, parent: compartments.compartmentId }).from(compartments).where(and(eq(compartments.lifecycleState, 'ACTIVE'))).all();
  return new Map(rows.map((r) => [r.id, r.parent]));
}

export function setPasswordHash(db: DbOrTx, userId: string, hash: string, time: string): void {
  db.update(users).set({ passwordHash: hash, timePasswordChanged: time }).where(eq(users.id, userId)).run();
}

/** The password goes (a reset link sets a new one); the change is stamped. */
export function clearPasswordHash(db: DbOrTx, userId: string, time: string): void {
  db.update(users).set({ passwordHash: null, timePasswordChanged: time }).where(eq(users.id, userId)).run();
}
