import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelDeployment, WorkRequest } from '@/server/domain/oci-types';
import type { DataScienceProvider } from '@/server/providers/types';
import { OCI_CAPABILITIES } from '@/server/providers/oci';
import { openProfile, probeProfile, profileNames, type OciProfileSource } from '@/server/providers/oci/profiles';
import { ECHO_SCORE_PY, zipStream } from '@/tests/support/provider-fixtures';
import { startOciCloud, type OciCloud } from './oci-cloud';

// The OCI provider, the official SDK inside it, against a second Berth as the "cloud": its
// OCI-compatible API on its own port and data directory, reached through a profile of a real
// config file whose endpoint points there. Nothing of the SDK is faked.

const PORT = 6700;
const GATEWAY_PORT = 6701;
const RUNTIME_YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';

let world: OciCloud | undefined;
let compartmentId = '';
let dir = '';
let source: OciProfileSource;
let oci: DataScienceProvider;

function ok<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

/** A work request followed to its end through the provider, as the console's progress UI does. */
async function finished(id: string): Promise<WorkRequest> {
  await expect.poll(async () => ok(await oci.getWorkRequest(id)).timeFinished ?? null, { timeout: 180_000, interval: 1000 }).not.toBeNull();
  return ok(await oci.getWorkRequest(id));
}

beforeAll(async () => {
  world = await startOciCloud({ port: PORT, gatewayPort: GATEWAY_PORT, env: { BERTH_PREDICT_AUTH: 'signed' } });
  ({ compartmentId, dir, source } = world);
  const opened = openProfile(source, 'DEFAULT');
  expect(opened.problem).toBeNull();
  oci = opened.provider!;
});

afterAll(async () => {
  await world?.stop();
});

