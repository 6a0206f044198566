import { describe, expect, it } from 'vitest';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { insertWorkRequestError, insertWorkRequestLog } from '@/db/queries/work-requests';
import { zipStream } from '@/tests/support/provider-fixtures';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { deploymentsServiceOf } from './deployments';

// The project page's work requests, a deployment's lifecycle details while it changes, and host
// paths in work-request logs, over a real provider and SQLite file. The runner is not started, so
// work requests stay queued where the operation put them.

const { ctx } = tempContextPerTest();
const compartmentId = () => ctx().installation.defaultCompartmentId;


async function seed() {
  const project = await ctx().provider.createProject({ compartmentId: compartmentId(), displayName: 'fraud' });
  if (!project.ok) throw new Error(project.error.message);
  const model = await ctx().provider.createModel({ compartmentId: compartmentId(), projectId: project.data.id, displayName: 'scorer' });
  if (!model.ok) throw new Error(model.error.message);
  const artifact = await ctx().provider.createModelArtifact(model.data.id, zipStream({ 'score.py': 'def predict(data, model=None):\n    return data\n' }), 'model.zip');
  if (!artifact.ok) throw new Error(artifact.error.message);
  const created = await deploymentsServiceOf(ctx()).create({
    compartmentId: compartmentId(),
    projectId: project.data.id,
    displayName: 'scorer-md',
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: { modelId: model.data.id, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } } },
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  return { project: project.data, md: created.data.resource, workRequestId: created.data.workRequestId };
}

describe('project work requests', () => {
  it("lists the project's deployments' work requests, naming the deployment", async () => {
    const { project, md, workRequestId } = await seed();
    const other = await ctx().provider.createProject({ compartmentId: compartmentId(), displayName: 'elsewhere' });
    if (!other.ok) throw new Error(other.error.message);

    const rows = await ctx().projects.workRequestsOf(project);
    expect(rows.map((w) => [w.id, w.operationType, w.resource.kind, w.resource.displayName, w.resource.href])).toEqual([
      [workRequestId, 'MODEL_DEPLOYMENT_CREATE', 'model deployment', 'scorer-md', `/model-deployments/${md.id}`],
    ]);
    expect(await ctx().projects.workRequestsOf(other.data)).toEqual([]);
  });
});

describe('lifecycle details during a change', () => {
  it('say what the operation does, not the state it leaves', async () => {
    const { md } = await seed();
    const created = await ctx().provider.getModelDeployment(md.id);
    expect(created.ok && [created.data.lifecycleState, created.data.lifecycleDetails]).toEqual(['CREATING', 'Creating the model deployment.']);

    updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'ACTIVE', lifecycleDetails: 'Model Deployment is Active.' });
    const started = await ctx().provider.deactivateModelDeployment(md.id);
    expect(started.ok).toBe(true);
    const during = await ctx().provider.getModelDeployment(md.id);
    expect(during.ok && during.data.lifecycleState).toBe('UPDATING');
    expect(during.ok && during.data.lifecycleDetails).toBe('Deactivating: the endpoint stops serving (predictions get 404) and the instances stop.');

    updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'INACTIVE', lifecycleDetails: 'Model Deployment is Inactive.' });
    expect((await ctx().provider.activateModelDeployment(md.id)).ok).toBe(true);
    const activating = await ctx().provider.getModelDeployment(md.id);
    expect(activating.ok && activating.data.lifecycleDetails).toMatch(/^Activating: /);
  });
});

describe('work-request logs', () => {
  it('show paths under the data directory relative to it', async () => {
    const { workRequestId } = await seed();
    const dir = ctx().config.dataDir;
    const at = new Date().toISOString();
    insertWorkRequestLog(ctx().db, workRequestId, `Artifact unpacked at ${dir}/artifacts/x/v1, mounted read-only (0.1 s).`, at);
    insertWorkRequestError(ctx().db, workRequestId, 'InternalServerError', `Could not read ${dir}/artifacts/x/v1/score.py`, at);
    const logs = await ctx().provider.listWorkRequestLogs(workRequestId);
    const errors = await ctx().provider.listWorkRequestErrors(workRequestId);
    expect(logs.ok && logs.data.items.map((l) => l.message)).toContain('Artifact unpacked at artifacts/x/v1, mounted read-only (0.1 s).');
    expect(errors.ok && errors.data.items.map((e) => e.message)).toEqual(['Could not read artifacts/x/v1/score.py']);
  });
});
