import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { modelsServiceOf } from './models';

const { ctx } = tempContextPerTest();

const compartmentId = () => ctx().installation.defaultCompartmentId;
async function project(displayName: string) {
  const r = await ctx().provider.createProject({ compartmentId: compartmentId(), displayName });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}
async function model(projectId: string, displayName: string) {
  const r = await ctx().provider.createModel({ compartmentId: compartmentId(), projectId, displayName });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('models service', () => {
  it('lists across projects or for one, naming each model’s project', async () => {
    const a = await project('alpha');
    const b = await project('beta');
    await model(a.id, 'm-a');
    await model(b.id, 'm-b');
    const service = modelsServiceOf(ctx());
    const all = await service.listView({});
    if (!all.ok) throw new Error(all.error.message);
    expect(all.data.page.items.map((m) => m.displayName)).toEqual(['m-b', 'm-a']);
    expect(all.data.projectNames).toMatchObject({ [a.id]: 'alpha', [b.id]: 'beta' });
    expect(all.data.projects.map((p) => p.displayName)).toEqual(['alpha', 'beta']);
    const one = await service.listView({ projectId: a.id, sort: 'name' });
    expect(one.ok && one.data.page.items.map((m) => m.displayName)).toEqual(['m-a']);
    const forProject = await service.listForProject(b);
    expect(forProject.ok && forProject.data.items.map((m) => m.displayName)).toEqual(['m-b']);
  });

  it('groups active projects by compartment for the create form', async () => {
    await project('alpha');
    const groups = await modelsServiceOf(ctx()).projectGroups();
    expect(groups.ok && groups.data.map((g) => [g.compartment.id, g.projects.map((p) => p.displayName)])).toEqual([[compartmentId(), ['alpha']]]);
  });

  it('shows a model without an artifact; a refused artifact upload on its own leaves the model be', async () => {
    const p = await project('alpha');
    const m = await model(p.id, 'bare');
    const service = modelsServiceOf(ctx());
    const view = await service.detailView(m.id);
    expect(view.ok && view.data).toMatchObject({ artifact: null, provenance: {}, project: { displayName: 'alpha' } });

    const zip = await ctx().provider.createModelArtifact(m.id, Readable.from([Buffer.from('PK')]), 'a.zip');
    expect(zip.ok).toBe(false);
    expect((await ctx().provider.getModel(m.id)).ok).toBe(true);
  });

  it('moves a model to another compartment only if it exists', async () => {
    const p = await project('alpha');
    const m = await model(p.id, 'mover');
    const service = modelsServiceOf(ctx());
    const bad = await service.move(m.id, 'ocid1.compartment.oc1..nope');
    expect(bad).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    const root = await service.move(m.id, ctx().installation.tenancyId);
    expect(root).toMatchObject({ ok: true, data: { compartmentId: ctx().installation.tenancyId } });
  });

  it('deactivates, activates and deletes; a deleted model cannot be switched', async () => {
    const p = await project('alpha');
    const m = await model(p.id, 'switch');
    const service = modelsServiceOf(ctx());
    expect(await service.deactivate(m.id)).toMatchObject({ ok: true, data: { lifecycleState: 'INACTIVE' } });
    expect(await service.activate(m.id)).toMatchObject({ ok: true, data: { lifecycleState: 'ACTIVE' } });
    expect((await service.remove(m.id)).ok).toBe(true);
    expect(await service.activate(m.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});
