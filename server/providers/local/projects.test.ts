import { describe, expect, it } from 'vitest';
import { insertWorkRequestRow } from '@/db/queries/work-requests';
import { models } from '@/db/schema';
import { tempContextPerTest } from '@/tests/support/temp-context';

const { ctx, clock } = tempContextPerTest({ startRunner: true });

const compartment = () => ctx().installation.defaultCompartmentId;
async function create(displayName: string, extra: Record<string, unknown> = {}) {
  const r = await ctx().provider.createProject({ compartmentId: compartment(), displayName, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('local provider: projects', () => {
  it('creates a project in OCI shape', async () => {
    const p = await create('fraud', { description: 'd', freeformTags: { team: 'risk' } });
    expect(p.id).toMatch(/^ocid1\.datascienceproject\.oc1\.test\.[a-z0-9]+$/);
    expect(p).toMatchObject({ displayName: 'fraud', description: 'd', lifecycleState: 'ACTIVE', freeformTags: { team: 'risk' } });
    expect(p.createdBy).toBe(ctx().installation.userId);
  });

  it('refuses an unknown compartment and an unknown defined tag', async () => {
    const bad = await ctx().provider.createProject({ compartmentId: 'ocid1.compartment.oc1..nope', displayName: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    const tag = await ctx().provider.createProject({
      compartmentId: compartment(),
      displayName: 'x',
      definedTags: { Operations: { Nope: 'v' } },
    });
    expect(tag).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    const list = await ctx().provider.listProjects({ compartmentId: compartment() });
    expect(list.ok && list.data.items).toEqual([]);
  });

  it('lists with name search, tag filters, state filter, sort and paging', async () => {
    await create('alpha', { freeformTags: { team: 'risk' } });
    await create('beta', { definedTags: { Operations: { CostCenter: '42' } } });
    await create('alphabet', { freeformTags: { Team: 'growth' } });
    const names = async (params: Record<string, unknown>) => {
      const r = await ctx().provider.listProjects({ compartmentId: compartment(), ...params });
      if (!r.ok) throw new Error(r.error.message);
      return r.data.items.map((p) => p.displayName);
    };
    expect(await names({})).toEqual(['alphabet', 'beta', 'alpha']); // newest first
    expect(await names({ sortBy: 'displayName', sortOrder: 'ASC' })).toEqual(['alpha', 'alphabet', 'beta']);
    expect(await names({ nameContains: 'ALPHA' })).toEqual(['alphabet', 'alpha']);
    expect(await names({ nameContains: '%' })).toEqual([]);
    expect(await names({ tagFilters: [{ key: 'team' }] })).toEqual(['alphabet', 'alpha']);
    expect(await names({ tagFilters: [{ key: 'team', value: 'risk' }] })).toEqual(['alpha']);
    expect(await names({ tagFilters: [{ namespace: 'operations', key: 'costcenter', value: '42' }] })).toEqual(['beta']);
    expect(await names({ lifecycleState: 'DELETED' })).toEqual([]);

    const first = await ctx().provider.listProjects({ compartmentId: compartment(), limit: 2 });
    expect(first.ok && first.data.items.length).toBe(2);
    const next = first.ok ? first.data.nextPage : undefined;
    expect(next).toBeTruthy();
    const second = await ctx().provider.listProjects({ compartmentId: compartment(), limit: 2, ...(next ? { page: next } : {}) });
    expect(second.ok && second.data.items.map((p) => p.displayName)).toEqual(['alpha']);
    expect(second.ok && second.data.nextPage).toBeUndefined();
    expect(second.ok && second.data.prevPage).toBeTruthy();
    const bad = await ctx().provider.listProjects({ compartmentId: compartment(), page: 'garbage' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
  });

  it('updates with shallow rules: absent fields keep, present ones replace', async () => {
    const p = await create('one', { description: 'keep me', freeformTags: { a: '1', b: '2' } });
    const r = await ctx().provider.updateProject(p.id, { displayName: 'two', freeformTags: { c: '3' } });
    expect(r).toMatchObject({ ok: true, data: { displayName: 'two', description: 'keep me', freeformTags: { c: '3' } } });
    const got = await ctx().provider.getProject(p.id);
    expect(got.ok && got.data.freeformTags).toEqual({ c: '3' });
  });

  it('deletes through a PROJECT_DELETE work request', async () => {
    const p = await create('doomed');
    const r = await ctx().provider.deleteProject(p.id);
    if (!r.ok) throw new Error(r.error.message);
    await ctx().runner.idle();
    const wr = await ctx().provider.getWorkRequest(r.data.workRequestId);
    expect(wr).toMatchObject({ ok: true, data: { operationType: 'PROJECT_DELETE', status: 'SUCCEEDED', percentComplete: 100 } });
    expect(wr.ok && wr.data.resources[0]).toMatchObject({ identifier: p.id, actionType: 'DELETED' });
    const after = await ctx().provider.getProject(p.id);
    expect(after.ok && after.data.lifecycleState).toBe('DELETED');
    const logs = await ctx().provider.listWorkRequestLogs(r.data.workRequestId);
    expect(logs.ok && logs.data.items.map((l) => l.message)).toContain('Project deleted.');
    expect(await ctx().provider.deleteProject(p.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });

  it('refuses to delete a project that still has a live model', async () => {
    const p = await create('busy');
    ctx().db
      .insert(models)
      .values({
        id: 'ocid1.datasciencemodel.oc1.test.m1',
        compartmentId: compartment(),
        projectId: p.id,
        displayName: 'm',
        lifecycleState: 'ACTIVE',
        createdBy: ctx().installation.userId,
        timeCreated: clock().toISOString(),
      })
      .run();
    const r = await ctx().provider.deleteProject(p.id);
    expect(r).toMatchObject({ ok: false, error: { code: 'IncorrectState' } });
    expect(!r.ok && r.error.message).toMatch(/1 model and 0 model deployments/);
    const still = await ctx().provider.getProject(p.id);
    expect(still.ok && still.data.lifecycleState).toBe('ACTIVE');
  });

  it('finishes a delete that a previous process left in progress', async () => {
    const p = await create('interrupted');
    ctx().db.$client.prepare(`update projects set lifecycle_state = 'DELETING' where id = ?`).run(p.id);
    insertWorkRequestRow(ctx().db, {
      id: 'ocid1.datascienceworkrequest.oc1.test.wr1',
      operationType: 'PROJECT_DELETE',
      status: 'IN_PROGRESS',
      compartmentId: compartment(),
      percentComplete: 20,
      resources: [{ actionType: 'DELETED', entityType: 'project', identifier: p.id }],
      timeAccepted: clock().toISOString(),
      resourceId: p.id,
      payload: { projectId: p.id },
    });
    // A new process over the same database: its runner reconciles at start.
    const { createWorkRequestRunner } = await import('@/server/jobs/runner');
    const { createLocalJobHandlers } = await import('@/server/providers/local');
    const runner = createWorkRequestRunner({ db: ctx().db, region: 'test', handlers: createLocalJobHandlers(ctx().local) });
    runner.start();
    await runner.idle();
    const after = await ctx().provider.getProject(p.id);
    expect(after.ok && after.data.lifecycleState).toBe('DELETED');
  });
});
