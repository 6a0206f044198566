// The model server's share (printed figures, not a test): a small scikit-learn model (logistic
// regression of the iris flowers, trained by load_model() from the data set scikit-learn ships)
// deployed on 1 OCPU (two model copies) through the real local provider, served through the
// gateway process; against it, the rate of the loaded score.predict called in a loop by a Python
// process in the same container (`docker exec`), and the share of that the server delivers. The
// model server's worker is chosen per deployment (BERTH_MODEL_SERVER_WORKER): each is deployed in
// turn and measured in the same run, so the ratio to gthread (gunicorn's threaded worker, what
// served before uvicorn) holds whatever the machine's load.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/model-server-bench.ts   (Docker, runtime images)
// BENCH_WORKERS=uvicorn,gthread, BENCH_CONNECTIONS (8), BENCH_SECONDS (4) and BENCH_WARMUP_SECONDS (1)
// per round, BENCH_ROUNDS (3), BENCH_MAX_REQUESTS (100,000 per round), BENCH_GATEWAY_PORT (7315).
import os from 'node:os';
import { and, eq } from 'drizzle-orm';
import { deploymentInstances } from '@/db/schema/serving';
import { execIn } from '@/server/providers/local/checks/check-container';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker, startBenchStack } from './bench-stack';
import { runLoad, type LoadResult } from './load';
import { count, emitSummary, table, type SummaryRow } from './summary';

const envNum = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const WORKERS = (process.env.BENCH_WORKERS ?? 'uvicorn,gthread').split(',').map((w) => w.trim()).filter((w) => w === 'uvicorn' || w === 'gthread');
const CONNECTIONS = envNum('BENCH_CONNECTIONS', 8);
const SECONDS = envNum('BENCH_SECONDS', 4);
const WARMUP_S = envNum('BENCH_WARMUP_SECONDS', 1);
const ROUNDS = Math.floor(envNum('BENCH_ROUNDS', 3));
const MAX_REQUESTS = Math.floor(envNum('BENCH_MAX_REQUESTS', 100_000));
const PORT = envNum('BENCH_GATEWAY_PORT', 7315);
// Issue 15, item 5: twice what gthread served.
const TARGET = 2;

const SCORE = `import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression


def load_model():
    X, y = load_iris(return_X_y=True)
    return LogisticRegression(max_iter=1000).fit(X, y)


def predict(data, model=None):
    return {"prediction": model.predict(np.asarray(data["data"], dtype=float)).tolist()}
`;

// One flower per request: a small tabular call.
const BODY = Buffer.from(JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] }));

// The loaded score.predict in a loop, in a process of its own in the serving container (its CPU
// limit, its Python), on the parsed body: what predict costs without HTTP, JSON or the server.
const RAW_PY = `
import json, os, sys, time
sys.path.insert(0, os.environ["MODEL_DIR"])
import score
model = score.load_model()
data = json.loads(${JSON.stringify(BODY.toString())})
for _ in range(200):
    score.predict(data, model=model)
calls, t0 = 0, time.perf_counter()
while calls < 200000 and time.perf_counter() - t0 < ${SECONDS}:
    for _ in range(100):
        score.predict(data, model=model)
    calls += 100
print(json.dumps({"calls": calls, "seconds": time.perf_counter() - t0}))
`;

