import { describe, expect, it } from 'vitest';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { updateModelRow } from '@/db/queries/models';
import { updateWorkRequestRow } from '@/db/queries/work-requests';
import type { Model } from '@/server/domain/oci-types';
import type { AppContext } from '@/server/services/context';
import { ECHO_SCORE_PY, zipStream } from '@/tests/support/provider-fixtures';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { createFollowSync } from './follow-sync';
import { createLocalModelDeployments } from './api';
import { domainError, err } from '@/server/domain/result';

// Version sets, labels and following deployments on a real SQLite file; the runner is not started,
// so a queued work request is finished by hand ("as if it ran") where a test needs it done.

const t = tempContextPerTest();

async function setup(c: AppContext) {
  const compartmentId = c.installation.defaultCompartmentId;
  const project = await c.provider.createProject({ compartmentId, displayName: 'p' });
  if (!project.ok) throw new Error(project.error.message);
  const set = await c.provider.createModelVersionSet({ compartmentId, projectId: project.data.id, name: 'churn' });
  if (!set.ok) throw new Error(set.error.message);
  const register = async (displayName: string, versionLabel?: string): Promise<Model> => {
    const m = await c.provider.createModelWithArtifact(
      { compartmentId, projectId: project.data.id, displayName, modelVersionSetId: set.data.id, ...(versionLabel ? { versionLabel } : {}) },
      zipStream({ 'score.py': ECHO_SCORE_PY }),
      'model.zip',
    );
    if (!m.ok) throw new Error(m.error.message);
    return m.data;
  };
  const follow = async (modelId: string, versionLabel = 'prod') => {
    const created = await c.provider.createModelDeployment({
      compartmentId,
      projectId: project.data.id,
      berthFollow: { modelVersionSetId: set.data.id, versionLabel },
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } } },
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    return created.data;
  };
  /** The queued work of a deployment done, and the deployment ACTIVE, as the runner would leave it. */
  const ran = (deploymentId: string, workRequestId: string) => {
    updateWorkRequestRow(c.db, workRequestId, { status: 'SUCCEEDED', percentComplete: 100 });
    updateModelDeploymentRow(c.db, deploymentId, { lifecycleState: 'ACTIVE' });
  };
  return { set: set.data, register, follow, ran, compartmentId };
}

const logsOf = async (c: AppContext, workRequestId: string) => {
  const logs = await c.provider.listWorkRequestLogs(workRequestId);
  return logs.ok ? logs.data.items.map((l) => l.message) : [];
};

describe('models in a version set', () => {
  it('numbers the versions, names the set, and keeps a label to one live model of the set', async () => {
    const c = t.ctx();
    const { set, register } = await setup(c);
    const a = await register('a', 'prod');
    const b = await register('b');
    expect([a.versionId, b.versionId]).toEqual([1, 2]);
    expect(a).toMatchObject({ modelVersionSetId: set.id, modelVersionSetName: 'churn', versionLabel: 'prod' });

    const taken = await c.provider.updateModel(b.id, { versionLabel: 'prod' });
    expect(!taken.ok && taken.error).toMatchObject({ code: 'Conflict', message: expect.stringContaining('held by model a (version 1)') });
    const dup = await c.provider.createModel({ compartmentId: a.compartmentId, projectId: a.projectId, modelVersionSetId: set.id, versionLabel: 'prod' });
    expect(!dup.ok && dup.error.code).toBe('Conflict');

    // Deleting the holder frees the label.
    expect((await c.provider.deleteModel(a.id)).ok).toBe(true);
    const moved = await c.provider.updateModel(b.id, { versionLabel: 'prod' });
    expect(moved.ok && moved.data.versionLabel).toBe('prod');

    const listed = await c.provider.listModels({ compartmentId: a.compartmentId, lifecycleState: 'ACTIVE', modelVersionSetName: 'churn', versionLabel: 'prod' });
    expect(listed.ok && listed.data.items.map((m) => m.id)).toEqual([b.id]);
  });

  it('lets a model join a set once, and refuses a set that does not exist', async () => {
    const c = t.ctx();
    const { set } = await setup(c);
    const loose = await c.provider.createModel({ compartmentId: set.compartmentId, projectId: set.projectId, displayName: 'loose', versionLabel: 'prod' });
    if (!loose.ok) throw new Error(loose.error.message);
    expect(loose.data.modelVersionSetId).toBeUndefined();
    const joined = await c.provider.updateModel(loose.data.id, { modelVersionSetId: set.id });
    expect(joined.ok && joined.data).toMatchObject({ modelVersionSetId: set.id, versionId: 1, versionLabel: 'prod' });
    const other = await c.provider.createModelVersionSet({ compartmentId: set.compartmentId, projectId: set.projectId, name: 'other' });
    if (!other.ok) throw new Error(other.error.message);
    const moved = await c.provider.updateModel(loose.data.id, { modelVersionSetId: other.data.id });
    expect(!moved.ok && moved.error.code).toBe('InvalidParameter');
    const missing = await c.provider.createModel({ compartmentId: set.compartmentId, projectId: set.projectId, modelVersionSetId: 'ocid1.datasciencemodelversionset.oc1.test.nope' });
    expect(!missing.ok && missing.error.code).toBe('NotAuthorizedOrNotFound');
  });
});

