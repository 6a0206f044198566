import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { models, requests, type DataScienceClient } from 'oci-datascience';
import { MonitoringClient } from 'oci-monitoring';
import { loadConfig } from '@/server/config';
import { createAppContext } from '@/server/services/context';
import { addApiKey, newApiKeyPair, ociError, sdkClient } from '@/tests/support/oci-sdk';
import { zipStream, ECHO_SCORE_PY } from '@/tests/support/provider-fixtures';
import { startConsole, stopConsole, type ConsoleProcess } from './console';
import { docker } from './support';

// The official oci-datascience SDK against the console as `npm start` serves it (the production
// build, the route at /20190101), with an API key stored for the administrator as the identity
// flow stores it: a real deployment in Docker created, listed, updated, deactivated, activated
// and deleted, each long step awaited through its work request with the SDK's own waiter.

// Inside this suite's port range, so parallel work on the machine does not collide.
const PORT = 4650;
const GATEWAY_PORT = 4651;

const RUNTIME_YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';

let consoleProcess: ConsoleProcess | undefined;
let client: DataScienceClient;
let auth: common.SimpleAuthenticationDetailsProvider;
let endpoint: string;
let tenancyId: string;
let userId: string;
let compartmentId: string;


/** The SDK's waiter, polling each second for at most 2 minutes: it resolves once timeFinished is set. */
async function finished(workRequestId: string): Promise<models.WorkRequest> {
  const waiters = client.createWaiters({ terminationStrategy: new common.MaxTimeTerminationStrategy(120), delayStrategy: new common.FixedTimeDelayStrategy(1) });
  const done = await waiters.forWorkRequest({ workRequestId });
  return done.workRequest;
}

/** A predict request signed by oci-common's own signer, as the SDK and `oci raw-request` sign it. */
async function signedPredict(uri: string, body: string, sentBody = body): Promise<Response> {
  const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  const request: common.HttpRequest = { method: 'POST', uri, headers, body };
  await new common.DefaultRequestSigner(auth).signHttpRequest(request);
  return fetch(uri, { method: 'POST', headers: request.headers, body: sentBody });
}

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of zipStream(files)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  // Signed predict, as on OCI: the gateway refuses unsigned requests and checks the caller's grant.
  consoleProcess = await startConsole({ port: PORT, gatewayPort: GATEWAY_PORT, env: { BERTH_PREDICT_AUTH: 'signed' } });
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: consoleProcess.dataDir, BERTH_REGION: 'it' }));
  tenancyId = ctx.installation.tenancyId;
  userId = ctx.installation.userId;
  compartmentId = ctx.installation.defaultCompartmentId;
  const key = addApiKey(ctx.db, userId);
  ctx.db.$client.close();
  endpoint = consoleProcess.url;
  client = sdkClient(endpoint, tenancyId, userId, key);
  auth = new common.SimpleAuthenticationDetailsProvider(tenancyId, userId, key.fingerprint, key.privateKeyPem, null, common.Region.US_ASHBURN_1);
});

