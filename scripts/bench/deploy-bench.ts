// Benchmark of the local provider's control plane, printed as figures (not a test):
//   - create to ACTIVE with a cached runtime image (conda and custom container)
//   - how long a killed instance stays in rotation
//   - failed requests during a blue/green update under load
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/deploy-bench.ts  (needs Docker and the runtime images)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listInstanceRows } from '@/db/queries/serving';
import type { CreateModelDeploymentDetails } from '@/server/domain/oci-types';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { buildImage, docker, postJson, startHarness, zipFolder } from '../../tests/integration/support';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCORE = 'def load_model():\n    return 2\n\ndef predict(data, model=None):\n    return {"prediction": [x * (model or 2) for x in data["x"]]}\n';
const SERVER = `
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def _send(self, code, body):
        data = json.dumps(body).encode(); self.send_response(code)
        self.send_header("content-type", "application/json"); self.send_header("content-length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
    def do_GET(self): self._send(200, {"status": "ok"})
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length") or 0)); self._send(200, {"v": os.environ.get("V")})
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return `median ${at(0.5).toFixed(2)} s, min ${(s[0] ?? NaN).toFixed(2)} s, max ${(s[s.length - 1] ?? NaN).toFixed(2)} s (n=${s.length})`;
};

async function main() {
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  const general = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  if (!minimal.ok || !general.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  const h = await startHarness();
  const { ctx } = h;
  try {
    const project = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'bench' });
    if (!project.ok) throw new Error(project.error.message);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
    fs.writeFileSync(path.join(dir, 'score.py'), SCORE);
    const model = await ctx.provider.createModel({ compartmentId: ctx.installation.defaultCompartmentId, projectId: project.data.id });
    if (!model.ok) throw new Error(model.error.message);
    const art = await ctx.provider.createModelArtifact(model.data.id, zipFolder(dir), 'm.zip');
    if (!art.ok) throw new Error(art.error.message);
    const tag = `berth-bench-byoc:${Date.now()}`;
    await buildImage(tag, { Dockerfile: `FROM ${minimal.data.tag}\nCOPY s.py /s.py\nENTRYPOINT ["python3", "/s.py"]\n`, 's.py': SERVER });

    const details = (env?: CreateModelDeploymentDetails['modelDeploymentConfigurationDetails']['environmentConfigurationDetails'], count = 1): CreateModelDeploymentDetails => ({
      projectId: project.data.id,
      compartmentId: ctx.installation.defaultCompartmentId,
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: model.data.id,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: count },
          bandwidthMbps: 100,
        },
        ...(env ? { environmentConfigurationDetails: env } : {}),
      },
    });
    const timeToActive = async (d: CreateModelDeploymentDetails) => {
      const t0 = performance.now();
      const r = await ctx.provider.createModelDeployment(d);
      if (!r.ok) throw new Error(r.error.message);
      await ctx.runner.idle();
      const md = await ctx.provider.getModelDeployment(r.data.resource.id);
      if (!md.ok || md.data.lifecycleState !== 'ACTIVE') throw new Error(`not active: ${md.ok ? md.data.lifecycleDetails : ''}`);
      return { seconds: (performance.now() - t0) / 1000, md: md.data };
    };

    const conda: number[] = [];
    const byoc: number[] = [];
    for (let i = 0; i < RUNS; i++) conda.push((await timeToActive(details())).seconds);
    let last = null as Awaited<ReturnType<typeof timeToActive>>['md'] | null;
    const byocEnv = { environmentConfigurationType: 'OCIR_CONTAINER' as const, image: tag, environmentVariables: { V: '1' } };
    for (let i = 0; i < RUNS; i++) {
      const r = await timeToActive(details(byocEnv, 2));
      byoc.push(r.seconds);
      last = r.md;
    }
    if (!last) throw new Error('no deployment');
    const url = `${last.modelDeploymentUrl}/predict`;

    // A killed instance: time until the gateway has it out of rotation.
    const [victim] = listInstanceRows(ctx.db, last.id);
    const tKill = performance.now();
    await docker.getContainer(victim?.containerId ?? '').kill();
    let failedAfterKill = 0;
    let outAfterMs = NaN;
    while (performance.now() - tKill < 10_000) {
      if ((await postJson(url, { x: 1 })).status !== 200) failedAfterKill += 1;
      const s = await ctx.local.gateway.status();
      const inst = s?.routes.find((r) => r.modelDeploymentId === last?.id)?.instances.find((i) => i.id === victim?.id);
      if (inst && !inst.healthy) {
        outAfterMs = performance.now() - tKill;
        break;
      }
    }
    await ctx.reconciler.reconcileOnce();

    // A blue/green update under load from 4 concurrent clients.
    let stop = false;
    let total = 0;
    let failed = 0;
    const client = async () => {
      while (!stop) {
        const r = await postJson(url, { x: 1 });
        total += 1;
        if (r.status !== 200) failed += 1;
      }
    };
    const clients = Array.from({ length: 4 }, client);
    const tUpdate = performance.now();
    const up = await ctx.provider.updateModelDeployment(last.id, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: model.data.id },
        environmentConfigurationDetails: { environmentVariables: { V: '2' } },
      },
    });
    if (!up.ok) throw new Error(up.error.message);
    await ctx.runner.idle();
    const updateSeconds = (performance.now() - tUpdate) / 1000;
    stop = true;
    await Promise.all(clients);

    console.log(`\nBerth local provider benchmark — ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.cpus()[0]?.model ?? ''}`);
    console.log(`create to ACTIVE, conda runtime, 1 instance (cached image): ${stats(conda)}`);
    console.log(`create to ACTIVE, custom container, 2 instances (cached image): ${stats(byoc)}`);
    console.log(`killed instance out of rotation after ${outAfterMs.toFixed(0)} ms; failed requests meanwhile: ${failedAfterKill}`);
    console.log(`blue/green update under load (4 clients): ${total} requests, ${failed} failed, update took ${updateSeconds.toFixed(2)} s`);
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    await h.dispose();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