interface WorkerResult {
  worker: string;
  gateway: LoadResult;
  direct: LoadResult;
  rawPerSecond: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** The run whose rate is the median of the rounds, with the rounds' failures summed into it. */
function medianLoad(runs: LoadResult[]): LoadResult {
  const m = median(runs.map((r) => r.rps));
  const pick = runs.find((r) => r.rps === m) ?? runs[0];
  if (!pick) throw new Error('no rounds were run');
  const failed = runs.reduce((n, r) => n + r.errors + Object.values(r.otherStatuses).reduce((a, b) => a + b, 0), 0);
  return { ...pick, errors: failed, otherStatuses: {} };
}

async function main() {
  if (!WORKERS.length) throw new Error('BENCH_WORKERS names none of uvicorn, gthread');
  const image = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  if (!image.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  const s = await startBenchStack({ gatewayPort: PORT });
  const results: WorkerResult[] = [];
  try {
    const m = await s.newModel('bench-model-server', { 'score.py': SCORE });
    for (const worker of WORKERS) {
      const md = await s.create({
        compartmentId: m.compartmentId,
        projectId: m.projectId,
        displayName: `bench-model-server-${worker}`,
        modelDeploymentConfigurationDetails: {
          deploymentType: 'SINGLE_MODEL',
          modelConfigurationDetails: {
            modelId: m.modelId,
            instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
            scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
            bandwidthMbps: 8000,
          },
          environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { BERTH_MODEL_SERVER_WORKER: worker } },
        },
      });
      const instance = s.ctx.db
        .select()
        .from(deploymentInstances)
        .where(and(eq(deploymentInstances.modelDeploymentId, md.id), eq(deploymentInstances.status, 'RUNNING')))
        .get();
      if (!instance?.serverPort) throw new Error(`no running instance of ${md.id}`);
      const gatewayUrl = new URL(md.url);
      const load = (origin: string, path: string) =>
        runLoad({ origin, path, body: BODY, connections: CONNECTIONS, warmupMs: WARMUP_S * 1000, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS });
      const gateway: LoadResult[] = [];
      const direct: LoadResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        gateway.push(await load(gatewayUrl.origin, gatewayUrl.pathname));
        direct.push(await load(`http://127.0.0.1:${instance.serverPort}`, '/predict'));
      }
      const raw = await execIn(docker, instance.containerName, ['python3', '-c', RAW_PY], (SECONDS + 60) * 1000);
      const parsed = raw.exitCode === 0 ? (JSON.parse(raw.output.split('\n').pop() ?? '{}') as { calls?: number; seconds?: number }) : {};
      if (!parsed.calls || !parsed.seconds) throw new Error(`the raw predict loop failed (exit ${raw.exitCode ?? 'none'}): ${raw.output.slice(-500)}`);
      const r: WorkerResult = { worker, gateway: medianLoad(gateway), direct: medianLoad(direct), rawPerSecond: parsed.calls / parsed.seconds };
      results.push(r);
      console.log(
        `model server (${worker}), 1 OCPU, 2 copies, ${CONNECTIONS} connections: served ${count(Math.round(r.gateway.rps))} req/s through the gateway ` +
          `(p50 ${r.gateway.p50Ms.toFixed(2)} ms, p99 ${r.gateway.p99Ms.toFixed(2)} ms; ${count(Math.round(r.direct.rps))} req/s direct to the container), ` +
          `raw predict ${count(Math.round(r.rawPerSecond))}/s in the same container, share ${(r.gateway.rps / r.rawPerSecond).toFixed(3)}`,
      );
    }
  } finally {
    await s.dispose();
  }

  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nModel server share: medians of ${ROUNDS} rounds of ${WARMUP_S} s + ${SECONDS} s; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, load average ${load}`);
  const failed = (l: LoadResult) => l.errors + Object.values(l.otherStatuses).reduce((a, b) => a + b, 0);
  console.log(
    table(
      ['worker', 'gateway req/s', 'p50', 'p99', 'direct req/s', 'raw predict/s', 'share', 'failed'],
      results.map((r) => [
        r.worker,
        count(Math.round(r.gateway.rps)),
        `${r.gateway.p50Ms.toFixed(2)} ms`,
        `${r.gateway.p99Ms.toFixed(2)} ms`,
        count(Math.round(r.direct.rps)),
        count(Math.round(r.rawPerSecond)),
        (r.gateway.rps / r.rawPerSecond).toFixed(3),
        String(failed(r.gateway) + failed(r.direct)),
      ]),
    ),
  );
  const rows: SummaryRow[] = results.map((r) => ({
    benchmark: 'model-server',
    figure: `served through the gateway / raw predict, 1 OCPU (${r.worker})`,
    value: `${count(Math.round(r.gateway.rps))} / ${count(Math.round(r.rawPerSecond))} req/s = ${(r.gateway.rps / r.rawPerSecond).toFixed(3)}`,
    target: '-',
    pass: failed(r.gateway) + failed(r.direct) === 0 ? null : false,
  }));
  const base = results.find((r) => r.worker === 'gthread');
  const best = results.find((r) => r.worker === 'uvicorn');
  if (base && best) {
    rows.push({
      benchmark: 'model-server',
      figure: 'served through the gateway, uvicorn / gthread',
      value: `${(best.gateway.rps / base.gateway.rps).toFixed(2)} (direct to the container ${(best.direct.rps / base.direct.rps).toFixed(2)})`,
      target: `>= ${TARGET}`,
      pass: best.gateway.rps / base.gateway.rps >= TARGET,
    });
  }
  emitSummary(rows);
  process.exit(rows.every((r) => r.pass !== false) ? 0 : 2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
