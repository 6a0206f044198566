import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStartupTiming } from '@/db/queries/startup-timings';
import { listInstanceRows } from '@/db/queries/serving';
import type { CreateModelDeploymentDetails, ModelDeploymentEnvironmentConfigurationDetails as EnvironmentConfigurationDetails, OcirModelDeploymentEnvironmentConfigurationDetails as OcirEnv } from '@/server/domain/oci-types';
import type { StartupFailureClass } from '@/server/domain/startup-failure';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { buildImage, docker, startHarness, zipFolder, type Harness } from './support';

// Each way a start can fail is named by its class, with the excerpt that shows it, on real
// containers. Timings are the benchmark's business (scripts/bench/failfast-bench.ts), not this.

let h: Harness;
let projectId: string;
let minimalImage: string;

const MINIMAL_RUNTIME = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';

// A custom server that listens on $PORT and answers GET /ready.
const SERVER = `
import os
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/ready" else 404); self.send_header("content-length", "0"); self.end_headers()
    def log_message(self, *a): pass
print("Serving on 0.0.0.0:" + os.environ["PORT"], flush=True)
HTTPServer(("0.0.0.0", int(os.environ["PORT"])), H).serve_forever()
`;

async function condaModel(score: string): Promise<string> {
  const model = await h.ctx.provider.createModel({ compartmentId: h.ctx.installation.defaultCompartmentId, projectId, displayName: 'failfast' });
  if (!model.ok) throw new Error(model.error.message);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ff-'));
  fs.writeFileSync(path.join(dir, 'score.py'), score);
  fs.writeFileSync(path.join(dir, 'runtime.yaml'), MINIMAL_RUNTIME);
  const uploaded = await h.ctx.provider.createModelArtifact(model.data.id, zipFolder(dir), 'model.zip');
  fs.rmSync(dir, { recursive: true, force: true });
  if (!uploaded.ok) throw new Error(uploaded.error.message);
  return model.data.id;
}

async function plainModel(): Promise<string> {
  const model = await h.ctx.provider.createModel({ compartmentId: h.ctx.installation.defaultCompartmentId, projectId, displayName: 'byoc' });
  if (!model.ok) throw new Error(model.error.message);
  return model.data.id;
}

function details(modelId: string, env?: EnvironmentConfigurationDetails, instanceCount = 1): CreateModelDeploymentDetails {
  return {
    projectId,
    compartmentId: h.ctx.installation.defaultCompartmentId,
    displayName: 'failfast',
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount },
        bandwidthMbps: 10,
      },
      ...(env ? { environmentConfigurationDetails: env } : {}),
    },
  };
}

const custom = (env: Partial<OcirEnv>): OcirEnv => ({
  environmentConfigurationType: 'OCIR_CONTAINER',
  image: 'berth-it-failfast:1',
  serverPort: 8080,
  ...env,
  environmentVariables: { PORT: '8080', MODEL_DEPLOY_HEALTH_ENDPOINT: '/ready', ...env.environmentVariables },
});

/** Creates, waits for the work to end, and returns what the user is shown of the failure. */
async function createFailing(d: CreateModelDeploymentDetails, expected: StartupFailureClass) {
  const created = await h.ctx.provider.createModelDeployment(d);
  if (!created.ok) throw new Error(created.error.message);
  await h.ctx.runner.idle();
  const md = await h.ctx.provider.getModelDeployment(created.data.resource.id);
  const wr = await h.ctx.provider.getWorkRequest(created.data.workRequestId);
  const errors = await h.ctx.provider.listWorkRequestErrors(created.data.workRequestId);
  const logs = await h.ctx.provider.listWorkRequestLogs(created.data.workRequestId);
  if (!md.ok || !wr.ok || !errors.ok || !logs.ok) throw new Error('could not read the deployment back');
  expect(md.data.lifecycleState).toBe('FAILED');
  expect(wr.data.status).toBe('FAILED');
  const first = errors.data.items[0];
  expect(first?.code, JSON.stringify(errors.data.items)).toBe(expected);
  expect(md.data.lifecycleDetails).toContain(`${expected}: `);
  expect(md.data.lifecycleDetails).toContain('What to do: ');
  expect(logs.data.items.map((l) => l.message)).toContain(`${expected}: ${first?.message}`);
  // The failed instances are gone.
  expect(listInstanceRows(h.ctx.db, md.data.id)).toEqual([]);
  const failure = first?.startupFailure;
  if (!failure) throw new Error('the error carries no startup failure');
  expect(failure.failureClass).toBe(expected);
  expect(failure.hint.length).toBeGreaterThan(20);
  return { md: md.data, failure };
}

