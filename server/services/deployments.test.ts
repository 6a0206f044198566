import { describe, expect, it } from 'vitest';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { zipStream } from '@/tests/support/provider-fixtures';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { deploymentsServiceOf } from './deployments';

// The service over a real provider and SQLite file; the runner is not started, so work requests
// stay queued and states are set by hand where a test needs one.

const { ctx } = tempContextPerTest();

const compartmentId = () => ctx().installation.defaultCompartmentId;


async function seed(opts: { runtimeYaml?: string; tags?: Record<string, string>; scorePy?: string; inputSchema?: string | null } = {}) {
  const project = await ctx().provider.createProject({ compartmentId: compartmentId(), displayName: 'fraud' });
  if (!project.ok) throw new Error(project.error.message);
  const model = await ctx().provider.createModel({ compartmentId: compartmentId(), projectId: project.data.id, displayName: 'scorer', ...(opts.inputSchema === null ? {} : { inputSchema: opts.inputSchema ?? '{"type":"object"}' }) });
  if (!model.ok) throw new Error(model.error.message);
  const files: Record<string, string> = { 'score.py': opts.scorePy ?? 'def predict(data, model=None):\n    return data\n' };
  if (opts.runtimeYaml) files['runtime.yaml'] = opts.runtimeYaml;
  const artifact = await ctx().provider.createModelArtifact(model.data.id, zipStream(files), 'model.zip');
  if (!artifact.ok) throw new Error(artifact.error.message);
  const created = await deploymentsServiceOf(ctx()).create({
    compartmentId: compartmentId(),
    projectId: project.data.id,
    displayName: 'scorer-md',
    ...(opts.tags ? { freeformTags: opts.tags } : {}),
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: model.data.id,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
      },
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  return { project: project.data, model: model.data, md: created.data.resource, workRequestId: created.data.workRequestId };
}

describe('deployments service', () => {
  it('lists with model and project names, filtered by project, state and tag', async () => {
    const { project, md } = await seed({ tags: { team: 'risk' } });
    const service = deploymentsServiceOf(ctx());
    const all = await service.listView({});
    if (!all.ok) throw new Error(all.error.message);
    expect(all.data.page.items).toHaveLength(1);
    expect(all.data.page.items[0]).toMatchObject({ id: md.id, modelName: 'scorer', projectName: 'fraud', lifecycleState: 'CREATING' });
    expect(all.data.projects).toEqual([{ id: project.id, displayName: 'fraud' }]);

    const count = async (input: Parameters<typeof service.listView>[0]) => {
      const r = await service.listView(input);
      return r.ok ? r.data.page.items.length : -1;
    };
    expect(await count({ projectId: project.id })).toBe(1);
    expect(await count({ state: 'ACTIVE' })).toBe(0);
    expect(await count({ state: 'CREATING' })).toBe(1);
    expect(await count({ tags: [{ key: 'team', value: 'risk' }] })).toBe(1);
    expect(await count({ tags: [{ key: 'team', value: 'ops' }] })).toBe(0);
    expect(await count({ q: 'SCORER' })).toBe(1);
  });

  it("builds the invoke sample from the input schema, else from the keys the artifact's predict() reads", async () => {
    const schema = await seed();
    const withSchema = await deploymentsServiceOf(ctx()).detailsView(schema.md.id);
    expect(withSchema.ok && withSchema.data.sample).toMatchObject({ source: 'json-schema', body: {} });
    const keys = await seed({ inputSchema: null, scorePy: 'def predict(data, model=None):\n    return [v * 2 for v in data["x"]]\n' });
    const fromScore = await deploymentsServiceOf(ctx()).detailsView(keys.md.id);
    expect(fromScore.ok && fromScore.data.sample).toMatchObject({ source: 'score-py', body: { x: [1, 2, 3] } });
  });

  it('shows the runtime from runtime.yaml, the latest work request and the allowed operations', async () => {
    const yaml = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
    const { md, model, workRequestId } = await seed({ runtimeYaml: yaml });
    const view = await deploymentsServiceOf(ctx()).detailsView(md.id);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.data.runtime).toEqual({ kind: 'conda', slug: 'minimal_p311_cpu_v1', name: 'Minimal Python 3.11', fromRuntimeYaml: true });
    expect(view.data.model).toMatchObject({ id: model.id, displayName: 'scorer', inputSchema: '{"type":"object"}' });
    expect(view.data.latestWorkRequest).toMatchObject({ id: workRequestId, operationType: 'MODEL_DEPLOYMENT_CREATE' });
    expect(view.data.allowedOperations).toEqual([]);
  });

  it('falls back to the default runtime without runtime.yaml', async () => {
    const { md } = await seed();
    const view = await deploymentsServiceOf(ctx()).detailsView(md.id);
    expect(view.ok && view.data.runtime).toMatchObject({ kind: 'conda', slug: 'generalml_p311_cpu_v1', fromRuntimeYaml: false });
  });

  it('keeps the work request history of a deployment moved to another compartment', async () => {
    const { md, workRequestId } = await seed();
    updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'ACTIVE' });
    const service = deploymentsServiceOf(ctx());
    const moved = await service.move(md.id, ctx().installation.tenancyId);
    expect(moved.ok).toBe(true);
    const deactivated = await service.deactivate(md.id);
    if (!deactivated.ok) throw new Error(deactivated.error.message);
    const view = await service.detailsView(md.id);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.data.deployment.compartmentId).toBe(ctx().installation.tenancyId);
    expect(view.data.workRequests.map((w) => w.id)).toEqual([deactivated.data.workRequestId, workRequestId]);
    expect(view.data.deployment.lifecycleState).toBe('UPDATING');
  });

  it('refuses what the lifecycle refuses, with IncorrectState', async () => {
    const { md } = await seed();
    const r = await deploymentsServiceOf(ctx()).activate(md.id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('IncorrectState');
  });

  it('changes tags through an update work request', async () => {
    const { md } = await seed();
    updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'INACTIVE' });
    const r = await deploymentsServiceOf(ctx()).updateTags(md.id, { freeformTags: { stage: 'canary' }, definedTags: {} });
    expect(r.ok && r.data.workRequestId).toMatch(/^ocid1\.datascienceworkrequest\./);
  });
});
