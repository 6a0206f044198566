// The model server's share (printed figures, not a test): a small scikit-learn model (logistic
// regression of the iris flowers, trained by load_model() from the data set scikit-learn ships)
// deployed on 1 OCPU (two model copies) through the real local provider, served through the
// gateway process; against it, the rate of the loaded score.predict called in a loop by a Python
// process in the same container (`docker exec`), and the share of that the server delivers. The
// model server's worker is chosen per deployment (BERTH_MODEL_SERVER_WORKER): one deployment per
// worker, measured in alternating rounds in the same run, so the ratio to gthread (gunicorn's
// threaded worker, what served before uvicorn) holds whatever the neighbours' load. Each round
// also reads the container's CPU time (its cgroup): CPU per request is what the server spends,
// which a loaded machine moves far less than the rates.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/model-server-bench.ts   (Docker, runtime images)
// BENCH_WORKERS=uvicorn,gthread, BENCH_CONNECTIONS (8), BENCH_SECONDS (4) and BENCH_WARMUP_SECONDS (1)
// per round, BENCH_ROUNDS (3), BENCH_MAX_REQUESTS (100,000 per round), BENCH_GATEWAY_PORT (7315).
import fs from 'node:fs';
import os from 'node:os';
import { and, eq } from 'drizzle-orm';
import { deploymentInstances } from '@/db/schema/serving';
import { execIn } from '@/server/providers/local/checks/check-container';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker, startBenchStack, type BenchStack } from './bench-stack';
import type { LoadResult } from './load';
import { loadGenerator } from './wrk';
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
// wrk where it is installed (apt-get install -y wrk): the generator shares the cores with the
// gateway and the model server, and wrk leaves them more of it. BENCH_LOAD=undici keeps load.ts's.
const GENERATOR = loadGenerator();
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
calls, t0, c0 = 0, time.perf_counter(), time.process_time()
while calls < 200000 and time.perf_counter() - t0 < ${SECONDS}:
    for _ in range(100):
        score.predict(data, model=model)
    calls += 100
print(json.dumps({"calls": calls, "seconds": time.perf_counter() - t0, "cpuSeconds": time.process_time() - c0}))
`;

/**
 * CPU time the container has used so far, in ns, from its cgroup (v1 cpuacct, or v2 cpu.stat);
 * null where neither is readable. On a shared machine the rates say as much about the neighbours
 * as about the server; CPU time per request says what the server itself spends.
 */
function containerCpuNs(id: string): number | null {
  const v1 = [`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpuacct.usage`];
  for (const file of v1) {
    try {
      return Number(fs.readFileSync(file, 'utf8'));
    } catch {
      // Not this layout.
    }
  }
  for (const file of [`/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`, `/sys/fs/cgroup/docker/${id}/cpu.stat`]) {
    try {
      const usec = /^usage_usec (\d+)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
      if (usec) return Number(usec) * 1000;
    } catch {
      // Not this layout.
    }
  }
  return null;
}

interface Measured {
  load: LoadResult;
  /** The container's CPU time per answered request, µs; NaN where its cgroup is unreadable. */
  serverUs: number;
}

interface WorkerResult {
  worker: string;
  gateway: Measured;
  direct: Measured;
  rawPerSecond: number;
  /** CPU per predict call in the raw loop, µs. */
  rawUs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const failedOf = (l: LoadResult) => l.errors + Object.values(l.otherStatuses).reduce((a, b) => a + b, 0);

/** The run whose rate is the median of the rounds, with the rounds' failures summed into it, and the median CPU per request. */
function medianOf(runs: Measured[]): Measured {
  const m = median(runs.map((r) => r.load.rps));
  const pick = runs.find((r) => r.load.rps === m) ?? runs[0];
  if (!pick) throw new Error('no rounds were run');
  const failed = runs.reduce((n, r) => n + failedOf(r.load), 0);
  return { load: { ...pick.load, errors: failed, otherStatuses: {} }, serverUs: median(runs.map((r) => r.serverUs)) };
}

interface Target {
  worker: string;
  containerId: string;
  gatewayOrigin: string;
  gatewayPath: string;
  directOrigin: string;
}

/** A deployment of the model on 1 OCPU served by this worker, ACTIVE, and where to reach it. */
async function deploy(s: BenchStack, m: { compartmentId: string; projectId: string; modelId: string }, worker: string): Promise<Target> {
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
  const url = new URL(md.url);
  const containerId = (await docker.getContainer(instance.containerName).inspect()).Id;
  return { worker, containerId, gatewayOrigin: url.origin, gatewayPath: url.pathname, directOrigin: `http://127.0.0.1:${instance.serverPort}` };
}

/** One round of closed-loop load on one target, with the container's CPU over the measured window. */
async function measure(t: Target, origin: string, path: string): Promise<Measured> {
  let cpuNs = NaN;
  const result = await GENERATOR.run({
    origin,
    path,
    body: BODY,
    connections: CONNECTIONS,
    warmupMs: WARMUP_S * 1000,
    durationMs: SECONDS * 1000,
    maxRequests: MAX_REQUESTS,
    onMeasure: (phase) => {
      const now = containerCpuNs(t.containerId) ?? NaN;
      cpuNs = phase === 'start' ? now : now - cpuNs;
    },
  });
  return { load: result, serverUs: cpuNs / 1000 / Math.max(1, result.requests) };
}