beforeAll(async () => {
  // Shapes are fitted into 256 MB here, so a model that allocates more is OOM-killed.
  h = await startHarness({ BERTH_HOST_MEMORY_MB: '256' });
  const p = await h.ctx.provider.createProject({ compartmentId: h.ctx.installation.defaultCompartmentId, displayName: 'failfast' });
  if (!p.ok) throw new Error(p.error.message);
  projectId = p.data.id;
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images are missing; run the setup first');
  minimalImage = minimal.data.tag;
  await buildImage('berth-it-failfast:1', {
    Dockerfile: `FROM ${minimalImage}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`,
    'server.py': SERVER,
  });
}, 900_000);

afterAll(async () => {
  await h?.dispose();
}, 120_000);

describe('a start that cannot succeed is named, not waited out', () => {
  it('IMPORT_ERROR: score.py imports a module the runtime lacks, with the traceback', async () => {
    const modelId = await condaModel('import nosuchpkg_berth\n\ndef predict(data, model=None):\n    return data\n');
    const { failure } = await createFailing(details(modelId), 'IMPORT_ERROR');
    expect(failure.message).toMatch(/ModuleNotFoundError: No module named 'nosuchpkg_berth'/);
    expect(failure.excerpt).toMatch(/Traceback[\s\S]*import nosuchpkg_berth\nModuleNotFoundError: No module named 'nosuchpkg_berth'$/);
  });

  it('LOAD_MODEL_ERROR: load_model() raises', async () => {
    const modelId = await condaModel('def load_model():\n    raise RuntimeError("weights.bin is missing")\n\ndef predict(data, model=None):\n    return data\n');
    const { failure } = await createFailing(details(modelId), 'LOAD_MODEL_ERROR');
    expect(failure.message).toMatch(/load_model\(\) in score\.py raised RuntimeError: weights\.bin is missing/);
    expect(failure.excerpt).toMatch(/raise RuntimeError\("weights\.bin is missing"\)\nRuntimeError: weights\.bin is missing$/);
  });

  it('PORT_NOT_LISTENING: a custom container whose health check port is wrong names the port it listens on', async () => {
    const { failure } = await createFailing(details(await plainModel(), custom({ healthCheckPort: 9000 })), 'PORT_NOT_LISTENING');
    expect(failure.message).toMatch(/nothing listens on port 9000 \(its health check port\); it listens on 8080/);
    expect(failure.excerpt).toContain('Serving on 0.0.0.0:8080');
  });

  it('PORT_NOT_LISTENING: the server port declared is not the one the server binds', async () => {
    const { failure } = await createFailing(details(await plainModel(), custom({ serverPort: 5000, environmentVariables: { PORT: '8080' } })), 'PORT_NOT_LISTENING');
    expect(failure.message).toMatch(/nothing listens on port 5000 \(its server port\); it listens on 8080/);
  });

  it('CONTAINER_EXITED: the process ends, with its exit code and last output', async () => {
    const env = custom({ entrypoint: ['python3', '-c', 'import sys; print("config file /etc/app.yaml is missing", flush=True); sys.exit(3)'] });
    const { failure } = await createFailing(details(await plainModel(), env), 'CONTAINER_EXITED');
    expect(failure.message).toMatch(/stopped \(exit code 3\)/);
    expect(failure.excerpt).toContain('config file /etc/app.yaml is missing');
  });

  it('HEALTH_CHECK_FAILED: the health path answers 404', async () => {
    const { failure } = await createFailing(details(await plainModel(), custom({ environmentVariables: { MODEL_DEPLOY_HEALTH_ENDPOINT: '/healthz' } })), 'HEALTH_CHECK_FAILED');
    expect(failure.message).toMatch(/GET \/healthz on port 8080 answers HTTP 404/);
  });

  it('OOM_KILLED: load_model() allocates more than the memory limit', async () => {
    const modelId = await condaModel('def load_model():\n    return bytearray(1024 * 1024 * 1024)\n\ndef predict(data, model=None):\n    return len(model)\n');
    const { failure } = await createFailing(details(modelId), 'OOM_KILLED');
    expect(failure.message).toMatch(/ran out of memory.*memory limit of 256 MB/);
  });

  it('IMAGE_NOT_FOUND: activating after the image was removed', async () => {
    await buildImage('berth-it-failfast-gone:1', {
      Dockerfile: `FROM ${minimalImage}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\nLABEL berth.test.gone=1\n`,
      'server.py': SERVER,
    });
    const created = await h.ctx.provider.createModelDeployment(details(await plainModel(), custom({ image: 'berth-it-failfast-gone:1' })));
    if (!created.ok) throw new Error(created.error.message);
    await h.ctx.runner.idle();
    const id = created.data.resource.id;
    const active = await h.ctx.provider.getModelDeployment(id);
    expect(active.ok && active.data.lifecycleState).toBe('ACTIVE');
    // A create records how long it took, phase by phase: the next one's ETA learns from it.
    const timing = getStartupTiming(h.ctx.db, created.data.workRequestId);
    expect(timing?.runtimeKey).toBe('image:berth-it-failfast-gone:1');
    expect(timing?.totalMs).toBeGreaterThan(0);
    expect(Object.keys(timing?.marks ?? {})).toEqual(expect.arrayContaining(['30', '55', '75', '90']));

    expect((await h.ctx.provider.deactivateModelDeployment(id)).ok).toBe(true);
    await h.ctx.runner.idle();
    await docker.getImage('berth-it-failfast-gone:1').remove({ force: true });
    const act = await h.ctx.provider.activateModelDeployment(id);
    if (!act.ok) throw new Error(act.error.message);
    await h.ctx.runner.idle();
    const md = await h.ctx.provider.getModelDeployment(id);
    expect(md.ok && md.data.lifecycleState).toBe('INACTIVE');
    expect(md.ok && md.data.lifecycleDetails).toMatch(/^Activation failed: IMAGE_NOT_FOUND: /);
    const errors = await h.ctx.provider.listWorkRequestErrors(act.data.workRequestId);
    expect(errors.ok && errors.data.items[0]?.code).toBe('IMAGE_NOT_FOUND');
  });
});

