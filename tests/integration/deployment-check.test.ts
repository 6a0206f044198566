import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactChecklist } from '@/server/domain/artifact-checklist';
import type { CheckItem, CheckReport } from '@/server/domain/deployment-check';
import type { CreateModelDeploymentDetails } from '@/server/domain/oci-types';
import { CHECK_ROLE, CHECK_EXPIRES_LABEL } from '@/server/providers/local/checks/check-container';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import type { CheckProgress } from '@/server/providers/types';
import { createDeploymentChecks } from '@/server/services/deployment-checks';
import { modelsServiceOf } from '@/server/services/models';
import { deploymentCheckRequestSchema } from '@/server/validation/deployment-check';
import { createModelSchema } from '@/server/validation/model';
import { buildImage, docker, startHarness, zipFolder, type Harness } from './support';

// Check before create and the upload's load check, against a real Docker engine: real runtime
// images, real throwaway containers, and nothing left behind.

let h: Harness;
let projectId: string;
let minimalImage: string;

const RUNTIME_YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
const GOOD_SCORE = 'def load_model():\n    return 2\n\ndef predict(data, model=None):\n    return {"prediction": [x * model for x in data["x"]]}\n';
const IMPORT_ERROR_SCORE = `import not_a_real_module\n\n${GOOD_SCORE}`;
const X_SCHEMA = JSON.stringify({ type: 'object', properties: { x: { type: 'array', items: { type: 'number' }, examples: [[1, 2, 3]] } } });

// Listens on PORT (9000) and answers /health and /predict there.
const BYOC_SERVER = `
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self): self._send(200 if self.path == "/health" else 404, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0); self.rfile.read(n)
        self._send(200 if self.path == "/predict" else 404, {"prediction": [1]})
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "9000"))), H).serve_forever()
`;

async function uploadModel(files: Record<string, string>, inputSchema?: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-check-artifact-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const created = await modelsServiceOf(h.ctx).createWithArtifact(
    createModelSchema.parse({ compartmentId: h.ctx.installation.defaultCompartmentId, projectId, displayName: 'checked', ...(inputSchema ? { inputSchema } : {}) }),
    zipFolder(dir),
    'model.zip',
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

function request(modelId: string, env?: NonNullable<CreateModelDeploymentDetails['modelDeploymentConfigurationDetails']['environmentConfigurationDetails']>) {
  return deploymentCheckRequestSchema.parse({
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      },
      ...(env ? { environmentConfigurationDetails: env } : {}),
    },
  });
}

/** Runs a check and keeps what it reported along the way. */
async function check(req: ReturnType<typeof request>): Promise<{ report: CheckReport; planned: string[]; items: CheckItem[]; steps: string[] }> {
  const planned: string[] = [];
  const items: CheckItem[] = [];
  const steps: string[] = [];
  const progress: CheckProgress = { plan: (p) => planned.push(...p.map((i) => i.id)), step: (m) => steps.push(m), item: (i) => items.push(i) };
  const r = await createDeploymentChecks(h.ctx.provider).run(req, progress);
  if (!r.ok) throw new Error(r.error.message);
  return { report: r.data, planned, items, steps };
}

const byId = (report: CheckReport) => Object.fromEntries(report.items.map((i) => [i.id, i]));
const checkContainers = () => docker.listContainers({ all: true, filters: { label: [`berth.role=${CHECK_ROLE}`, `berth.installation=${h.ctx.installation.tenancyId}`] } });

beforeAll(async () => {
  h = await startHarness();
  const p = await h.ctx.provider.createProject({ compartmentId: h.ctx.installation.defaultCompartmentId, displayName: 'checks' });
  if (!p.ok) throw new Error(p.error.message);
  projectId = p.data.id;
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images are missing; run the setup first');
  minimalImage = minimal.data.tag;
}, 900_000);

afterAll(async () => {
  await h?.dispose();
}, 120_000);

