import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataScienceClient, models as sdk } from 'oci-datascience';
import type { DeploymentFollow } from '@/server/domain/version-follow';
import type { AppContext } from '@/server/services/context';
import { createSdkTestContext, type SdkTestContext } from '@/tests/support/sdk-context';
import { addApiKey, ociError, sdkClient, serveFetch } from '@/tests/support/oci-sdk';
import { ECHO_SCORE_PY, zipStream } from '@/tests/support/provider-fixtures';
import { createOciApi } from './api';

// Models in version sets, and a deployment following a label (Berth's berthFollow field), through
// the official SDK over real HTTP: the SDK's own (de)serialisation carries both ways.

const PORT = 6401;
const TIMEOUT = 30_000;

let ctx: AppContext;
let temp: SdkTestContext | undefined;
let server: { url: string; close(): Promise<void> };
let client: DataScienceClient;
let compartmentId: string;

const zipBytes = async (): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of zipStream({ 'score.py': ECHO_SCORE_PY })) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  temp = createSdkTestContext('follow');
  ctx = temp.ctx;
  compartmentId = ctx.installation.defaultCompartmentId;
  // The runner is not started: the deployment's create stays queued, and no container runs.
  server = await serveFetch(createOciApi({ db: ctx.db, provider: ctx.provider, tenancyId: ctx.installation.tenancyId }), PORT);
  client = sdkClient(server.url, ctx.installation.tenancyId, ctx.installation.userId, addApiKey(ctx.db, ctx.installation.userId));
}, TIMEOUT);

afterAll(async () => {
  await server?.close();
  temp?.dispose();
});

describe('version sets and labels through the SDK', () => {
  it('joins models to a set with numbers and labels, filters by them, and refuses a taken label', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'versions' } })).project;
    const set = (await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: 'churn' } })).modelVersionSet;
    const a = (await client.createModel({ createModelDetails: { compartmentId, projectId: project.id, displayName: 'a', modelVersionSetId: set.id, versionLabel: 'prod' } })).model;
    const b = (await client.createModel({ createModelDetails: { compartmentId, projectId: project.id, displayName: 'b', modelVersionSetId: set.id } })).model;
    expect(a).toMatchObject({ modelVersionSetId: set.id, modelVersionSetName: 'churn', versionId: 1, versionLabel: 'prod' });
    expect(b.versionId).toBe(2);

    const filtered = await client.listModels({ compartmentId, modelVersionSetName: 'churn', versionLabel: 'prod' });
    expect(filtered.items.map((m) => m.id)).toEqual([a.id]);
    expect((await client.listModels({ compartmentId, modelVersionSetName: 'nope' })).items).toEqual([]);

    const taken = await ociError(client.updateModel({ modelId: b.id, updateModelDetails: { versionLabel: 'prod' } }));
    expect(taken.statusCode).toBe(409);
    expect(taken.message).toContain('held by model a (version 1)');
  }, TIMEOUT);

  it('creates a deployment following a label; the answer says which and why', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'follow' } })).project;
    const set = (await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: 'fraud' } })).modelVersionSet;
    const a = (await client.createModel({ createModelDetails: { compartmentId, projectId: project.id, displayName: 'fraud-a', modelVersionSetId: set.id, versionLabel: 'prod' } })).model;
    const bytes = await zipBytes();
    await client.createModelArtifact({ modelId: a.id, modelArtifact: bytes, contentLength: bytes.length, contentDisposition: 'attachment; filename=model.zip' });
    // berthFollow is not in the SDK's types; the SDK sends what it is given and keeps what it gets.
    const details = {
      compartmentId,
      projectId: project.id,
      displayName: 'follows-prod',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: a.id, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } } },
      },
      berthFollow: { modelVersionSetId: set.id, versionLabel: 'prod' },
    } as unknown as sdk.CreateModelDeploymentDetails;
    const created = await client.createModelDeployment({ createModelDeploymentDetails: details });
    const got = await client.getModelDeployment({ modelDeploymentId: created.modelDeployment.id });
    const follow = (got.modelDeployment as unknown as { berthFollow?: DeploymentFollow }).berthFollow;
    expect(follow).toMatchObject({ modelVersionSetId: set.id, modelVersionSetName: 'fraud', versionLabel: 'prod', lastChange: { toModelId: a.id, reason: expect.stringContaining('created to follow label prod') } });

    const wrong = await ociError(client.createModelDeployment({ createModelDeploymentDetails: { ...details, berthFollow: { modelVersionSetId: set.id, versionLabel: 'staging' } } as unknown as sdk.CreateModelDeploymentDetails }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.message).toContain('holds label staging');
  }, TIMEOUT);
});
