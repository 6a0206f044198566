import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listInstanceRows } from '@/db/queries/serving';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import type { FaultInjectionApi } from '@/server/providers/types';
import { createFaultsService } from '@/server/services/faults';
import { buildImage, docker, postJson, startHarness, zipFolderOf, type Harness } from './support';

// Fault injection on a real deployment: a custom container behind the real gateway, faults turned
// on through the provider, their effect seen from outside as a client would see it.

let h: Harness;
let md: ModelDeployment;
let faults: FaultInjectionApi;

const SERVER = `
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        self._send(200, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0); self.rfile.read(n)
        self._send(200, {"ok": True})
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

const predict = () => postJson(`${md.modelDeploymentUrl}/predict`, { x: 1 });

async function logsOf(workRequestId: string): Promise<string> {
  const logs = await h.ctx.provider.listWorkRequestLogs(workRequestId);
  return logs.ok ? logs.data.items.map((l) => l.message).join('\n') : '';
}

async function until<T>(probe: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (accept(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function start(input: Record<string, unknown>) {
  const r = await createFaultsService(h.ctx.provider).start(md.id, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

async function stateAfterWork(): Promise<ModelDeployment> {
  await h.ctx.runner.idle();
  const got = await h.ctx.provider.getModelDeployment(md.id);
  if (!got.ok) throw new Error(got.error.message);
  return got.data;
}

beforeAll(async () => {
  h = await startHarness();
  faults = h.ctx.provider.faultInjection as FaultInjectionApi;
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images are missing; run the setup first');
  const tag = `berth-it-faults:${Date.now()}`;
  await buildImage(tag, { Dockerfile: `FROM ${minimal.data.tag}\nCOPY server.py /opt/app/server.py\nCMD ["python3", "/opt/app/server.py"]\n`, 'server.py': SERVER });
  const compartmentId = h.ctx.installation.defaultCompartmentId;
  const p = await h.ctx.provider.createProject({ compartmentId, displayName: 'faults' });
  if (!p.ok) throw new Error(p.error.message);
  const model = await h.ctx.provider.createModel({ compartmentId, projectId: p.data.id, displayName: 'byoc' });
  if (!model.ok) throw new Error(model.error.message);
  const uploaded = await h.ctx.provider.createModelArtifact(model.data.id, zipFolderOf({ 'README.md': 'custom container' }), 'model.zip');
  if (!uploaded.ok) throw new Error(uploaded.error.message);
  const created = await h.ctx.provider.createModelDeployment({
    projectId: p.data.id,
    compartmentId,
    displayName: 'faulty',
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: model.data.id,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        bandwidthMbps: 100,
      },
      environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: tag, serverPort: 8080 },
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  md = created.data.resource;
  expect((await stateAfterWork()).lifecycleState).toBe('ACTIVE');
}, 900_000);

afterAll(async () => {
  await h?.dispose();
}, 120_000);

// A test that fails half-way leaves its fault on; the next test must not meet it.
afterEach(async () => {
  const listed = await faults.listFaults(md.id);
  for (const f of listed.ok ? listed.data : []) if (f.timeEnded === null) await faults.stopFault(md.id, f.id);
});

describe('fault injection on a real deployment', () => {
  it('answers about the requested share of requests with marked 503s, recorded as a work request', async () => {
    const { fault, workRequestId } = await start({ kind: 'ERROR_RATE', percent: 30, status: 503, durationSeconds: 300 });
    expect(await logsOf(workRequestId)).toMatch(/Fault injection on for 300 s .*5xx answers: 30 % as HTTP 503[\s\S]*gateway confirmed/);
    const results = [];
    for (let batch = 0; batch < 20; batch += 1) results.push(...(await Promise.all(Array.from({ length: 20 }, predict))));
    // Only the answers the fault marked: a 503 the gateway gave for another reason is not a draw.
    const injected = results.filter((r) => r.status === 503 && r.headers.get('x-berth-fault') !== null);
    // 400 draws at 30 %: the standard deviation is 2.3 points; 10 points either side is 4.4 of
    // them, which a fair die misses about once in 100,000 runs (3 of them failed one run in 400).
    expect(injected.length / results.length).toBeGreaterThan(0.2);
    expect(injected.length / results.length).toBeLessThan(0.4);
    expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect(injected[0]?.json).toMatchObject({ code: 'ServiceUnavailable', message: expect.stringContaining('fault injection') });
    expect(injected[0]?.headers.get('x-berth-fault')).toBe(`ERROR_RATE; id=${fault.id}`);
    const off = await faults.stopFault(md.id, fault.id);
    expect(off.ok).toBe(true);
    expect((await predict()).status).toBe(200);
    const wrs = await h.ctx.provider.listWorkRequests({ compartmentId: md.compartmentId, resourceId: md.id });
    const ops = wrs.ok ? wrs.data.items.map((w) => `${w.operationType}:${w.status}`) : [];
    expect(ops).toEqual(expect.arrayContaining(['MODEL_DEPLOYMENT_FAULT_ON:SUCCEEDED', 'MODEL_DEPLOYMENT_FAULT_OFF:SUCCEEDED']));
  }, 120_000);

  it('adds the requested latency to real answers', async () => {
    const { fault } = await start({ kind: 'LATENCY', ms: 400, durationSeconds: 60 });
    const t0 = performance.now();
    const r = await predict();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(395);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true });
    expect(r.headers.get('x-berth-fault')).toBe(`LATENCY; delay=400ms; id=${fault.id}`);
    await faults.stopFault(md.id, fault.id);
  });

  it('refuses a second fault of the same kind and bad input, changing nothing', async () => {
    const { fault } = await start({ kind: 'LATENCY', ms: 1, durationSeconds: 60 });
    const again = await createFaultsService(h.ctx.provider).start(md.id, { kind: 'LATENCY', ms: 5, durationSeconds: 60 });
    expect(again.ok ? null : again.error.code).toBe('IncorrectState');
    const bad = await createFaultsService(h.ctx.provider).start(md.id, { kind: 'THROTTLE', percent: 101, durationSeconds: 60 });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'InvalidParameter', fieldErrors: { percent: 'Percent must be at most 100 %.' } });
    const listed = await faults.listFaults(md.id);
    expect(listed.ok && listed.data.filter((f) => f.timeEnded === null).map((f) => f.id)).toEqual([fault.id]);
    await faults.stopFault(md.id, fault.id);
  });

  it('kills the instance after N requests, and the reconciler replaces it', async () => {
    const before = listInstanceRows(h.ctx.db, md.id);
    const { fault } = await start({ kind: 'CRASH_AFTER', requests: 3, durationSeconds: 60 });
    for (let i = 0; i < 3; i += 1) expect((await predict()).status).toBe(200);
    const killedId = before[0]?.containerId ?? '';
    await until(() => docker.getContainer(killedId).inspect(), (info) => !info.State.Running, 30_000);
    expect((await predict()).status).toBeGreaterThanOrEqual(500);
    await faults.stopFault(md.id, fault.id);
    const report = await h.ctx.reconciler.reconcileOnce();
    expect(report.replaced).toEqual([before[0]?.containerName]);
    const after = await until(predict, (r) => r.status === 200, 30_000);
    expect(after.headers.get('x-berth-fault')).toBeNull();
    expect(listInstanceRows(h.ctx.db, md.id).map((r) => r.id)).not.toEqual(before.map((r) => r.id));
  }, 120_000);

  it('stops by itself at its expiry, and the end is recorded', async () => {
    const { fault } = await start({ kind: 'THROTTLE', percent: 100, durationSeconds: 5 });
    expect((await predict()).status).toBe(429);
    await until(predict, (r) => r.status === 200, 30_000);
    const listed = await faults.listFaults(md.id);
    const ended = listed.ok ? listed.data.find((f) => f.id === fault.id) : undefined;
    expect(ended).toMatchObject({ endReason: 'EXPIRED', timeEnded: fault.timeExpires });
    const wrs = await h.ctx.provider.listWorkRequests({ compartmentId: md.compartmentId, resourceId: md.id, operationType: 'MODEL_DEPLOYMENT_FAULT_OFF' });
    const texts = await Promise.all((wrs.ok ? wrs.data.items : []).map((w) => logsOf(w.id)));
    expect(texts.some((t) => /ended by itself at its set time: 429 answers: 100 % as HTTP 429/.test(t))).toBe(true);
  }, 60_000);

  it('makes instance starts fail while failing bootstrap is on, and hold while slow start is on', async () => {
    expect((await h.ctx.provider.deactivateModelDeployment(md.id)).ok).toBe(true);
    expect((await stateAfterWork()).lifecycleState).toBe('INACTIVE');
    const failing = await start({ kind: 'FAILING_BOOTSTRAP', durationSeconds: 120 });
    const activation = await h.ctx.provider.activateModelDeployment(md.id);
    if (!activation.ok) throw new Error(activation.error.message);
    const failed = await stateAfterWork();
    expect(failed.lifecycleState).toBe('INACTIVE');
    // Named as a real exit would be: the class in the lifecycle details, the output in the excerpt.
    expect(failed.lifecycleDetails).toMatch(/CONTAINER_EXITED: .*exit code 1/);
    const errors = await h.ctx.provider.listWorkRequestErrors(activation.data.workRequestId);
    const failure = errors.ok ? errors.data.items[0]?.startupFailure : undefined;
    expect(failure?.failureClass).toBe('CONTAINER_EXITED');
    expect(failure?.excerpt).toMatch(/berth fault injection: failing bootstrap/);
    await faults.stopFault(md.id, failing.fault.id);

    await start({ kind: 'SLOW_START', seconds: 3, durationSeconds: 120 });
    const slow = await h.ctx.provider.activateModelDeployment(md.id);
    if (!slow.ok) throw new Error(slow.error.message);
    expect((await stateAfterWork()).lifecycleState).toBe('ACTIVE');
    const wr = await h.ctx.provider.getWorkRequest(slow.data.workRequestId);
    const took = wr.ok ? Date.parse(wr.data.timeFinished ?? '') - Date.parse(wr.data.timeStarted ?? '') : 0;
    // A lower bound only: the hold is the fault's own; the rest of the start varies with the machine.
    expect(took).toBeGreaterThanOrEqual(3000);
    expect((await predict()).status).toBe(200);
  }, 300_000);
});
