import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInstanceRows } from '@/db/queries/serving';
import type { CreateModelDeploymentDetails, ModelDeployment } from '@/server/domain/oci-types';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import type { AppContext } from '@/server/services/context';
import { buildImage, docker, postJson, runOnce, startHarness, zipFolder, type Harness } from './support';

// The local provider against a real Docker engine: real runtime images, containers, gateway.

let h: Harness;
let projectId: string;
let generalImage: string;
let minimalImage: string;

const SCORE_PY = `
import os, joblib

def load_model():
    return joblib.load(os.path.join(os.path.dirname(os.path.realpath(__file__)), "model.joblib"))

def predict(data, model=None):
    model = model or load_model()
    return {"prediction": model.predict(data["instances"]).tolist()}
`;

const TRAIN = `
import joblib, numpy as np
from sklearn.linear_model import LogisticRegression
X = np.array([[0,0],[0,1],[1,0],[1,1],[5,5],[5,6],[6,5],[6,6]], dtype=float)
y = np.array([0,0,0,0,1,1,1,1])
joblib.dump(LogisticRegression().fit(X, y), "/work/model.joblib")
`;

// A custom container: answers with its hostname so the test sees which instance served.
const BYOC_SERVER = `
import json, os, socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        self._send(200 if self.path == "/ready" else 404, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0); body = self.rfile.read(n)
        self._send(200 if self.path == "/infer" else 404, {"host": socket.gethostname(), "echo": json.loads(body or b"null"),
                   "md": os.environ.get("MODEL_DEPLOYMENT_OCID"), "color": os.environ.get("COLOR")})
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "9000"))), H).serve_forever()
`;

async function createModelWithArtifact(ctx: AppContext, files: Record<string, string>, prepare?: (dir: string) => Promise<void>) {
  const model = await ctx.provider.createModel({ compartmentId: ctx.installation.defaultCompartmentId, projectId, displayName: 'model' });
  if (!model.ok) throw new Error(model.error.message);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-artifact-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  if (prepare) await prepare(dir);
  const uploaded = await ctx.provider.createModelArtifact(model.data.id, zipFolder(dir), 'model.zip');
  fs.rmSync(dir, { recursive: true, force: true });
  if (!uploaded.ok) throw new Error(uploaded.error.message);
  return model.data.id;
}

