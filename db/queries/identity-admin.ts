import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { grants, groupMembers, groups, signInTokens, users } from '../schema';
import type { UserRow } from './users';

export type GroupRow = typeof groups.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;

export interface UserWithGroups extends Omit<UserRow, 'passwordHash'> {
  hasPassword: boolean;
  groups: { id: string; name: string }[];
}

/** Every user with their groups, by name; the password hash stays in the database. */
export function listUsersWithGroups(db: DbOrTx): UserWithGroups[] {
  const rows = db.select().from(users).orderBy(asc(users.name)).all();
  const memberships = db.select({ userId: groupMembers.userId, id: groups.id, name: groups.name }).from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId)).orderBy(asc(groups.name)).all();
  return rows.map(({ passwordHash, ...u }) => ({
    ...u,
    hasPassword: passwordHash !== null,
    groups: memberships.filter((m) => m.userId === u.id).map(({ id, name }) => ({ id, name })),
  }));
}

export const insertUserRow = (db: DbOrTx, row: typeof users.$inferInsert): void => {
  db.insert(users).values(row).run();
};

export const setUserLifecycleState = (db: DbOrTx, id: string, state: UserRow['lifecycleState']): void => {
  db.update(users).set({ lifecycleState: state }).where(eq(users.id, id)).run();
};

export const insertSignInToken = (db: DbOrTx, row: typeof signInTokens.$inferInsert): void => {
  db.insert(signInTokens).values(row).run();
};

export interface GroupWithCounts extends GroupRow {
  members: number;
  grants: number;
}

export function listGroupsWithCounts(db: DbOrTx): GroupWithCounts[] {
  const rows = db.select().from(groups).orderBy(asc(groups.name)).all();
  const members = db.select({ groupId: groupMembers.groupId }).from(groupMembers).all();
  const held = db.select({ groupId: grants.groupId }).from(grants).all();
  return rows.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id).length, grants: held.filter((x) => x.groupId === g.id).length }));
}

export const getGroupRow = (db: DbOrTx, id: string): GroupRow | undefined => db.select().from(groups).where(eq(groups.id, id)).get();

export const getGroupRowByName = (db: DbOrTx, name: string): GroupRow | undefined => db.select().from(groups).where(eq(groups.name, name)).get();

export const insertGroupRow = (db: DbOrTx, row: typeof groups.$inferInsert): void => {
  db.insert(groups).values(row).run();
};

export function updateGroupRow(db: DbOrTx, id: string, patch: Partial<Pick<GroupRow, 'name' | 'description'>>): void {
  db.update(groups).set(patch).where(eq(groups.id, id)).run();
}

/** Its memberships and grants go with it (the foreign keys cascade). */
export const deleteGroupRow = (db: DbOrTx, id: string): void => {
  db.delete(groups).where(eq(groups.id, id)).run();
};

export const isMember = (db: DbOrTx, groupId: string, userId: string): boolean =>
  db.select({ g: groupMembers.groupId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).get() !== undefined;

export const addMemberRow = (db: DbOrTx, groupId: string, userId: string): void => {
  db.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing().run();
};

export const removeMemberRow = (db: DbOrTx, groupId: string, userId: string): void => {
  db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).run();
};

/** The group's members who can still sign in. */
export function activeMemberIds(db: DbOrTx, groupId: string): string[] {
  const ids = db.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).all().map((r) => r.userId);
  if (ids.length === 0) return [];
  return db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.lifecycleState, 'ACTIVE'))).all().map((r) => r.id);
}

export const listGrantRows = (db: DbOrTx): GrantRow[] => db.select().from(grants).orderBy(asc(grants.timeCreated), asc(grants.id)).all();

export const getGrantRow = (db: DbOrTx, id: string): GrantRow | undefined => db.select().from(grants).where(eq(grants.id, id)).get();

export const insertGrantRow = (db: DbOrTx, row: typeof grants.$inferInsert): void => {
  db.insert(grants).values(row).run();
};

export const deleteGrantRow = (db: DbOrTx, id: string): void => {
  db.delete(grants).where(eq(grants.id, id)).run();
};