afterAll(async () => {
  // The gateway outlives a console by design, and a failed run leaves its deployment running:
  // both are this suite's own, found by the data directory and the installation.
  const pidFile = consoleProcess ? path.join(consoleProcess.dataDir, 'gateway.pid') : null;
  const gatewayPid = pidFile && fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
  await consoleProcess?.stop();
  if (Number.isInteger(gatewayPid) && gatewayPid > 0) {
    try {
      process.kill(gatewayPid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  if (tenancyId) {
    const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${tenancyId}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  await stopConsole(consoleProcess);
});

describe('the oci-datascience SDK against a running console', () => {
  it('deploys a real artifact and runs the deployment through its life', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'sdk project' } })).project;
    const model = (await client.createModel({ createModelDetails: { compartmentId, projectId: project.id, displayName: 'echo' } })).model;
    const zip = await zipOf({ 'score.py': ECHO_SCORE_PY, 'runtime.yaml': RUNTIME_YAML });
    await client.createModelArtifact({ modelId: model.id, modelArtifact: Readable.from([zip]), contentLength: zip.length, contentDisposition: 'attachment; filename=echo.zip' });
    const head = await client.headModelArtifact({ modelId: model.id });
    expect(head.contentLength).toBe(zip.length);
    expect(head.contentMd5).toBe(crypto.createHash('md5').update(zip).digest('base64'));
    const content = await client.getModelArtifactContent({ modelId: model.id });
    expect([content.contentLength, content.contentDisposition]).toEqual([zip.length, expect.stringContaining('echo.zip')]);
    const bytes: Buffer[] = [];
    for await (const c of content.value as Readable) bytes.push(Buffer.from(c as Uint8Array));
    expect(Buffer.concat(bytes).equals(zip)).toBe(true);

    const details: models.CreateModelDeploymentDetails = {
      compartmentId,
      projectId: project.id,
      displayName: 'sdk md',
      freeformTags: { team: 'sdk' },
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: model.id,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
      },
    };
    const created = await client.createModelDeployment({ createModelDeploymentDetails: details, opcRetryToken: 'sdk-create-1' });
    expect(created.opcWorkRequestId).toMatch(/^ocid1\.datascienceworkrequest\./);
    expect(created.modelDeployment.lifecycleState).toBe('CREATING');
    const md = created.modelDeployment;

    // The same token and body: the first answer again, no second deployment.
    const replay = await client.createModelDeployment({ createModelDeploymentDetails: details, opcRetryToken: 'sdk-create-1' });
    expect([replay.modelDeployment.id, replay.opcWorkRequestId]).toEqual([md.id, created.opcWorkRequestId]);

    const createWr = await finished(created.opcWorkRequestId);
    expect(createWr.status).toBe('SUCCEEDED');
    const active = await client.getModelDeployment({ modelDeploymentId: md.id });
    expect(active.modelDeployment.lifecycleState).toBe('ACTIVE');
    const url = active.modelDeployment.modelDeploymentUrl;

    // Traffic, then OCI Monitoring's client reads it back from /20180401, signed the same way.
    for (let i = 0; i < 5; i++) {
      const signed = await signedPredict(`${url}/predict`, '{"x":[1]}');
      expect(signed.status, await signed.text()).toBe(200);
    }
    const unsignedPredict = await fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":[1]}' });
    expect([unsignedPredict.status, ((await unsignedPredict.json()) as { code: string }).code]).toEqual([401, 'NotAuthenticated']);
    const tampered = await signedPredict(`${url}/predict`, '{"x":[1]}', '{"x":[2]}');
    expect([tampered.status, ((await tampered.json()) as { message: string }).message]).toEqual([401, 'The body does not match its x-content-sha256 header.']);
    // The console's own invoke panel checked the user itself; the gateway takes its word.
    const invoked = await fetch(`${endpoint}/api/model-deployments/${md.id}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...consoleProcess!.auth }, body: '{"x":[1]}' });
    expect(invoked.status, await invoked.text()).toBe(200);
    const monitoring = new MonitoringClient({ authenticationDetailsProvider: auth });
    monitoring.endpoint = endpoint;
    const query = `PredictRequestCount[1m]{resourceId = "${md.id}"}.sum()`;
    const summed = async () => {
      const r = await monitoring.summarizeMetricsData({ compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_datascience_modeldeploy', query } });
      return r.items.flatMap((m) => m.aggregatedDatapoints).reduce((n, p) => n + p.value, 0);
    };
    await expect.poll(summed, { timeout: 60_000, interval: 1000 }).toBeGreaterThanOrEqual(5);
    const series = (await monitoring.summarizeMetricsData({ compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_datascience_modeldeploy', query } })).items;
    expect(series[0]).toMatchObject({ namespace: 'oci_datascience_modeldeploy', name: 'PredictRequestCount', compartmentId, dimensions: expect.objectContaining({ resourceId: md.id }) });
    const listed = await monitoring.listMetrics({ compartmentId, listMetricsDetails: { namespace: 'oci_datascience_modeldeploy', groupBy: ['name'] } });
    expect(listed.items.map((m) => m.name)).toContain('PredictRequestCount');
    // Another compartment holds none of this deployment's metrics.
    const elsewhere = await monitoring.summarizeMetricsData({ compartmentId: tenancyId, summarizeMetricsDataDetails: { namespace: 'oci_datascience_modeldeploy', query } });
    expect(elsewhere.items).toEqual([]);
    const unsigned = await fetch(`${endpoint}/20180401/metrics/actions/listMetrics?compartmentId=${compartmentId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([unsigned.status, ((await unsigned.json()) as { code: string }).code]).toEqual([401, 'NotAuthenticated']);

    const logs = await client.listWorkRequestLogs({ workRequestId: created.opcWorkRequestId });
    expect(logs.items.length).toBeGreaterThan(0);
    // The SDK types timestamps as Date but leaves the wire's RFC 3339 text in place.
    expect(logs.items[0]).toMatchObject({ message: expect.any(String), timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const errors = await client.listWorkRequestErrors({ workRequestId: created.opcWorkRequestId });
    expect(errors.items).toEqual([]);

    // Lists: by project, by state, paged one at a time; two filters at once are refused as on OCI.
    const second = await client.createModelDeployment({ createModelDeploymentDetails: { ...details, displayName: 'sdk md 2' } });
    const byProject = await client.listModelDeployments({ compartmentId, projectId: project.id, limit: 1, sortBy: requests.ListModelDeploymentsRequest.SortBy.DisplayName, sortOrder: requests.ListModelDeploymentsRequest.SortOrder.Asc });
    expect(byProject.items.map((d) => d.displayName)).toEqual(['sdk md']);
    const next = await client.listModelDeployments({ compartmentId, projectId: project.id, limit: 1, page: byProject.opcNextPage, sortBy: requests.ListModelDeploymentsRequest.SortBy.DisplayName, sortOrder: requests.ListModelDeploymentsRequest.SortOrder.Asc });
    expect(next.items.map((d) => d.displayName)).toEqual(['sdk md 2']);
    const byState = await client.listModelDeployments({ compartmentId, lifecycleState: models.ModelDeploymentLifecycleState.Active });
    expect(byState.items.map((d) => d.id)).toContain(md.id);
    const twoFilters = await ociError(client.listModelDeployments({ compartmentId, projectId: project.id, lifecycleState: models.ModelDeploymentLifecycleState.Active }));
    expect([twoFilters.statusCode, twoFilters.serviceCode]).toEqual([400, 'InvalidParameter']);
    expect((await finished(second.opcWorkRequestId)).status).toBe('SUCCEEDED');

    // Update with the shallow merge: the name changes, the configuration stays as it was.
    const update = await client.updateModelDeployment({ modelDeploymentId: md.id, ifMatch: active.etag, updateModelDeploymentDetails: { displayName: 'sdk md renamed', freeformTags: { team: 'sdk', stage: 'two' } } });
    expect((await finished(update.opcWorkRequestId)).status).toBe('SUCCEEDED');
    const renamed = await client.getModelDeployment({ modelDeploymentId: md.id });
    expect(renamed.modelDeployment.displayName).toBe('sdk md renamed');
    expect(renamed.modelDeployment.freeformTags).toEqual({ team: 'sdk', stage: 'two' });
    expect(renamed.modelDeployment.modelDeploymentConfigurationDetails).toEqual(active.modelDeployment.modelDeploymentConfigurationDetails);

    const stale = await ociError(client.updateModelDeployment({ modelDeploymentId: md.id, ifMatch: active.etag, updateModelDeploymentDetails: { description: 'late' } }));
    expect([stale.statusCode, stale.serviceCode]).toEqual([412, 'PreconditionFailed']);

    // Deactivate and activate: the URL stays.
    const off = await client.deactivateModelDeployment({ modelDeploymentId: md.id, ifMatch: renamed.etag });
    expect((await finished(off.opcWorkRequestId)).status).toBe('SUCCEEDED');
    expect((await client.getModelDeployment({ modelDeploymentId: md.id })).modelDeployment.lifecycleState).toBe('INACTIVE');
    const on = await client.activateModelDeployment({ modelDeploymentId: md.id });
    expect((await finished(on.opcWorkRequestId)).status).toBe('SUCCEEDED');
    const back = await client.getModelDeployment({ modelDeploymentId: md.id });
    expect(back.modelDeployment.lifecycleState).toBe('ACTIVE');
    expect(back.modelDeployment.modelDeploymentUrl).toBe(url);

    const history = await client.listWorkRequests({ compartmentId, resourceId: md.id });
    expect(history.items.map((w) => w.operationType)).toEqual(expect.arrayContaining(['MODEL_DEPLOYMENT_CREATE', 'MODEL_DEPLOYMENT_UPDATE', 'MODEL_DEPLOYMENT_DEACTIVATE', 'MODEL_DEPLOYMENT_ACTIVATE']));

    for (const id of [md.id, second.modelDeployment.id]) {
      const del = await client.deleteModelDeployment({ modelDeploymentId: id });
      expect((await finished(del.opcWorkRequestId)).status).toBe('SUCCEEDED');
      expect((await client.getModelDeployment({ modelDeploymentId: id })).modelDeployment.lifecycleState).toBe('DELETED');
    }
  });

  it('refuses a key the user does not have with 401 NotAuthenticated', async () => {
    const stranger = sdkClient(endpoint, tenancyId, userId, newApiKeyPair());
    const refused = await ociError(stranger.listModelDeployments({ compartmentId }));
    expect([refused.statusCode, refused.serviceCode]).toEqual([401, 'NotAuthenticated']);
  });
});
