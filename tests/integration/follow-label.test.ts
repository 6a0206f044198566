import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model, ModelDeployment } from '@/server/domain/oci-types';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker, postJson, startHarness, zipFolderOf, type Harness } from './support';

// A deployment following label "prod" of a version set, under continuous predict requests while
// the label moves from one real model to another: the swap is blue/green, so no request fails.

let h: Harness;
let compartmentId: string;
let projectId: string;
let setId: string;

// Each model answers with its own name, so a response says which one served it.
const scoreOf = (name: string) => `
def load_model():
    return "${name}"

def predict(data, model=None):
    return {"model": model or load_model(), "echo": data}
`;
const RUNTIME_YAML = 'MODEL_ARTIFACT_VERSION: "3.0"\nMODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n';

async function register(name: string, versionLabel?: string): Promise<Model> {
  const m = await h.ctx.provider.createModelWithArtifact(
    { compartmentId, projectId, displayName: name, modelVersionSetId: setId, ...(versionLabel ? { versionLabel } : {}) },
    zipFolderOf({ 'score.py': scoreOf(name), 'runtime.yaml': RUNTIME_YAML }),
    'model.zip',
  );
  if (!m.ok) throw new Error(m.error.message);
  return m.data;
}

beforeAll(async () => {
  // Ports of this test's range (6400-6499): the gateway listens on one of them.
  h = await startHarness({ BERTH_GATEWAY_PORT: '6481' });
  compartmentId = h.ctx.installation.defaultCompartmentId;
  const p = await h.ctx.provider.createProject({ compartmentId, displayName: 'following' });
  if (!p.ok) throw new Error(p.error.message);
  projectId = p.data.id;
  const set = await h.ctx.provider.createModelVersionSet({ compartmentId, projectId, name: 'churn' });
  if (!set.ok) throw new Error(set.error.message);
  setId = set.data.id;
  const image = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!image.ok) throw new Error('the runtime image is missing; run the setup first');
}, 900_000);

afterAll(async () => {
  await h?.dispose();
});

describe('a deployment following a version label', () => {
  it('swaps to the model the label moves to, with 0 failed requests under continuous load', async () => {
    const a = await register('model-a', 'prod');
    const b = await register('model-b');
    const created = await h.ctx.provider.createModelDeployment({
      compartmentId,
      projectId,
      displayName: 'follows-prod',
      berthFollow: { modelVersionSetId: setId, versionLabel: 'prod' },
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: a.id,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        },
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { WEB_CONCURRENCY: '2' } },
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    await h.ctx.runner.idle();
    const md = await h.ctx.provider.getModelDeployment(created.data.resource.id);
    if (!md.ok || md.data.lifecycleState !== 'ACTIVE') throw new Error(`deployment is not active: ${JSON.stringify(md)}`);
    const url = `${md.data.modelDeploymentUrl}/predict`;
    expect((await postJson(url, { x: 1 })).json).toMatchObject({ model: 'model-a' });

    // Four clients send requests back to back until told to stop.
    let stop = false;
    const statuses: number[] = [];
    const servedBy = new Map<string, number>();
    const failures: string[] = [];
    let sawB: () => void = () => undefined;
    const bServed = new Promise<void>((resolve) => (sawB = resolve));
    const client = async () => {
      while (!stop) {
        const r = await postJson(url, { x: 1 });
        statuses.push(r.status);
        const model = (r.json as { model?: string } | null)?.model ?? `status ${r.status}`;
        servedBy.set(model, (servedBy.get(model) ?? 0) + 1);
        if (model === 'model-b') sawB();
        if (r.status !== 200) failures.push(`${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
      }
    };
    const clients = Array.from({ length: 4 }, client);

    // The label moves: off A (the deployment stays on A), then onto B (the deployment swaps).
    const off = await h.ctx.provider.updateModel(a.id, { versionLabel: '' });
    expect(off.ok).toBe(true);
    const between = await h.ctx.provider.getModelDeployment(md.data.id);
    expect(between.ok && between.data.lifecycleState).toBe('ACTIVE');
    const on = await h.ctx.provider.updateModel(b.id, { versionLabel: 'prod' });
    expect(on.ok).toBe(true);
    const swapping = await h.ctx.provider.getModelDeployment(md.data.id);
    expect(swapping.ok && swapping.data.lifecycleState).toBe('UPDATING');
    await h.ctx.runner.idle();

    // The clients go on until one of them is answered by B, then stop.
    await bServed;
    stop = true;
    await Promise.all(clients);

    console.info(`label move under load: ${statuses.length} requests, ${failures.length} failed; served by ${JSON.stringify(Object.fromEntries(servedBy))}`);
    expect(failures).toEqual([]);
    expect(statuses.length).toBeGreaterThan(10);

    const after = await h.ctx.provider.getModelDeployment(md.data.id);
    if (!after.ok) throw new Error(after.error.message);
    const swapped: ModelDeployment = after.data;
    expect(swapped.lifecycleState).toBe('ACTIVE');
    expect(swapped.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId).toBe(b.id);
    expect((await postJson(url, { x: 2 })).json).toMatchObject({ model: 'model-b' });

    const change = swapped.berthFollow?.lastChange;
    expect(change).toMatchObject({ fromModelId: a.id, toModelId: b.id, reason: 'label prod moved to model model-b (version 2)' });
    const wr = await h.ctx.provider.getWorkRequest(change?.workRequestId ?? '');
    expect(wr.ok && wr.data).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_UPDATE', status: 'SUCCEEDED' });
    const logs = await h.ctx.provider.listWorkRequestLogs(change?.workRequestId ?? '', { limit: 100 });
    const text = logs.ok ? logs.data.items.map((l) => l.message).join('\n') : '';
    expect(text).toContain(`Swapping model model-a (${a.id}, version 1) for model model-b (${b.id}, version 2)`);
  }, 600_000);
});