describe('check before create', () => {
  it('passes a good conda model on every item, and the upload saw load_model() run', async () => {
    const modelId = await uploadModel({ 'score.py': GOOD_SCORE, 'runtime.yaml': RUNTIME_YAML }, X_SCHEMA);
    const artifact = await h.ctx.provider.headModelArtifact(modelId);
    const loads = artifact.ok ? artifactChecklist(artifact.data.introspection).find((i) => i.id === 'model-loads') : undefined;
    expect(loads).toMatchObject({ status: 'pass' });
    expect(loads?.reason).toMatch(/load_model\(\) returned in .* minimal_p311_cpu_v1/);

    const { report, planned, items, steps } = await check(request(modelId));
    expect(report.kind).toBe('conda');
    expect(report.items.map((i) => [i.id, i.status])).toEqual(planned.map((id) => [id, 'pass']));
    // Each item was reported as it was decided, before the report.
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(planned));
    expect(steps.join('\n')).toMatch(/Starting a throwaway container/);
    expect(byId(report).predict?.reason).toMatch(/Answered 200 .*"prediction": \[2, 4, 6\]/);
    expect(byId(report)['ports-listen']?.reason).toMatch(/8080 \(server and health check port\) listens/);
    expect(byId(report).curl?.reason).toMatch(/^curl \d/);
    expect(report.outcome).toBe('pass');
    expect(await checkContainers()).toEqual([]);
  });

  it('fails the load of a score.py whose import fails, with the traceback, at upload and in the check', async () => {
    const modelId = await uploadModel({ 'score.py': IMPORT_ERROR_SCORE, 'runtime.yaml': RUNTIME_YAML }, X_SCHEMA);
    const artifact = await h.ctx.provider.headModelArtifact(modelId);
    const loads = artifact.ok ? artifactChecklist(artifact.data.introspection).find((i) => i.id === 'model-loads') : undefined;
    expect(loads).toMatchObject({ status: 'failure', reason: "IMPORT_ERROR: At upload: score.py could not be imported: ModuleNotFoundError: No module named 'not_a_real_module'" });
    expect(loads?.excerpt).toMatch(/Traceback \(most recent call last\):[\s\S]*import not_a_real_module[\s\S]*ModuleNotFoundError/);
    expect(loads?.hint).toMatch(/missing package/);

    const { report } = await check(request(modelId));
    const items = byId(report);
    expect(items.health).toMatchObject({
      status: 'fail',
      failureClass: 'IMPORT_ERROR',
      reason: "The container: score.py could not be imported: ModuleNotFoundError: No module named 'not_a_real_module'",
    });
    expect(items.health?.excerpt).toMatch(/ModuleNotFoundError: No module named 'not_a_real_module'/);
    expect(items.process?.status).toBe('pass');
    expect(items.predict?.status).toBe('warn');
    expect(report.outcome).toBe('fail');
    expect(await checkContainers()).toEqual([]);
  });

  it('names the port a custom container really listens on when the health check port is wrong', async () => {
    const tag = `berth-it-check-byoc:${Date.now()}`;
    await buildImage(tag, { Dockerfile: `FROM ${minimalImage}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`, 'server.py': BYOC_SERVER });
    const modelId = await uploadModel({ 'README.md': 'no files are mandatory for a custom container' });
    const { report } = await check(
      request(modelId, { environmentConfigurationType: 'OCIR_CONTAINER', image: tag, serverPort: 9000, healthCheckPort: 8080, environmentVariables: { PORT: '9000' } }),
    );
    const items = byId(report);
    expect(report.kind).toBe('container');
    expect(items['ports-listen']).toMatchObject({
      status: 'fail',
      failureClass: 'PORT_NOT_LISTENING',
      reason: 'The container runs, but nothing listens on port 8080 (its health check port); it listens on 9000.',
    });
    expect(items['ports-listen']?.hint).toMatch(/^Set the health check port to 9000/);
    expect(items.health).toMatchObject({ status: 'warn', reason: 'Not checked: the start failed first (PORT_NOT_LISTENING).' });
    expect(items.process?.status).toBe('pass');
    expect(items.command).toMatchObject({ status: 'pass', reason: "Runs python3 /opt/app/server.py (from the image's ENTRYPOINT)." });
    expect(items.curl?.status).toBe('pass');
    expect(await checkContainers()).toEqual([]);

    // The same image with the right ports passes the HTTP checks.
    const right = await check(request(modelId, { environmentConfigurationType: 'OCIR_CONTAINER', image: tag, serverPort: 9000, healthCheckPort: 9000, environmentVariables: { PORT: '9000' } }));
    const r = byId(right.report);
    for (const id of ['process', 'health', 'ports-listen', 'predict', 'curl', 'command', 'image-size'] as const) expect([id, r[id]?.status]).toEqual([id, 'pass']);
    // The base image EXPOSEs 8080; the server's port is another.
    expect(r['port-rules']).toMatchObject({ status: 'warn' });
  });

  it('fails a custom container without curl, and one that exits, with its output', async () => {
    const tag = `berth-it-check-nocurl:${Date.now()}`;
    await buildImage(tag, {
      Dockerfile: `FROM ${minimalImage}\nUSER root\nRUN rm -f /usr/bin/curl\nUSER datascience\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`,
      'server.py': BYOC_SERVER,
    });
    const modelId = await uploadModel({ 'README.md': 'x' });
    const env = { environmentConfigurationType: 'OCIR_CONTAINER' as const, image: tag, serverPort: 9000, environmentVariables: { PORT: '9000' } };
    const { report } = await check(request(modelId, env));
    const items = byId(report);
    expect(items.curl).toMatchObject({ status: 'fail' });
    expect(items.curl?.reason).toMatch(/curl is not in the image/);
    expect(items.health?.status).toBe('pass');

    const exits = await check(request(modelId, { ...env, entrypoint: ['python3', '-c', 'import sys; print("no config found"); sys.exit(4)'] }));
    const e = byId(exits.report);
    expect(e.process).toMatchObject({ status: 'fail', failureClass: 'CONTAINER_EXITED', reason: 'The container stopped (exit code 4) before it became healthy.' });
    expect(e.process?.excerpt).toBe('no config found');
    // curl was still looked for, in a container of its own.
    expect(e.curl?.status).toBe('fail');

    // An entrypoint naming no program in the image: Docker refuses to start it.
    const missing = await check(request(modelId, { ...env, entrypoint: ['/opt/app/no-such-server'] }));
    expect(byId(missing.report).process).toMatchObject({ status: 'fail', failureClass: 'CONTAINER_START_ERROR' });
    expect(byId(missing.report).process?.reason).toMatch(/no-such-server/);
    expect(await checkContainers()).toEqual([]);
  });

  it('reports an image that is not here, and starts nothing', async () => {
    const modelId = await uploadModel({ 'README.md': 'x' });
    const { report } = await check(request(modelId, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'berth-it-missing:none' }));
    expect(byId(report).image).toMatchObject({ status: 'fail', failureClass: 'IMAGE_NOT_FOUND', reason: 'The container: image berth-it-missing:none is not on this machine.' });
    expect(report.items.filter((i) => i.id !== 'image').every((i) => i.status === 'warn' && i.reason.startsWith('Not checked'))).toBe(true);
  });

  it('lets the reconciler remove a check container a stopped console left behind', async () => {
    const leftover = await docker.createContainer({
      Image: minimalImage,
      Cmd: ['sleep', '600'],
      Labels: { 'berth.managed': 'true', 'berth.installation': h.ctx.installation.tenancyId, 'berth.role': CHECK_ROLE, [CHECK_EXPIRES_LABEL]: String(Date.now() - 1) },
    });
    const fresh = await docker.createContainer({
      Image: minimalImage,
      Cmd: ['sleep', '600'],
      Labels: { 'berth.managed': 'true', 'berth.installation': h.ctx.installation.tenancyId, 'berth.role': CHECK_ROLE, [CHECK_EXPIRES_LABEL]: String(Date.now() + 600_000), 'berth.test': 'true' },
    });
    const report = await h.ctx.reconciler.reconcileOnce();
    await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
    // A check still within its time is not touched.
    expect((await fresh.inspect()).Id).toBe(fresh.id);
    expect(report.removedOrphans.length).toBeGreaterThanOrEqual(1);
    await fresh.remove({ force: true });
  });
});
