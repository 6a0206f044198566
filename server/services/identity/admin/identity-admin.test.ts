import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getGroupRowByName, listUsersWithGroups } from '@/db/queries/identity-admin';
import { getUserRow } from '@/db/queries/users';
import { sessions, signInTokens } from '@/db/schema';
import { createSession, principalOfSession, tokenHash } from '../sessions';
import { createGrant, deleteGrant, listGrants } from './grants';
import { createGroup, deleteGroup, listGroups, updateGroup } from './groups';
import { createCompartment } from './compartments';
import { addUserToGroup, createUser, listUsers, removeUserFromGroup, setUserState } from './users';
import { adminScope, auditOf, memberScope } from '@/tests/support/admin-scope';
import { tempContextPerTest } from '@/tests/support/temp-context';

// Users, groups and grants as the operations page changes them, on a real SQLite file.

const { ctx, clock } = tempContextPerTest();
const POLICY = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
const META = { address: '127.0.0.1', userAgent: 'vitest', requestId: 'r' };

const group = (name: string) => {
  const g = getGroupRowByName(ctx().db, name);
  if (!g) throw new Error(`no group ${name}`);
  return g;
};

function newUser(name: string) {
  const r = createUser(adminScope(ctx(), clock), { name, description: '' });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('users', () => {
  it('creates a user with a one-time link of purpose reset, valid 24 h, stored only as its hash', () => {
    const { user, link } = newUser('alice');
    expect(user.id).toMatch(/^ocid1\.user\.oc1\.\.aaaaaaaa[a-z2-7]{52}$/);
    expect(link.path).toMatch(/^\/sign-in\/token\?t=[A-Za-z0-9_-]{43}$/);
    const token = link.path.split('t=')[1] ?? '';
    const row = ctx().db.select().from(signInTokens).where(eq(signInTokens.userId, user.id)).get();
    expect(row).toMatchObject({ tokenHash: tokenHash(token), purpose: 'reset', timeUsed: null });
    expect(Date.parse(row?.timeExpires ?? '') - Date.parse(row?.timeCreated ?? '')).toBe(24 * 3_600_000);
    expect(JSON.stringify(ctx().db.select().from(signInTokens).all())).not.toContain(token);
    expect(getUserRow(ctx().db, user.id)).toMatchObject({ name: 'alice', passwordHash: null, lifecycleState: 'ACTIVE' });
    expect(auditOf(ctx(), 'CreateUser')).toEqual([expect.objectContaining({ resourceId: user.id, outcome: 'SUCCEEDED' })]);
  });

  it('refuses a user name taken in another case', () => {
    newUser('Bob');
    expect(createUser(adminScope(ctx()), { name: 'bob', description: '' })).toMatchObject({ ok: false, error: { code: 'Conflict', fieldErrors: { name: 'This name is taken' } } });
  });

  it("deactivating ends the user's sessions; reactivating lets them sign in again", () => {
    const { user } = newUser('carol');
    const s = createSession(ctx().db, user.id, META, POLICY);
    expect(principalOfSession(ctx().db, s.token, META, POLICY, ctx().installation.tenancyId)).not.toBeNull();
    const off = setUserState(adminScope(ctx()), user.id, 'INACTIVE');
    expect(off).toMatchObject({ ok: true, data: { lifecycleState: 'INACTIVE', sessionsEnded: 1 } });
    expect(ctx().db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
    expect(setUserState(adminScope(ctx()), user.id, 'ACTIVE')).toMatchObject({ ok: true, data: { lifecycleState: 'ACTIVE' } });
    expect(auditOf(ctx(), 'DeactivateUser')).toEqual([expect.objectContaining({ resourceId: user.id, outcome: 'SUCCEEDED', detail: 'carol; 1 sessions ended' })]);
  });

  it('never leaves Administrators without an active member: removal and deactivation of the last are refused', () => {
    const admins = group('Administrators');
    const { installation } = ctx();
    const removeSelf = removeUserFromGroup(adminScope(ctx()), installation.userId, admins.id);
    expect(removeSelf).toMatchObject({ ok: false, error: { code: 'IncorrectState', message: expect.stringContaining('last active member of Administrators') } });
    // Another administrator (in a second session) cannot deactivate the last one either.
    const { user } = newUser('erin');
    const other = memberScope(ctx(), 'frank', ['Ops']);
    expect(setUserState(other, installation.userId, 'INACTIVE')).toMatchObject({ ok: false, error: { code: 'IncorrectState' } });
    expect(getUserRow(ctx().db, installation.userId)?.lifecycleState).toBe('ACTIVE');
    // With a second administrator, the first may go.
    expect(addUserToGroup(adminScope(ctx()), user.id, admins.id).ok).toBe(true);
    expect(removeUserFromGroup(adminScope(ctx()), installation.userId, admins.id).ok).toBe(true);
    expect(listUsersWithGroups(ctx().db).find((u) => u.name === 'erin')?.groups.map((g) => g.name)).toEqual(['Administrators']);
    expect(auditOf(ctx(), 'RemoveUserFromGroup').map((e) => e.outcome)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('refuses everything to a principal without manage on berth-operations in the tenancy', () => {
    const { user } = newUser('gina');
    const viewer = memberScope(ctx(), 'henry', ['Viewers', 'DataScientists']);
    expect(createUser(viewer, { name: 'ivan', description: '' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(addUserToGroup(viewer, viewer.principal.userId, group('Administrators').id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(setUserState(viewer, user.id, 'INACTIVE').ok).toBe(false);
    expect(getUserRow(ctx().db, user.id)?.lifecycleState).toBe('ACTIVE');
    expect(auditOf(ctx(), 'AddUserToGroup')).toEqual([expect.objectContaining({ principalName: 'henry', outcome: 'DENIED' })]);
    for (const list of [listUsers, listGroups, listGrants]) expect(list(viewer)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});

describe('groups', () => {
  it('keeps the built-in groups: no delete, no rename (a description change is fine)', () => {
    const ds = group('DataScientists');
    expect(deleteGroup(adminScope(ctx()), ds.id)).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: 'DataScientists is a built-in group and cannot be deleted.' } });
    expect(updateGroup(adminScope(ctx()), { groupId: ds.id, name: 'Scientists', description: '' })).toMatchObject({ ok: false, error: { fieldErrors: { name: 'Built-in groups keep their names' } } });
    expect(updateGroup(adminScope(ctx()), { groupId: ds.id, name: 'DataScientists', description: 'The ML team.' })).toMatchObject({ ok: true, data: { description: 'The ML team.' } });
  });

  it('creates, renames and deletes a group of its own, its grants and memberships going with it', () => {
    const made = createGroup(adminScope(ctx()), { name: 'Auditors', description: '' });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.data.id).toMatch(/^ocid1\.group\.oc1\.\./);
    expect(createGroup(adminScope(ctx()), { name: 'auditors', description: '' })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(updateGroup(adminScope(ctx()), { groupId: made.data.id, name: 'Reviewers', description: '' }).ok).toBe(true);
    const { user } = newUser('jack');
    expect(addUserToGroup(adminScope(ctx()), user.id, made.data.id).ok).toBe(true);
    expect(createGrant(adminScope(ctx()), { groupId: made.data.id, verb: 'read', resourceType: 'data-science-models', compartmentId: ctx().installation.tenancyId }).ok).toBe(true);
    expect(deleteGroup(adminScope(ctx()), made.data.id)).toMatchObject({ ok: true });
    expect(auditOf(ctx(), 'DeleteGroup')).toEqual([expect.objectContaining({ detail: 'Reviewers; 1 memberships and 1 grants removed' })]);
    const grants = listGrants(adminScope(ctx()));
    expect(grants.ok && grants.data.some((g) => g.groupId === made.data.id)).toBe(false);
  });
});

describe('grants', () => {
  it("lists the seeded grants as OCI's policy statements", () => {
    const grants = listGrants(adminScope(ctx()));
    if (!grants.ok) throw new Error(grants.error.message);
    expect(grants.data.map((g) => g.statement).sort()).toEqual([
      'Allow group Administrators to manage all-resources in tenancy',
      'Allow group DataScientists to manage data-science-family in compartment default',
      'Allow group Ops to manage all-resources in tenancy',
      'Allow group Viewers to read data-science-family in tenancy',
    ]);
  });

  it('adds a grant in a nested compartment written with its path, refuses a duplicate, and removes it', () => {
    const scope = adminScope(ctx());
    const data = createCompartment(scope, { parentId: ctx().installation.tenancyId, name: 'Data', description: '' });
    if (!data.ok) throw new Error(data.error.message);
    const team = createCompartment(scope, { parentId: data.data.id, name: 'Team-A', description: '' });
    if (!team.ok) throw new Error(team.error.message);
    const input = { groupId: group('DataScientists').id, verb: 'use' as const, resourceType: 'data-science-model-deployments' as const, compartmentId: team.data.id };
    const made = createGrant(scope, input);
    expect(made).toMatchObject({ ok: true, data: { statement: 'Allow group DataScientists to use data-science-model-deployments in compartment Data:Team-A' } });
    expect(createGrant(scope, input)).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(auditOf(ctx(), 'CreateGrant')).toEqual([
      expect.objectContaining({ outcome: 'SUCCEEDED', detail: 'Allow group DataScientists to use data-science-model-deployments in compartment Data:Team-A' }),
      expect.objectContaining({ outcome: 'FAILED', detail: 'Conflict' }),
    ]);
    if (!made.ok) return;
    expect(deleteGrant(scope, made.data.id).ok).toBe(true);
    expect(deleteGrant(scope, made.data.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });

  it('refuses a grant in a compartment that does not exist or was deleted', () => {
    const input = { groupId: group('Viewers').id, verb: 'read' as const, resourceType: 'data-science-family' as const, compartmentId: 'ocid1.compartment.oc1..aaaaaaaanothere' };
    expect(createGrant(adminScope(ctx()), input)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound', fieldErrors: { compartmentId: 'No such compartment' } } });
  });

  it("keeps Administrators' manage all-resources in the tenancy", () => {
    const grants = listGrants(adminScope(ctx()));
    if (!grants.ok) throw new Error(grants.error.message);
    const keystone = grants.data.find((g) => g.groupName === 'Administrators');
    const ops = grants.data.find((g) => g.groupName === 'Ops');
    if (!keystone || !ops) throw new Error('seeded grants missing');
    expect([keystone.removable, ops.removable]).toEqual([false, true]);
    expect(deleteGrant(adminScope(ctx()), keystone.id)).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringContaining('cannot be removed') } });
    expect(deleteGrant(adminScope(ctx()), ops.id).ok).toBe(true);
  });
});
