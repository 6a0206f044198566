import { describe, expect, it } from 'vitest';
import { getCompartmentRow } from '@/db/queries/identity';
import { getGroupRowByName } from '@/db/queries/identity-admin';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { createGrant } from './grants';
import { createCompartment, deleteCompartment, listCompartmentTree, moveCompartment, updateCompartment } from './compartments';
import { adminScope, auditOf, memberScope } from '@/tests/support/admin-scope';

// The compartment tree's rules on a real SQLite file: OCI-form OCIDs, names unique among
// siblings, no cycles, and a delete that waits until the compartment is empty.

const { ctx } = tempContextPerTest();

function made(scope: ReturnType<typeof adminScope>, parentId: string, name: string) {
  const r = createCompartment(scope, { parentId, name, description: '' });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('compartments', () => {
  it('creates a compartment under the tenancy with an OCI compartment OCID, and audits it', () => {
    const scope = adminScope(ctx());
    const c = made(scope, ctx().installation.tenancyId, 'Data');
    expect(c.id).toMatch(/^ocid1\.compartment\.oc1\.\.aaaaaaaa[a-z2-7]{52}$/);
    expect(getCompartmentRow(ctx().db, c.id)).toMatchObject({ name: 'Data', compartmentId: ctx().installation.tenancyId, lifecycleState: 'ACTIVE' });
    expect(auditOf(ctx(), 'CreateCompartment')).toEqual([expect.objectContaining({ resourceId: c.id, outcome: 'SUCCEEDED', principalName: 'admin', requestId: 'test-request' })]);
  });

  it('refuses a name a sibling holds (without regard to case), but allows it under another parent', () => {
    const scope = adminScope(ctx());
    const tenancy = ctx().installation.tenancyId;
    const a = made(scope, tenancy, 'TeamA');
    const again = createCompartment(scope, { parentId: tenancy, name: 'teama', description: '' });
    expect(again).toMatchObject({ ok: false, error: { code: 'Conflict', fieldErrors: { name: expect.stringContaining('teama') } } });
    expect(createCompartment(scope, { parentId: a.id, name: 'TeamA', description: '' }).ok).toBe(true);
    // Renaming onto a sibling's name is the same conflict; renaming to its own name in other case is not.
    const b = made(scope, tenancy, 'TeamB');
    expect(updateCompartment(scope, { compartmentId: b.id, name: 'TEAMA', description: '' })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(updateCompartment(scope, { compartmentId: b.id, name: 'teamb', description: 'second team' })).toMatchObject({ ok: true, data: { name: 'teamb', description: 'second team' } });
    expect(auditOf(ctx(), 'CreateCompartment').map((e) => e.outcome)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('refuses a move into itself or below itself, and one onto a sibling name at the target', () => {
    const scope = adminScope(ctx());
    const tenancy = ctx().installation.tenancyId;
    const a = made(scope, tenancy, 'A');
    const b = made(scope, a.id, 'B');
    const c = made(scope, b.id, 'C');
    expect(moveCompartment(scope, { compartmentId: a.id, targetParentId: a.id })).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringContaining('itself') } });
    const cycle = moveCompartment(scope, { compartmentId: a.id, targetParentId: c.id });
    expect(cycle).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringContaining('cycle') } });
    expect(getCompartmentRow(ctx().db, a.id)?.compartmentId).toBe(tenancy);
    made(scope, tenancy, 'C');
    expect(moveCompartment(scope, { compartmentId: c.id, targetParentId: tenancy })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    // A legal move takes the subtree along.
    expect(moveCompartment(scope, { compartmentId: b.id, targetParentId: tenancy }).ok).toBe(true);
    expect(getCompartmentRow(ctx().db, b.id)?.compartmentId).toBe(tenancy);
    expect(getCompartmentRow(ctx().db, c.id)?.compartmentId).toBe(b.id);
    expect(auditOf(ctx(), 'MoveCompartment').map((e) => e.outcome)).toEqual(['FAILED', 'FAILED', 'FAILED', 'SUCCEEDED']);
  });

  it('refuses to delete while it holds a child compartment, a project or a grant, naming each; then deletes it', async () => {
    const scope = adminScope(ctx());
    const parent = made(scope, ctx().installation.tenancyId, 'Holder');
    const child = made(scope, parent.id, 'Child');
    const project = await ctx().provider.createProject({ compartmentId: parent.id, displayName: 'p' });
    if (!project.ok) throw new Error(project.error.message);
    const model = await ctx().provider.createModel({ compartmentId: parent.id, projectId: project.data.id, displayName: 'm' });
    if (!model.ok) throw new Error(model.error.message);
    const viewers = getGroupRowByName(ctx().db, 'Viewers');
    if (!viewers) throw new Error('no Viewers group');
    const grant = createGrant(scope, { groupId: viewers.id, verb: 'read', resourceType: 'data-science-family', compartmentId: parent.id });
    expect(grant.ok).toBe(true);

    const refused = deleteCompartment(scope, parent.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'IncorrectState' } });
    if (refused.ok) return;
    expect(refused.error.message).toBe('Compartment Holder still holds 1 child compartment, 1 project, 1 model and 1 policy statement. Move or delete them first.');
    expect(getCompartmentRow(ctx().db, parent.id)?.lifecycleState).toBe('ACTIVE');

    expect(deleteCompartment(scope, child.id).ok).toBe(true);
    expect(getCompartmentRow(ctx().db, child.id)?.lifecycleState).toBe('DELETED');
    // A deleted compartment is gone: its name is free again and it answers not found.
    expect(createCompartment(scope, { parentId: parent.id, name: 'Child', description: '' }).ok).toBe(true);
    expect(deleteCompartment(scope, child.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });

  it('takes new resources once created, and none once deleted', async () => {
    const scope = adminScope(ctx());
    const c = made(scope, ctx().installation.tenancyId, 'Fresh');
    const p = await ctx().provider.createProject({ compartmentId: c.id, displayName: 'here' });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const moved = await ctx().provider.changeProjectCompartment(p.data.id, ctx().installation.defaultCompartmentId);
    expect(moved.ok).toBe(true);
    expect(deleteCompartment(scope, c.id).ok).toBe(true);
    expect(await ctx().provider.createProject({ compartmentId: c.id, displayName: 'late' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    const picker = await ctx().provider.listCompartments();
    expect(picker.ok && picker.data.some((x) => x.id === c.id)).toBe(false);
  });

  it('keeps the tenancy and the default compartment', () => {
    const scope = adminScope(ctx());
    const { tenancyId, defaultCompartmentId } = ctx().installation;
    expect(deleteCompartment(scope, tenancyId)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(moveCompartment(scope, { compartmentId: tenancyId, targetParentId: defaultCompartmentId })).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(deleteCompartment(scope, defaultCompartmentId)).toMatchObject({ ok: false, error: { code: 'IncorrectState', message: expect.stringContaining('default compartment') } });
  });

  it('answers not found to a principal without manage on berth-operations, changes nothing, and audits the refusal', () => {
    const admin = adminScope(ctx());
    const team = made(admin, ctx().installation.tenancyId, 'Team');
    const scientist = memberScope(ctx(), 'dana', ['DataScientists']);
    expect(createCompartment(scientist, { parentId: ctx().installation.defaultCompartmentId, name: 'Mine', description: '' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(deleteCompartment(scientist, team.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound', message: `Compartment ${ctx().installation.tenancyId} was not found.` } });
    expect(listCompartmentTree(scientist).ok).toBe(false);
    expect(getCompartmentRow(ctx().db, team.id)?.lifecycleState).toBe('ACTIVE');
    expect(auditOf(ctx(), 'DeleteCompartment')).toEqual([expect.objectContaining({ principalName: 'dana', outcome: 'DENIED', detail: 'NotAuthorizedOrNotFound' })]);
  });

  it('lists the tree root first, children indented below their parent', () => {
    const scope = adminScope(ctx());
    const tenancy = ctx().installation.tenancyId;
    const z = made(scope, tenancy, 'Zeta');
    made(scope, z.id, 'Inner');
    made(scope, tenancy, 'Alpha');
    const tree = listCompartmentTree(scope);
    if (!tree.ok) throw new Error(tree.error.message);
    expect(tree.data.map((c) => `${c.depth}:${c.name}`)).toEqual(['0:berth (root)', '1:Alpha', '1:default', '1:Zeta', '2:Inner']);
    expect(tree.data.find((c) => c.name === 'Zeta')?.contents.compartments).toBe(1);
  });
});