describe('the startup timeout, for a server that is still loading', () => {
  let slow: Harness;
  afterAll(async () => {
    await slow?.dispose();
  }, 120_000);

  it('TIMEOUT: names the last answer (still loading) once BERTH_STARTUP_TIMEOUT_S has passed', async () => {
    slow = await startHarness({ BERTH_STARTUP_TIMEOUT_S: '10' });
    const ctx = slow.ctx;
    const p = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'slow' });
    if (!p.ok) throw new Error(p.error.message);
    const model = await ctx.provider.createModel({ compartmentId: ctx.installation.defaultCompartmentId, projectId: p.data.id, displayName: 'slow' });
    if (!model.ok) throw new Error(model.error.message);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ff-'));
    fs.writeFileSync(path.join(dir, 'score.py'), 'import threading\n\ndef load_model():\n    threading.Event().wait(120)\n\ndef predict(data, model=None):\n    return 1\n');
    fs.writeFileSync(path.join(dir, 'runtime.yaml'), MINIMAL_RUNTIME);
    const uploaded = await ctx.provider.createModelArtifact(model.data.id, zipFolder(dir), 'model.zip');
    fs.rmSync(dir, { recursive: true, force: true });
    if (!uploaded.ok) throw new Error(uploaded.error.message);
    const created = await ctx.provider.createModelDeployment({ ...details(model.data.id), projectId: p.data.id, compartmentId: ctx.installation.defaultCompartmentId });
    if (!created.ok) throw new Error(created.error.message);
    await ctx.runner.idle();
    const errors = await ctx.provider.listWorkRequestErrors(created.data.workRequestId);
    const first = errors.ok ? errors.data.items[0] : undefined;
    expect(first?.code).toBe('TIMEOUT');
    expect(first?.message).toMatch(/within 10 s \(last: HTTP 503 \{"status": ?"loading"\}\)/);
    expect(first?.startupFailure?.hint).toMatch(/still loading.*BERTH_STARTUP_TIMEOUT_S/);
  });
});
