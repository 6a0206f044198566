// Benchmark of failing fast: the time from Create to FAILED with the cause named, for each way a
// start commonly fails. Target: 5 s or less each. Printed as figures (not a test).
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/failfast-bench.ts  (needs Docker and the runtime images)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreateModelDeploymentDetails, OcirModelDeploymentEnvironmentConfigurationDetails } from '@/server/domain/oci-types';
import type { StartupFailureClass } from '@/server/domain/startup-failure';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { buildImage, docker, startHarness, zipFolder } from '../../tests/integration/support';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_S = 5;
const MINIMAL = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
const SERVER = `
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("content-length", "0"); self.end_headers()
    def log_message(self, *a): pass
HTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

interface Case {
  name: string;
  expected: StartupFailureClass;
  score?: string;
  env?: Partial<OcirModelDeploymentEnvironmentConfigurationDetails>;
}

const CASES: Case[] = [
  { name: 'import error (score.py)', expected: 'IMPORT_ERROR', score: 'import nosuchpkg_berth\n\ndef predict(data, model=None):\n    return data\n' },
  { name: 'load_model() raises', expected: 'LOAD_MODEL_ERROR', score: 'def load_model():\n    raise RuntimeError("no weights")\n\ndef predict(data, model=None):\n    return data\n' },
  { name: 'wrong health port (custom)', expected: 'PORT_NOT_LISTENING', env: { healthCheckPort: 9000 } },
  { name: 'container exits', expected: 'CONTAINER_EXITED', env: { entrypoint: ['python3', '-c', 'raise SystemExit(3)'] } },
  { name: 'OOM (256 MB, allocates 1 GB)', expected: 'OOM_KILLED', score: 'def load_model():\n    return bytearray(1 << 30)\n\ndef predict(data, model=None):\n    return 1\n' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  // Shapes fitted into 256 MB, so the OOM case meets its limit without straining the host.
  const h = await startHarness({ BERTH_HOST_MEMORY_MB: '256' });
  const { ctx } = h;
  const compartmentId = ctx.installation.defaultCompartmentId;
  try {
    const project = await ctx.provider.createProject({ compartmentId, displayName: 'failfast-bench' });
    if (!project.ok) throw new Error(project.error.message);
    const image = `berth-bench-failfast:${Date.now()}`;
    await buildImage(image, { Dockerfile: `FROM ${minimal.data.tag}\nCOPY s.py /s.py\nENTRYPOINT ["python3", "/s.py"]\n`, 's.py': SERVER });

    const modelFor = async (score?: string) => {
      const model = await ctx.provider.createModel({ compartmentId, projectId: project.data.id });
      if (!model.ok) throw new Error(model.error.message);
      if (score === undefined) return model.data.id;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
      fs.writeFileSync(path.join(dir, 'score.py'), score);
      fs.writeFileSync(path.join(dir, 'runtime.yaml'), MINIMAL);
      const art = await ctx.provider.createModelArtifact(model.data.id, zipFolder(dir), 'm.zip');
      fs.rmSync(dir, { recursive: true, force: true });
      if (!art.ok) throw new Error(art.error.message);
      return model.data.id;
    };
    const details = (modelId: string, c: Case): CreateModelDeploymentDetails => ({
      projectId: project.data.id,
      compartmentId,
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
        ...(c.env ? { environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image, serverPort: 8080, ...c.env } } : {}),
      },
    });

    console.log(`Create to FAILED with the cause named (target ${TARGET_S} s), ${RUNS} runs each:`);
    const rows: string[] = [];
    for (const c of CASES) {
      const modelId = await modelFor(c.score);
      const seconds: number[] = [];
      let cause = '';
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const r = await ctx.provider.createModelDeployment(details(modelId, c));
        if (!r.ok) throw new Error(r.error.message);
        await ctx.runner.idle();
        const elapsed = (performance.now() - t0) / 1000;
        const md = await ctx.provider.getModelDeployment(r.data.resource.id);
        const errors = await ctx.provider.listWorkRequestErrors(r.data.workRequestId);
        const first = errors.ok ? errors.data.items[0] : undefined;
        if (!md.ok || md.data.lifecycleState !== 'FAILED' || first?.code !== c.expected) {
          throw new Error(`${c.name}: expected FAILED with ${c.expected}, got ${md.ok ? md.data.lifecycleState : '?'} ${first?.code}: ${first?.message}`);
        }
        seconds.push(elapsed);
        cause = `${first.code}: ${first.message}`;
      }
      const m = median(seconds);
      const line = `| ${c.name} | ${m.toFixed(2)} s | ${Math.min(...seconds).toFixed(2)}-${Math.max(...seconds).toFixed(2)} s | ${m <= TARGET_S ? 'yes' : 'NO'} | ${cause.replace(/\|/g, '\\|')} |`;
      console.log(line);
      rows.push(line);
    }
    console.log(['', '| case | median | range | <= 5 s | cause named |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));
  } finally {
    await h.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
