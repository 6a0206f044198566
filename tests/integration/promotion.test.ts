import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { loadConfig } from '@/server/config';
import { PROMOTED_FROM_TAG } from '@/server/domain/promotion-mapping';
import type { DataScienceProvider } from '@/server/providers/types';
import { openProfile } from '@/server/providers/oci/profiles';
import { createAppContext } from '@/server/services/context';
import { promotionsServiceOf, type PromotionsService } from '@/server/services/promotions';
import { addApiKey } from '@/tests/support/oci-sdk';
import { ECHO_SCORE_PY, zipStream } from '@/tests/support/provider-fixtures';
import { startConsole, stopConsole, type ConsoleProcess } from './console';
import { docker, startHarness, type Harness } from './support';

// "Promote to OCI" end to end: a real local deployment (the smallest conda model, in a container
// behind this process's gateway) promoted to a second Berth as the "cloud", through the OCI
// provider and the official SDK, reached through a profile of a real config file.

const CLOUD_PORT = 7410;
const CLOUD_GATEWAY_PORT = 7411;
const LOCAL_GATEWAY_PORT = 7412;
const RUNTIME_YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
const CONTEXT = 'oci:CLOUD';

let cloud: ConsoleProcess | undefined;
let h: Harness | undefined;
let dir = '';
let cloudTenancy = '';
let cloudCompartment = '';
let oci: DataScienceProvider;
let promotions: PromotionsService;
let localDeploymentId = '';
let cloudProjectId = '';

function ok<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  cloud = await startConsole({ port: CLOUD_PORT, gatewayPort: CLOUD_GATEWAY_PORT });
  const cloudCtx = createAppContext(loadConfig({ BERTH_DATA_DIR: cloud.dataDir, BERTH_REGION: 'it' }));
  cloudTenancy = cloudCtx.installation.tenancyId;
  cloudCompartment = cloudCtx.installation.defaultCompartmentId;
  const userId = cloudCtx.installation.userId;
  const key = addApiKey(cloudCtx.db, userId);
  cloudCtx.db.$client.close();

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-promote-'));
  fs.writeFileSync(path.join(dir, 'cloud.pem'), key.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(
    path.join(dir, 'config'),
    `[CLOUD]\nuser=${userId}\nfingerprint=${key.fingerprint}\nkey_file=${path.join(dir, 'cloud.pem')}\ntenancy=${cloudTenancy}\nregion=us-ashburn-1\nberth_endpoint=${cloud.url}\nberth_compartment=${cloudCompartment}\n`,
  );
  oci = openProfile({ configFile: path.join(dir, 'config'), endpoints: {} }, 'CLOUD').provider!;
  cloudProjectId = ok(await oci.createProject({ compartmentId: cloudCompartment, displayName: 'promoted here' })).id;

  // The local console: its own data directory, runner and gateway, and the config file's profiles.
  h = await startHarness({ BERTH_OCI_CONFIG_FILE: path.join(dir, 'config'), BERTH_GATEWAY_PORT: String(LOCAL_GATEWAY_PORT), BERTH_LOAD_CHECK_S: '0' });
  const local = h.ctx.provider;
  const compartmentId = h.ctx.installation.defaultCompartmentId;
  const project = ok(await local.createProject({ compartmentId, displayName: 'local project' }));
  const model = ok(
    await local.createModelWithArtifact(
      { compartmentId, projectId: project.id, displayName: 'echo', inputSchema: '{"schema":[{"name":"x","dtype":"int64"}]}', customMetadataList: [{ key: 'owner', value: 'ml-team', category: 'other' }], freeformTags: { team: 'ml' } },
      zipStream({ 'score.py': ECHO_SCORE_PY, 'runtime.yaml': RUNTIME_YAML }),
      'echo.zip',
    ),
  );
  const created = ok(
    await local.createModelDeployment({
      compartmentId,
      projectId: project.id,
      displayName: 'echo md',
      freeformTags: { stage: 'tested' },
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: model.id,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
      },
    }),
  );
  localDeploymentId = created.resource.id;
  // expect.poll is for tests only: the hook follows the work request itself.
  const deadline = Date.now() + 180_000;
  while (!ok(await local.getWorkRequest(created.workRequestId)).timeFinished) {
    if (Date.now() > deadline) throw new Error('The local deployment did not finish its create within 180 s.');
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(ok(await local.getModelDeployment(localDeploymentId)).lifecycleState).toBe('ACTIVE');
  promotions = promotionsServiceOf(h.ctx);
});