describe('the OCI provider against a Berth cloud', () => {
  it('reads the profiles and says why one cannot be used', async () => {
    expect(profileNames(source.configFile)).toEqual(['DEFAULT', 'NO_KEY', 'STRANGER']);
    const noKey = openProfile(source, 'NO_KEY');
    expect([noKey.provider, noKey.problem]).toEqual([null, `Its key file ${path.join(dir, 'missing.pem')} does not exist.`]);
    const stranger = openProfile(source, 'STRANGER');
    expect(await probeProfile(stranger)).toMatch(/^OCI refused the signature: .*\(OCI NotAuthenticated, HTTP 401; opc-request-id \S+\)$/);
    expect(await probeProfile(openProfile(source, 'DEFAULT'))).toBeNull();
    // An endpoint variable wins over the profile's own key.
    expect(openProfile({ ...source, endpoints: { NO_KEY: 'http://127.0.0.1:6702' } }, 'NO_KEY').endpoint).toBe('http://127.0.0.1:6702');
    expect(oci.capabilities).toEqual(OCI_CAPABILITIES);
    expect([oci.faultInjection, oci.preflight]).toEqual([undefined, undefined]);
  });

  it('names an OCI error with its service code and opc-request-id', async () => {
    const missing = await oci.getProject('ocid1.datascienceproject.it.aaaa.nothere');
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.error.code).toBe('NotAuthorizedOrNotFound');
    expect(missing.error.message).toMatch(/\(OCI NotAuthorizedOrNotFound, HTTP 404; opc-request-id \S+\)$/);
    const down = openProfile({ ...source, endpoints: { DEFAULT: 'http://127.0.0.1:6703' } }, 'DEFAULT').provider!;
    const unreachable = await down.listProjects({ compartmentId });
    expect(unreachable.ok ? null : [unreachable.error.code, unreachable.error.message]).toEqual(['ServiceUnavailable', expect.stringContaining('OCI could not be reached at http://127.0.0.1:6703/20190101: fetch failed')]);
  });

  it('runs projects, models and a deployment through their life', async () => {
    const project = ok(await oci.createProject({ compartmentId, displayName: 'cloud project', freeformTags: { team: 'oci' } }));
    expect(ok(await oci.getProject(project.id))).toMatchObject({ displayName: 'cloud project', lifecycleState: 'ACTIVE', timeCreated: expect.stringMatching(/^\d{4}-/) });
    const listed = ok(await oci.listProjects({ compartmentId, nameContains: 'CLOUD' }));
    expect(listed.items.map((p) => p.id)).toContain(project.id);
    expect(ok(await oci.updateProject(project.id, { description: 'from the provider' })).description).toBe('from the provider');

    const set = ok(await oci.createModelVersionSet({ compartmentId, projectId: project.id, name: 'cloud-set' }));
    expect(ok(await oci.listModelVersionSets({ compartmentId, projectId: project.id })).items.map((s) => s.name)).toEqual(['cloud-set']);

    const model = ok(await oci.createModelWithArtifact({ compartmentId, projectId: project.id, displayName: 'echo' }, zipStream({ 'score.py': ECHO_SCORE_PY, 'runtime.yaml': RUNTIME_YAML }), 'echo.zip'));
    const head = ok(await oci.headModelArtifact(model.id));
    expect(head).toMatchObject({ fileName: 'echo.zip', sizeInBytes: expect.any(Number), contentMd5: expect.any(String) });
    const content = ok(await oci.getModelArtifactContent(model.id));
    let bytes = 0;
    for await (const c of content.stream) bytes += (c as Buffer).length;
    expect(bytes).toBe(head.sizeInBytes);

    const shapes = ok(await oci.listModelDeploymentShapes(compartmentId));
    expect(shapes.map((s) => s.name)).toContain('VM.Standard.E4.Flex');

    const created = ok(
      await oci.createModelDeployment({
        compartmentId,
        projectId: project.id,
        displayName: 'cloud md',
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
    const md: ModelDeployment = created.resource;
    expect(md.lifecycleState).toBe('CREATING');
    expect((await finished(created.workRequestId)).status).toBe('SUCCEEDED');
    const active = ok(await oci.getModelDeployment(md.id));
    expect(active.lifecycleState).toBe('ACTIVE');
    expect(ok(await oci.listModelDeployments({ compartmentId, projectId: project.id })).items.map((d) => d.id)).toEqual([md.id]);
    const logs = ok(await oci.listWorkRequestLogs(created.workRequestId));
    expect(logs.items.length).toBeGreaterThan(0);
    expect(ok(await oci.listWorkRequestErrors(created.workRequestId)).items).toEqual([]);

    // Traffic through the provider's own predict: a POST to the deployment's URL signed with the
    // profile's key. The cloud's gateway takes signed requests only, as OCI's endpoint does.
    const unsigned = await fetch(`${active.modelDeploymentUrl}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":[1]}' });
    expect(unsigned.status).toBe(401);
    for (let i = 0; i < 3; i++) {
      const predicted = ok(await oci.predictModelDeployment(md.id, { body: '{"x":[1]}', requestId: `oci-provider-predict-${i}`, timeoutMs: 60_000 }));
      expect(predicted, predicted.body).toMatchObject({ status: 200, headers: { 'opc-request-id': `oci-provider-predict-${i}` } });
      expect(JSON.parse(predicted.body)).toEqual({ x: [1] });
    }
    const query = `PredictRequestCount[1m]{resourceId = "${md.id}"}.sum()`;
    const summed = async () => ok(await oci.summarizeMetricsData({ namespace: 'oci_datascience_modeldeploy', query })).flatMap((m) => m.aggregatedDatapoints).reduce((n, p) => n + p.value, 0);
    await expect.poll(summed, { timeout: 90_000, interval: 1000 }).toBeGreaterThanOrEqual(3);

    const update = ok(await oci.updateModelDeployment(md.id, { displayName: 'cloud md renamed', secretEnvironmentVariables: [] }));
    expect((await finished(update.workRequestId)).status).toBe('SUCCEEDED');
    expect(ok(await oci.getModelDeployment(md.id)).displayName).toBe('cloud md renamed');

    const off = ok(await oci.deactivateModelDeployment(md.id));
    expect((await finished(off.workRequestId)).status).toBe('SUCCEEDED');
    expect(ok(await oci.getModelDeployment(md.id)).lifecycleState).toBe('INACTIVE');
    const on = ok(await oci.activateModelDeployment(md.id));
    expect((await finished(on.workRequestId)).status).toBe('SUCCEEDED');
    expect(ok(await oci.getModelDeployment(md.id)).lifecycleState).toBe('ACTIVE');

    const history = ok(await oci.listWorkRequests({ compartmentId, resourceId: md.id }));
    expect(history.items.map((w) => w.operationType)).toEqual(expect.arrayContaining(['MODEL_DEPLOYMENT_CREATE', 'MODEL_DEPLOYMENT_UPDATE', 'MODEL_DEPLOYMENT_DEACTIVATE', 'MODEL_DEPLOYMENT_ACTIVATE']));

    // Deleting a project that still holds resources is OCI's refusal, in words.
    const del = ok(await oci.deleteModelDeployment(md.id));
    expect((await finished(del.workRequestId)).status).toBe('SUCCEEDED');
    expect(ok(await oci.getModelDeployment(md.id)).lifecycleState).toBe('DELETED');
    ok(await oci.deleteModel(model.id));
    const setGone = ok(await oci.deleteModelVersionSet(set.id));
    expect((await finished(setGone.workRequestId)).status).toBe('SUCCEEDED');
    const projectGone = ok(await oci.deleteProject(project.id));
    expect((await finished(projectGone.workRequestId)).status).toBe('SUCCEEDED');
  });

  it('leaves no model behind when its artifact is refused', async () => {
    const project = ok(await oci.createProject({ compartmentId, displayName: 'refusals' }));
    const before = ok(await oci.listModels({ compartmentId, projectId: project.id, lifecycleState: 'ACTIVE' })).items.length;
    const refused = await oci.createModelWithArtifact({ compartmentId, projectId: project.id, displayName: 'not a zip' }, Readable.from([Buffer.from('plain text, no zip')]), 'bad.zip');
    expect(refused.ok).toBe(false);
    const after = ok(await oci.listModels({ compartmentId, projectId: project.id, lifecycleState: 'ACTIVE' })).items.length;
    expect(after).toBe(before);
  });
});