function deploymentDetails(modelId: string, env: CreateModelDeploymentDetails['modelDeploymentConfigurationDetails']['environmentConfigurationDetails'], instanceCount = 1): CreateModelDeploymentDetails {
  return {
    projectId,
    compartmentId: h.ctx.installation.defaultCompartmentId,
    displayName: 'it',
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

async function deploy(ctx: AppContext, details: CreateModelDeploymentDetails): Promise<ModelDeployment> {
  const created = await ctx.provider.createModelDeployment(details);
  if (!created.ok) throw new Error(created.error.message);
  await ctx.runner.idle();
  const md = await ctx.provider.getModelDeployment(created.data.resource.id);
  if (!md.ok) throw new Error(md.error.message);
  if (md.data.lifecycleState !== 'ACTIVE') {
    const errors = await ctx.provider.listWorkRequestErrors(created.data.workRequestId);
    throw new Error(`deployment is ${md.data.lifecycleState}: ${md.data.lifecycleDetails} ${JSON.stringify(errors)}`);
  }
  return md.data;
}

beforeAll(async () => {
  h = await startHarness();
  const p = await h.ctx.provider.createProject({ compartmentId: h.ctx.installation.defaultCompartmentId, displayName: 'integration' });
  if (!p.ok) throw new Error(p.error.message);
  projectId = p.data.id;
  const general = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!general.ok || !minimal.ok) throw new Error('runtime images are missing; run the setup first');
  generalImage = general.data.tag;
  minimalImage = minimal.data.tag;
}, 900_000);

afterAll(async () => {
  await h?.dispose();
}, 120_000);

describe('local provider with Docker', () => {
  let conda: ModelDeployment;

  it('serves a scikit-learn model with the conda runtime through the gateway', async () => {
    const modelId = await createModelWithArtifact(h.ctx, { 'score.py': SCORE_PY }, async (dir) => {
      fs.writeFileSync(path.join(dir, 'train.py'), TRAIN);
      await runOnce(generalImage, ['python3', '/work/train.py'], dir, '/work');
    });
    conda = await deploy(h.ctx, deploymentDetails(modelId, undefined));
    expect(conda.modelDeploymentUrl).toBe(`${h.gatewayUrl}/${conda.id}`);
    const res = await postJson(`${conda.modelDeploymentUrl}/predict`, { instances: [[0.5, 0.5], [5.5, 5.5]] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ prediction: [0, 1] });
    expect(res.headers.get('opc-request-id')).toBeTruthy();

    const wrs = await h.ctx.provider.listWorkRequests({ compartmentId: conda.compartmentId, resourceId: conda.id });
    const wr = wrs.ok ? wrs.data.items[0] : undefined;
    expect(wr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_CREATE', status: 'SUCCEEDED', percentComplete: 100 });
    const logs = await h.ctx.provider.listWorkRequestLogs(wr?.id ?? '');
    const text = logs.ok ? logs.data.items.map((l) => l.message).join('\n') : '';
    for (const phase of [/Image ready/, /Artifact unpacked/, /instance started/, /Health check passed/, /Routed/]) expect(text).toMatch(phase);
  }, 600_000);

  it('turns an exception in score.py into a 500 and keeps serving', async () => {
    const bad = await postJson(`${conda.modelDeploymentUrl}/predict`, { wrong: true });
    expect(bad.status).toBe(500);
    const good = await postJson(`${conda.modelDeploymentUrl}/predict`, { instances: [[6, 6]] });
    expect(good.json).toEqual({ prediction: [1] });
  });

  it('refuses what OCI refuses: 404, 411, 413, 429', async () => {
    expect((await postJson(`${h.gatewayUrl}/ocid1.datasciencemodeldeployment.oc1.it.nope/predict`, {})).status).toBe(404);
    const noLength = await new Promise<number>((resolve) => {
      const req = http.request(`${conda.modelDeploymentUrl}/predict`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end('{"instances": [[1, 1]]}');
    });
    expect(noLength).toBe(411);
    const big = await fetch(`${conda.modelDeploymentUrl}/predict`, { method: 'POST', body: Buffer.alloc(11 * 1024 * 1024, 32) });
    expect(big.status).toBe(413);
    // 10 Mbps is 1.25 MB/s: a 2 MB request drains the bucket into debt, so the next one is refused.
    await fetch(`${conda.modelDeploymentUrl}/predict`, { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024, 32) });
    const next = await postJson(`${conda.modelDeploymentUrl}/predict`, { instances: [[1, 1]] });
    expect(next.status).toBe(429);
    expect(next.json).toMatchObject({ code: 'TooManyRequests' });
  });

  let byoc: ModelDeployment;
  it('serves a custom container by digest with two instances sharing the load', async () => {
    const tag = `berth-it-byoc:${Date.now()}`;
    const digest = await buildImage(tag, {
      Dockerfile: `FROM ${minimalImage}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`,
      'server.py': BYOC_SERVER,
    });
    const modelId = await createModelWithArtifact(h.ctx, { 'README.md': 'no files are mandatory for a custom container' });
    byoc = await deploy(
      h.ctx,
      deploymentDetails(
        modelId,
        {
          environmentConfigurationType: 'OCIR_CONTAINER',
          image: tag,
          serverPort: 9000,
          healthCheckPort: 9000,
          environmentVariables: { PORT: '9000', MODEL_DEPLOY_PREDICT_ENDPOINT: '/infer', MODEL_DEPLOY_HEALTH_ENDPOINT: '/ready', COLOR: 'blue' },
        },
        2,
      ),
    );
    const env = byoc.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
    expect(env?.environmentConfigurationType === 'OCIR_CONTAINER' && env.imageDigest).toBe(digest);
    const hosts = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await postJson(`${byoc.modelDeploymentUrl}/predict`, { i });
      expect(r.status).toBe(200);
      const body = r.json as { host: string; echo: { i: number }; md: string };
      expect(body.echo).toEqual({ i });
      expect(body.md).toBe(byoc.id);
      hosts.add(body.host);
    }
    expect(hosts.size).toBe(2);
  }, 600_000);

  it('takes a killed container out of rotation and replaces it', async () => {
    const [victim] = listInstanceRows(h.ctx.db, byoc.id);
    await docker.getContainer(victim?.containerId ?? '').kill();
    for (let i = 0; i < 20; i++) expect((await postJson(`${byoc.modelDeploymentUrl}/predict`, { i })).status).toBe(200);
    const report = await h.ctx.reconciler.reconcileOnce();
    expect(report.replaced).toContain(victim?.containerName);
    const rows = listInstanceRows(h.ctx.db, byoc.id);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect((await docker.getContainer(r.containerId ?? '').inspect()).State.Running).toBe(true);
  }, 300_000);

  it('answers 503 with no healthy instance, shows NEEDS_ATTENTION, and heals', async () => {
    const rows = listInstanceRows(h.ctx.db, byoc.id);
    await Promise.all(rows.map((r) => docker.getContainer(r.containerId ?? '').kill()));
    // Until the health checks notice, a request may meet a dying port (502); after, 503.
    const noticed = await h.ctx.local.gateway.waitFor((s) => !s.routes.find((r) => r.modelDeploymentId === byoc.id)?.instances.some((i) => i.healthy), 10_000);
    expect(noticed).toBe(true);
    const down = await postJson(`${byoc.modelDeploymentUrl}/predict`, {});
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ code: 'ServiceUnavailable' });
    const first = await h.ctx.reconciler.reconcileOnce();
    expect(first.replaced).toHaveLength(2);
    expect(first.needsAttention).toContain(byoc.id);
    const sick = await h.ctx.provider.getModelDeployment(byoc.id);
    expect(sick.ok && sick.data.lifecycleState).toBe('NEEDS_ATTENTION');
    expect(sick.ok && sick.data.lifecycleDetails).toMatch(/No instance passes its health check/);
    await h.ctx.local.gateway.waitFor((s) => Boolean(s.routes.find((r) => r.modelDeploymentId === byoc.id)?.instances.some((i) => i.healthy)), 10_000);
    const second = await h.ctx.reconciler.reconcileOnce();
    expect(second.healed).toContain(byoc.id);
    expect((await postJson(`${byoc.modelDeploymentUrl}/predict`, {})).status).toBe(200);
    const healed = await h.ctx.provider.getModelDeployment(byoc.id);
    expect(healed.ok && healed.data.lifecycleState).toBe('ACTIVE');
  }, 300_000);

  it('rolls out an update blue/green with zero failed requests, and keeps the old one on failure', async () => {
    let stop = false;
    const statuses: number[] = [];
    const colors = new Set<string>();
    const load = (async () => {
      while (!stop) {
        const r = await postJson(`${byoc.modelDeploymentUrl}/predict`, { x: 1 });
        statuses.push(r.status);
        colors.add((r.json as { color: string }).color);
      }
    })();
    const env = byoc.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
    const vars = env?.environmentVariables ?? {};
    const update = await h.ctx.provider.updateModelDeployment(byoc.id, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: byoc.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId ?? '' },
        environmentConfigurationDetails: { environmentVariables: { ...vars, COLOR: 'green' } },
      },
    });
    expect(update.ok).toBe(true);
    await h.ctx.runner.idle();
    stop = true;
    await load;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(colors).toEqual(new Set(['blue', 'green']));
    const after = await h.ctx.provider.getModelDeployment(byoc.id);
    expect(after.ok && after.data.lifecycleState).toBe('ACTIVE');

    // A configuration that cannot start: the update fails, the old generation keeps serving.
    const broken = await h.ctx.provider.updateModelDeployment(byoc.id, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: byoc.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId ?? '' },
        environmentConfigurationDetails: { entrypoint: ['python3', '-c', 'raise SystemExit(3)'] },
      },
    });
    expect(broken.ok).toBe(true);
    await h.ctx.runner.idle();
    const failed = await h.ctx.provider.getModelDeployment(byoc.id);
    expect(failed.ok && failed.data.lifecycleState).toBe('NEEDS_ATTENTION');
    expect(failed.ok && failed.data.lifecycleDetails).toMatch(/exit code 3.*previous configuration is still serving/s);
    const still = await postJson(`${byoc.modelDeploymentUrl}/predict`, {});
    expect((still.json as { color: string }).color).toBe('green');
  }, 600_000);

  it('deactivates to 404 and activates on the same URL', async () => {
    const de = await h.ctx.provider.deactivateModelDeployment(conda.id);
    expect(de.ok).toBe(true);
    await h.ctx.runner.idle();
    expect((await postJson(`${conda.modelDeploymentUrl}/predict`, { instances: [[1, 1]] })).status).toBe(404);
    expect(listInstanceRows(h.ctx.db, conda.id)).toEqual([]);
    const act = await h.ctx.provider.activateModelDeployment(conda.id);
    expect(act.ok).toBe(true);
    await h.ctx.runner.idle();
    const md = await h.ctx.provider.getModelDeployment(conda.id);
    expect(md.ok && md.data.modelDeploymentUrl).toBe(conda.modelDeploymentUrl);
    expect((await postJson(`${conda.modelDeploymentUrl}/predict`, { instances: [[1, 1]] })).json).toEqual({ prediction: [0] });
  }, 300_000);

  it('keeps serving across a console restart and removes containers nobody owns', async () => {
    const orphan = await docker.createContainer({
      Image: minimalImage,
      Cmd: ['sleep', '600'],
      Labels: {
        'berth.managed': 'true',
        'berth.installation': h.ctx.installation.tenancyId,
        'berth.role': 'instance',
        'berth.deployment': 'ocid1.datasciencemodeldeployment.oc1.it.gone',
        'berth.instance': 'gone',
      },
    });
    await orphan.start();
    const restarted = h.restartConsole();
    const report = await restarted.reconciler.reconcileOnce();
    expect(report.removedOrphans.length).toBeGreaterThanOrEqual(1);
    await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await postJson(`${conda.modelDeploymentUrl}/predict`, { instances: [[5, 5]] })).json).toEqual({ prediction: [1] });
    expect((await postJson(`${byoc.modelDeploymentUrl}/predict`, {})).status).toBe(200);
  }, 300_000);

  it('deletes: containers go, the endpoint answers 404', async () => {
    const del = await h.ctx.provider.deleteModelDeployment(byoc.id);
    expect(del.ok).toBe(true);
    await h.ctx.runner.idle();
    const md = await h.ctx.provider.getModelDeployment(byoc.id);
    expect(md.ok && md.data.lifecycleState).toBe('DELETED');
    expect((await postJson(`${byoc.modelDeploymentUrl}/predict`, {})).status).toBe(404);
    const left = await docker.listContainers({ all: true, filters: { label: [`berth.deployment=${byoc.id}`] } });
    expect(left).toEqual([]);
  }, 300_000);

  it('fails the work request of an unknown conda environment, naming it', async () => {
    const modelId = await createModelWithArtifact(h.ctx, {
      'score.py': SCORE_PY,
      'runtime.yaml': 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: tensorflow28_p38_gpu_v1\n    INFERENCE_ENV_TYPE: data_science\n',
    });
    const created = await h.ctx.provider.createModelDeployment(deploymentDetails(modelId, undefined));
    if (!created.ok) throw new Error(created.error.message);
    await h.ctx.runner.idle();
    const md = await h.ctx.provider.getModelDeployment(created.data.resource.id);
    expect(md.ok && md.data.lifecycleState).toBe('FAILED');
    const errors = await h.ctx.provider.listWorkRequestErrors(created.data.workRequestId);
    expect(errors.ok && errors.data.items[0]?.message).toMatch(/Unknown conda environment "tensorflow28_p38_gpu_v1"/);
    const wr = await h.ctx.provider.getWorkRequest(created.data.workRequestId);
    expect(wr.ok && wr.data.status).toBe('FAILED');
  });

  it('refuses an image that is not on this machine, naming it', async () => {
    const modelId = await createModelWithArtifact(h.ctx, { 'README.md': 'x' });
    const r = await h.ctx.provider.createModelDeployment(
      deploymentDetails(modelId, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'berth-it-missing:none' }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(!r.ok && r.error.message).toMatch(/berth-it-missing:none.*not found/);
  });
});