describe('deployments following a label', () => {
  it('swaps the follower when the label moves, through an update whose log names both models', async () => {
    const c = t.ctx();
    const { set, register, follow, ran } = await setup(c);
    const a = await register('model-a', 'prod');
    const b = await register('model-b');
    const created = await follow(a.id);
    expect(created.resource.berthFollow).toMatchObject({ modelVersionSetId: set.id, versionLabel: 'prod', modelVersionSetName: 'churn' });
    ran(created.resource.id, created.workRequestId);

    // Taking the label off A leaves the deployment on A; giving it to B swaps.
    expect((await c.provider.updateModel(a.id, { versionLabel: '' })).ok).toBe(true);
    const between = await c.provider.getModelDeployment(created.resource.id);
    expect(between.ok && between.data.lifecycleState).toBe('ACTIVE');
    expect((await c.provider.updateModel(b.id, { versionLabel: 'prod' })).ok).toBe(true);

    const md = await c.provider.getModelDeployment(created.resource.id);
    if (!md.ok) throw new Error(md.error.message);
    expect(md.data.lifecycleState).toBe('UPDATING');
    const change = md.data.berthFollow?.lastChange;
    expect(change).toMatchObject({ fromModelId: a.id, toModelId: b.id, reason: 'label prod moved to model model-b (version 2)' });
    const wr = await c.provider.getWorkRequest(change?.workRequestId ?? '');
    expect(wr.ok && wr.data.operationType).toBe('MODEL_DEPLOYMENT_UPDATE');
    const log = (await logsOf(c, change?.workRequestId ?? '')).join('\n');
    expect(log).toContain(`Swapping model model-a (${a.id}, version 1) for model model-b (${b.id}, version 2)`);
  });

  it('swaps when a newer version is registered under the free label, and waits for a busy deployment', async () => {
    const c = t.ctx();
    const { register, follow, ran } = await setup(c);
    const a = await register('a', 'prod');
    const created = await follow(a.id);
    // The create is still queued: the deployment is busy, so the swap waits for the sweep.
    await c.provider.updateModel(a.id, { versionLabel: 'old' });
    const c3 = await register('c', 'prod');
    const sync = createFollowSync({ db: c.db, runner: c.runner, deployments: createLocalModelDeployments({ db: c.db, docker: c.local.docker, runner: c.runner, region: 'test', userId: c.installation.userId, gatewayUrl: 'http://127.0.0.1:1', now: t.clock }), now: t.clock });
    const waiting = await sync.sync();
    expect(waiting.map((o) => o.decision)).toEqual([{ kind: 'wait', deploymentId: created.resource.id, reason: 'the deployment is busy with other work' }]);
    ran(created.resource.id, created.workRequestId);
    const swapped = await sync.sync();
    expect(swapped[0]?.decision).toMatchObject({ kind: 'swap', toModel: { id: c3.id } });
    const md = await c.provider.getModelDeployment(created.resource.id);
    expect(md.ok && md.data.berthFollow?.lastChange?.toModelId).toBe(c3.id);
  });

  it('records a swap the update refused, and does not ask again until the label moves', async () => {
    const c = t.ctx();
    const { register, follow, ran } = await setup(c);
    const a = await register('a', 'prod');
    const created = await follow(a.id);
    ran(created.resource.id, created.workRequestId);
    await c.provider.updateModel(a.id, { versionLabel: '' });
    const b = await register('b');
    // An update refused outright (as for a change the deployment's state or network forbids).
    const refusing = { updateModelDeployment: async () => err(domainError('InvalidParameter', 'refused here')) };
    const sync = createFollowSync({ db: c.db, runner: c.runner, deployments: refusing, now: t.clock });
    // The label given straight in the table, so only this sync (not the provider's own) sees it.
    updateModelRow(c.db, b.id, { versionLabel: 'prod', liveVersionLabel: 'prod' });
    expect((await sync.sync())[0]).toMatchObject({ error: 'refused here' });
    const md = await c.provider.getModelDeployment(created.resource.id);
    expect(md.ok && md.data.berthFollow?.lastChange).toMatchObject({ toModelId: b.id, workRequestId: null, error: 'refused here' });
    expect((await sync.sync())[0]?.decision).toMatchObject({ kind: 'wait', reason: expect.stringContaining('failed') });
  });

  it('refuses to follow a label nobody holds, a model that does not hold it, and a hand-picked model while following', async () => {
    const c = t.ctx();
    const { register, follow, ran } = await setup(c);
    const a = await register('a', 'prod');
    const b = await register('b');
    await expect(follow(a.id, 'staging')).rejects.toThrow(/No model of model version set churn holds label staging/);
    await expect(follow(b.id)).rejects.toThrow(/held by model a/);
    const created = await follow(a.id);
    ran(created.resource.id, created.workRequestId);
    const picked = await c.provider.updateModelDeployment(created.resource.id, {
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: b.id } },
    });
    expect(!picked.ok && picked.error.message).toMatch(/follows label prod; stop following/);
    // Stopping keeps the model and the deployment no longer moves with the label.
    const stopped = await c.provider.updateModelDeployment(created.resource.id, { berthFollow: {} });
    expect(stopped.ok).toBe(true);
    const md = await c.provider.getModelDeployment(created.resource.id);
    expect(md.ok && md.data.berthFollow).toBeUndefined();
  });
});
