import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import type { Principal } from '@/server/domain/principal';
import type { AppContext } from '@/server/services/context';
import { authzContextPerTest } from '@/tests/support/authz-context';
import { authorizeOps } from './access';

// The authorizing provider on a real SQLite file with real users, built-in groups and grants: a
// data scientist granted one compartment, a viewer, ops. Seeding goes through the unchecked
// provider (ctx.system), the checks through ctx.provider as the principal in turn.

const authz = authzContextPerTest();
let ctx: AppContext;
let other = '';
let users: Record<'ds' | 'viewer' | 'ops', Principal>;
const as = authz.as;

beforeEach(() => {
  ctx = authz.ctx();
  other = authz.other();
  users = authz.users();
});

async function seedProject(compartmentId: string, displayName: string) {
  const r = await ctx.system.createProject({ compartmentId, displayName });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

const names = (r: Awaited<ReturnType<AppContext['provider']['listProjects']>>) => (r.ok ? r.data.items.map((p) => p.displayName) : r.error.code);
const audit = () => ctx.db.select().from(auditEvents).all().map((e) => [e.principalName, e.action, e.outcome, e.resourceId]);

describe('authorized provider', () => {
  it('shows a data scientist the projects of the compartment granted, and nothing of another', async () => {
    const mine = await seedProject(ctx.installation.defaultCompartmentId, 'mine');
    const theirs = await seedProject(other, 'theirs');
    as(users.ds);

    expect(names(await ctx.provider.listProjects({ compartmentId: ctx.installation.defaultCompartmentId }))).toEqual(['mine']);
    expect(await ctx.provider.listProjects({ compartmentId: other })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.getProject(mine.id)).toMatchObject({ ok: true, data: { id: mine.id } });

    // Refused and missing read the same: code, and the message but for the id.
    const refused = await ctx.provider.getProject(theirs.id);
    const missing = await ctx.provider.getProject('ocid1.datascienceproject.oc1.test.nosuchproject');
    expect(refused.ok || missing.ok).toBe(false);
    if (refused.ok || missing.ok) return;
    expect(refused.error.code).toBe('NotAuthorizedOrNotFound');
    expect(refused.error.code).toBe(missing.error.code);
    expect(refused.error.message.replace(theirs.id, 'ID')).toBe(missing.error.message.replace('ocid1.datascienceproject.oc1.test.nosuchproject', 'ID'));

    expect(await ctx.provider.updateProject(theirs.id, { displayName: 'taken' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.createProject({ compartmentId: other, displayName: 'sneaky' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.changeProjectCompartment(mine.id, other)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.updateProject(mine.id, { displayName: 'mine-2' })).toMatchObject({ ok: true });

    const after = await ctx.system.getProject(theirs.id);
    expect(after.ok && after.data.displayName).toBe('theirs');
    const compartments = await ctx.provider.listCompartments();
    expect(compartments.ok && compartments.data.map((c) => c.id)).toEqual([ctx.installation.defaultCompartmentId]);
  });

  it('lets a viewer read everywhere and change nothing', async () => {
    const p = await seedProject(other, 'read-only');
    as(users.viewer);
    expect(names(await ctx.provider.listProjects({ compartmentId: other }))).toEqual(['read-only']);
    expect(await ctx.provider.getProject(p.id)).toMatchObject({ ok: true });
    expect(await ctx.provider.updateProject(p.id, { displayName: 'changed' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.deleteProject(p.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'x' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    const after = await ctx.system.getProject(p.id);
    expect(after.ok && after.data).toMatchObject({ displayName: 'read-only', lifecycleState: 'ACTIVE' });
  });

  it('lets ops do anything, the operations included', async () => {
    const p = await seedProject(other, 'any');
    as(users.ops);
    expect(await ctx.provider.updateProject(p.id, { displayName: 'renamed' })).toMatchObject({ ok: true, data: { displayName: 'renamed' } });
    expect(await ctx.provider.createProject({ compartmentId: other, displayName: 'new' })).toMatchObject({ ok: true });
    expect(await ctx.provider.changeProjectCompartment(p.id, ctx.installation.defaultCompartmentId)).toMatchObject({ ok: true });
    expect(await authorizeOps(ctx, { kind: 'Runtime image', id: 'python' })).toMatchObject({ ok: true });
    as(users.ds);
    expect(await authorizeOps(ctx, { kind: 'Runtime image', id: 'python' }, 'RebuildRuntimeImage')).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound', message: 'Runtime image python was not found.' } });
  });

  it('answers NotAuthenticated without a principal', async () => {
    await seedProject(ctx.installation.defaultCompartmentId, 'p');
    as(null);
    expect(await ctx.provider.listProjects({ compartmentId: ctx.installation.defaultCompartmentId })).toMatchObject({ ok: false, error: { code: 'NotAuthenticated' } });
    expect(await authorizeOps(ctx, { kind: 'Runtime image', id: 'python' })).toMatchObject({ ok: false, error: { code: 'NotAuthenticated' } });
  });

  it('writes every change and every refusal to audit_events, reads not', async () => {
    const theirs = await seedProject(other, 'theirs');
    as(users.ds);
    const created = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'audited' });
    if (!created.ok) throw new Error(created.error.message);
    await ctx.provider.getProject(created.data.id);
    await ctx.provider.updateProject(theirs.id, { displayName: 'no' });
    await authorizeOps(ctx, { kind: 'Runtime image', id: 'python' }, 'RebuildRuntimeImage');
    as(users.viewer);
    await ctx.provider.deleteProject(created.data.id);
    as(users.ops);
    await ctx.provider.updateProject(theirs.id, { displayName: 'yes' });

    expect(audit()).toEqual([
      ['dana', 'CreateProject', 'SUCCEEDED', created.data.id],
      ['dana', 'UpdateProject', 'DENIED', theirs.id],
      ['dana', 'RebuildRuntimeImage', 'DENIED', 'python'],
      ['vic', 'DeleteProject', 'DENIED', created.data.id],
      ['olga', 'UpdateProject', 'SUCCEEDED', theirs.id],
    ]);
    const denied = ctx.db.select().from(auditEvents).all().filter((e) => e.outcome === 'DENIED');
    expect(denied.every((e) => e.detail === 'NotAuthorizedOrNotFound' && e.address === '127.0.0.1' && e.requestId !== '')).toBe(true);
  });
});