afterAll(async () => {
  if (cloudTenancy) {
    const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${cloudTenancy}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  await h?.dispose();
  await stopConsole(cloud);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('promote a local deployment to OCI', () => {
  it('offers the profile, its compartments and projects, listed through the SDK', async () => {
    const contexts = ok(await promotions.targets(localDeploymentId));
    expect(contexts.contexts.map((c) => [c.id, c.problem])).toEqual([[CONTEXT, null]]);
    expect(contexts.promotion).toBeNull();
    const there = ok(await promotions.targets(localDeploymentId, CONTEXT, cloudCompartment));
    expect(there.compartments.map((c) => c.id)).toEqual(expect.arrayContaining([cloudTenancy, cloudCompartment]));
    expect(there.projects).toEqual([{ id: cloudProjectId, displayName: 'promoted here' }]);
  });

  it('blocks on a failing pre-flight item and creates nothing', async () => {
    const models = async () => ok(await oci.listModels({ compartmentId: cloudCompartment, limit: 100 })).items.length;
    const deployments = async () => ok(await oci.listModelDeployments({ compartmentId: cloudCompartment, limit: 100 })).items.length;
    const [modelsBefore, deploymentsBefore] = [await models(), await deployments()];
    const missing = { contextId: CONTEXT, compartmentId: cloudCompartment, projectId: 'ocid1.datascienceproject.it.aaaa.nothere' };
    const pre = ok(await promotions.preflight(localDeploymentId, missing));
    expect(pre.blocked).toBe(true);
    expect(pre.items.find((i) => i.id === 'target')).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/^The project cannot be read in CLOUD: .*\(OCI NotAuthorizedOrNotFound, HTTP 404; opc-request-id \S+\)$/) });
    const refused = await promotions.promote(localDeploymentId, missing, 'admin');
    expect(refused.ok ? null : [refused.error.code, refused.error.message]).toEqual(['IncorrectState', expect.stringContaining('The pre-flight failed, so nothing was created: Compartment and project:')]);
    expect([await models(), await deployments()]).toEqual([modelsBefore, deploymentsBefore]);
    expect(promotions.promotionOf(localDeploymentId)).toBeNull();
  });

  it('promotes: the model and its artifact arrive, the deployment goes ACTIVE and predicts, linked both ways, once', async () => {
    const sel = { contextId: CONTEXT, compartmentId: cloudCompartment, projectId: cloudProjectId };
    const pre = ok(await promotions.preflight(localDeploymentId, sel));
    expect(pre.blocked).toBe(false);
    expect(pre.items.map((i) => [i.id, i.verdict])).toEqual([
      ['target', 'pass'],
      ['shape', 'pass'],
      ['conda', 'pass'],
      ['artifact-size', 'pass'],
      ['bandwidth', 'pass'],
      ['logging', 'warn'],
      ['tags', 'pass'],
      ['policies', 'warn'],
    ]);

    const promoted = ok(await promotions.promote(localDeploymentId, sel, 'admin'));
    expect(promoted).toMatchObject({ contextId: CONTEXT, contextLabel: 'CLOUD', targetProjectId: cloudProjectId, promotedBy: 'admin' });

    // The model: metadata, schema, tags, and the very same artifact bytes.
    const local = h!.ctx.provider;
    const localMd = ok(await local.getModelDeployment(localDeploymentId));
    const localModelId = localMd.modelDeploymentConfigurationDetails!.modelConfigurationDetails.modelId;
    const model = ok(await oci.getModel(promoted.targetModelId));
    expect(model).toMatchObject({ displayName: 'echo', projectId: cloudProjectId, inputSchema: '{"schema":[{"name":"x","dtype":"int64"}]}', freeformTags: { team: 'ml', [PROMOTED_FROM_TAG]: localModelId } });
    expect(model.customMetadataList).toEqual([expect.objectContaining({ key: 'owner', value: 'ml-team' })]);
    const [localBytes, cloudBytes] = [await bytesOf(ok(await local.getModelArtifactContent(localModelId)).stream), await bytesOf(ok(await oci.getModelArtifactContent(promoted.targetModelId)).stream)];
    expect(cloudBytes.equals(localBytes)).toBe(true);
    const md5 = crypto.createHash('md5').update(localBytes).digest('base64');
    expect([ok(await local.headModelArtifact(localModelId)).contentMd5, ok(await oci.headModelArtifact(promoted.targetModelId)).contentMd5]).toEqual([md5, md5]);

    // The deployment, followed through the target's work request as the dialog does.
    await expect.poll(async () => ok(await promotions.progress(localDeploymentId)).workRequest.timeFinished ?? null, { timeout: 180_000, interval: 1000 }).not.toBeNull();
    const progress = ok(await promotions.progress(localDeploymentId));
    expect([progress.workRequest.operationType, progress.workRequest.status, progress.lifecycleState]).toEqual(['MODEL_DEPLOYMENT_CREATE', 'SUCCEEDED', 'ACTIVE']);
    expect(progress.logs.length).toBeGreaterThan(0);
    const md = ok(await oci.getModelDeployment(promoted.targetDeploymentId));
    expect(md.freeformTags).toMatchObject({ stage: 'tested', [PROMOTED_FROM_TAG]: localDeploymentId, 'berth-promoted-from-region': 'it' });
    expect(md.modelDeploymentConfigurationDetails?.modelConfigurationDetails).toMatchObject({ modelId: promoted.targetModelId, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex' }, bandwidthMbps: 10 });
    const predicted = await fetch(`${md.modelDeploymentUrl}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":[1,2]}' });
    expect(predicted.status).toBe(200);
    expect(await predicted.json()).toEqual({ x: [1, 2] });

    // The local side records it; a second promote is refused, naming where it went.
    expect(promotions.promotionOf(localDeploymentId)).toMatchObject({ targetDeploymentId: promoted.targetDeploymentId, contextLabel: 'CLOUD' });
    expect(ok(await promotions.targets(localDeploymentId)).promotion?.targetDeploymentId).toBe(promoted.targetDeploymentId);
    const again = await promotions.promote(localDeploymentId, sel, 'admin');
    expect(again.ok ? null : [again.error.code, again.error.message]).toEqual(['Conflict', `This deployment was promoted already to CLOUD: ${promoted.targetDeploymentId}. Open it there instead.`]);
    expect(ok(await promotions.preflight(localDeploymentId, sel)).items[0]).toMatchObject({ id: 'promoted', verdict: 'fail' });
    expect(ok(await oci.listModelDeployments({ compartmentId: cloudCompartment, projectId: cloudProjectId })).items.map((d) => d.id)).toEqual([promoted.targetDeploymentId]);
  });
});