async function main() {
  if (!WORKERS.length) throw new Error('BENCH_WORKERS names none of uvicorn, gthread');
  const image = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  if (!image.ok) throw new Error(`the runtime image: ${image.error.message}`);
  if (image.data.built) console.log(`built ${image.data.tag} in ${(image.data.ms / 1000).toFixed(1)} s`);
  const s = await startBenchStack({ gatewayPort: PORT });
  const results: WorkerResult[] = [];
  try {
    const m = await s.newModel('bench-model-server', { 'score.py': SCORE });
    // Every worker's deployment first, then rounds that take them in turn: a change in the
    // neighbours' load then falls on all of them alike.
    const targets: Target[] = [];
    for (const worker of WORKERS) targets.push(await deploy(s, m, worker));
    const rounds = new Map<string, { gateway: Measured[]; direct: Measured[] }>(WORKERS.map((w) => [w, { gateway: [], direct: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        rounds.get(t.worker)?.gateway.push(await measure(t, t.gatewayOrigin, t.gatewayPath));
        rounds.get(t.worker)?.direct.push(await measure(t, t.directOrigin, '/predict'));
      }
    }
    for (const t of targets) {
      const raw = await execIn(docker, t.containerId, ['python3', '-c', RAW_PY], (SECONDS + 60) * 1000);
      const parsed = raw.exitCode === 0 ? (JSON.parse(raw.output.split('\n').pop() ?? '{}') as { calls?: number; seconds?: number; cpuSeconds?: number }) : {};
      if (!parsed.calls || !parsed.seconds || parsed.cpuSeconds === undefined) throw new Error(`the raw predict loop failed (exit ${raw.exitCode ?? 'none'}): ${raw.output.slice(-500)}`);
      const measured = rounds.get(t.worker);
      if (!measured) throw new Error(`no rounds for ${t.worker}`);
      const r: WorkerResult = { worker: t.worker, gateway: medianOf(measured.gateway), direct: medianOf(measured.direct), rawPerSecond: parsed.calls / parsed.seconds, rawUs: (parsed.cpuSeconds * 1e6) / parsed.calls };
      results.push(r);
      const g = r.gateway.load;
      console.log(
        `model server (${t.worker}), 1 OCPU, 2 copies, ${CONNECTIONS} connections: served ${count(Math.round(g.rps))} req/s through the gateway ` +
          `(p50 ${g.p50Ms.toFixed(2)} ms, p99 ${g.p99Ms.toFixed(2)} ms; ${count(Math.round(r.direct.load.rps))} req/s direct to the container), ` +
          `raw predict ${count(Math.round(r.rawPerSecond))}/s in the same container, share ${(g.rps / r.rawPerSecond).toFixed(3)}; ` +
          `server CPU ${r.gateway.serverUs.toFixed(0)} µs per request against ${r.rawUs.toFixed(0)} µs per raw predict`,
      );
    }
  } finally {
    await s.dispose();
  }

  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nModel server share: medians of ${ROUNDS} rounds of ${WARMUP_S} s + ${SECONDS} s, load from ${GENERATOR.name}; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, load average ${load}`);
  console.log(
    table(
      ['worker', 'gateway req/s', 'p50', 'p99', 'direct req/s', 'raw predict/s', 'share', 'server µs/req', 'raw µs/predict', 'failed'],
      results.map((r) => [
        r.worker,
        count(Math.round(r.gateway.load.rps)),
        `${r.gateway.load.p50Ms.toFixed(2)} ms`,
        `${r.gateway.load.p99Ms.toFixed(2)} ms`,
        count(Math.round(r.direct.load.rps)),
        count(Math.round(r.rawPerSecond)),
        (r.gateway.load.rps / r.rawPerSecond).toFixed(3),
        r.gateway.serverUs.toFixed(0),
        r.rawUs.toFixed(0),
        String(failedOf(r.gateway.load) + failedOf(r.direct.load)),
      ]),
    ),
  );
  const rows: SummaryRow[] = results.map((r) => ({
    benchmark: 'model-server',
    figure: `served through the gateway / raw predict, 1 OCPU (${r.worker})`,
    value: `${count(Math.round(r.gateway.load.rps))} / ${count(Math.round(r.rawPerSecond))} req/s = ${(r.gateway.load.rps / r.rawPerSecond).toFixed(3)}`,
    target: '-',
    pass: failedOf(r.gateway.load) + failedOf(r.direct.load) === 0 ? null : false,
  }));
  const base = results.find((r) => r.worker === 'gthread');
  const best = results.find((r) => r.worker === 'uvicorn');
  if (base && best) {
    const cpu = base.gateway.serverUs / best.gateway.serverUs;
    rows.push({
      benchmark: 'model-server',
      figure: 'served through the gateway, uvicorn / gthread',
      value: `${(best.gateway.load.rps / base.gateway.load.rps).toFixed(2)} (direct ${(best.direct.load.rps / base.direct.load.rps).toFixed(2)}; server CPU per request ${Number.isFinite(cpu) ? `${cpu.toFixed(2)}x less` : 'not read'})`,
      target: `>= ${TARGET}`,
      pass: best.gateway.load.rps / base.gateway.load.rps >= TARGET,
    });
  }
  emitSummary(rows);
  process.exit(rows.every((r) => r.pass !== false) ? 0 : 2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
