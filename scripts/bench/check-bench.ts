// Benchmark of "check before create", printed as figures (not a test): from pressing Check to the
// report, for a good conda model, an import error, a wrong health port, an image without curl and
// a container that exits; and the upload's load_model() run. Target: a few seconds each.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/check-bench.ts  (needs Docker and the runtime images)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckReport } from '@/server/domain/deployment-check';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { createDeploymentChecks } from '@/server/services/deployment-checks';
import { modelsServiceOf } from '@/server/services/models';
import { deploymentCheckRequestSchema } from '@/server/validation/deployment-check';
import { createModelSchema } from '@/server/validation/model';
import { buildImage, docker, startHarness, zipFolder, type Harness } from '../../tests/integration/support';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
const SCORE = 'def load_model():\n    return 2\n\ndef predict(data, model=None):\n    return {"prediction": [x * model for x in data["x"]]}\n';
const SCHEMA = JSON.stringify({ type: 'object', properties: { x: { type: 'array', items: { type: 'number' }, examples: [[1, 2]] } } });
const SERVER = `
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode(); self.send_response(code)
        self.send_header("content-type", "application/json"); self.send_header("content-length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
    def do_GET(self): self._send(200, {"status": "ok"})
    def do_POST(self): self.rfile.read(int(self.headers.get("content-length") or 0)); self._send(200, {"prediction": [1]})
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function upload(h: Harness, projectId: string, score: string): Promise<{ id: string; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-check-'));
  fs.writeFileSync(path.join(dir, 'score.py'), score);
  fs.writeFileSync(path.join(dir, 'runtime.yaml'), YAML);
  const t0 = performance.now();
  const m = await modelsServiceOf(h.ctx).createWithArtifact(
    createModelSchema.parse({ compartmentId: h.ctx.installation.defaultCompartmentId, projectId, displayName: 'bench', inputSchema: SCHEMA }),
    zipFolder(dir),
    'm.zip',
  );
  const ms = performance.now() - t0;
  fs.rmSync(dir, { recursive: true, force: true });
  if (!m.ok) throw new Error(m.error.message);
  return { id: m.data.id, ms };
}

async function main() {
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  const h = await startHarness();
  try {
    const p = await h.ctx.provider.createProject({ compartmentId: h.ctx.installation.defaultCompartmentId, displayName: 'bench' });
    if (!p.ok) throw new Error(p.error.message);
    const good = await upload(h, p.data.id, SCORE);
    const broken = await upload(h, p.data.id, `import not_here\n${SCORE}`);
    const tag = `berth-bench-check:${Date.now()}`;
    await buildImage(tag, { Dockerfile: `FROM ${minimal.data.tag}\nCOPY s.py /s.py\nENTRYPOINT ["python3", "/s.py"]\n`, 's.py': SERVER });
    const nocurl = `berth-bench-check-nocurl:${Date.now()}`;
    await buildImage(nocurl, { Dockerfile: `FROM ${minimal.data.tag}\nUSER root\nRUN rm -f /usr/bin/curl\nUSER datascience\nCOPY s.py /s.py\nENTRYPOINT ["python3", "/s.py"]\n`, 's.py': SERVER });

    const config = (modelId: string, env?: Record<string, unknown>) =>
      deploymentCheckRequestSchema.parse({
        modelDeploymentConfigurationDetails: {
          deploymentType: 'SINGLE_MODEL',
          modelConfigurationDetails: { modelId, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } } },
          ...(env ? { environmentConfigurationDetails: env } : {}),
        },
      });
    const byoc = (image: string, extra: Record<string, unknown> = {}) => ({ environmentConfigurationType: 'OCIR_CONTAINER', image, serverPort: 8080, ...extra });
    const cases: [string, ReturnType<typeof config>][] = [
      ['good conda model', config(good.id)],
      ['import error (conda)', config(broken.id)],
      ['wrong health port (custom)', config(good.id, byoc(tag, { healthCheckPort: 9000 }))],
      ['no curl (custom)', config(good.id, byoc(nocurl))],
      ['container exits (custom)', config(good.id, byoc(tag, { entrypoint: ['python3', '-c', 'raise SystemExit(3)'] }))],
    ];
    const noProgress = { plan: () => undefined, step: () => undefined, item: () => undefined };
    console.log(`upload with load_model() run: good ${(good.ms / 1000).toFixed(2)} s, import error ${(broken.ms / 1000).toFixed(2)} s`);
    for (const [name, req] of cases) {
      const times: number[] = [];
      let last: CheckReport | undefined;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const r = await createDeploymentChecks(h.ctx.provider).run(req, noProgress);
        times.push((performance.now() - t0) / 1000);
        if (!r.ok) throw new Error(r.error.message);
        last = r.data;
      }
      const failed = last?.items.filter((i) => i.status === 'fail').map((i) => `${i.id}${i.failureClass ? ` ${i.failureClass}` : ''}`) ?? [];
      console.log(`${name}: ${last?.outcome} in median ${median(times).toFixed(2)} s (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)}, n=${RUNS})${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
    }
  } finally {
    await h.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
