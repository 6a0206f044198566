// Zero failed requests through every kind of update, at volume (printed figures, not a test):
// a closed-loop load of BENCH_CONNECTIONS (8) connections through the real gateway process runs
// through each of a model swap, a shape change, an environment variable change, a scale out, a
// scale in (conda runtime, the Berth model server, 2-3 instances), and the scaler's own scale out
// and scale in on a second deployment (scaler-cycle.ts), each kind at least 10,000 requests. It
// prints the failed requests per kind (target 0), the p99 over the kind's load and during the
// update itself, and the status and body of any failure.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/update-bench.ts   (Docker, runtime images)
// BENCH_GATEWAY_PORT (7301); BENCH_KINDS=manual or =scaler runs one group; BENCH_REQUESTS per kind.
import os from 'node:os';
import { servingInstances } from '@/server/providers/local/deployments/scale';
import type { ModelConfigurationDetails, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker, startBenchStack, type BenchStack } from './bench-stack';
import { startClosedLoop, type Failure, type Window } from './closed-loop';
import { REQUESTS_PER_PHASE, SCALER_ENV, SCALED_SCORE, calibrate, scalerCycle, scalerPolicy } from './scaler-cycle';
import { count, emitSummary, ms, table, type SummaryRow } from './summary';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 7301);
const KINDS = (process.env.BENCH_KINDS ?? 'manual,scaler').split(',');
// Fewer for a quick try; the figures are for 10,000.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? REQUESTS_PER_PHASE);
const BODY = Buffer.from(JSON.stringify({ x: [1, 2, 3] }));
const score = (name: string) =>
  `import os\ndef load_model():\n    return "${name}"\n\ndef predict(data, model=None):\n    return {"prediction": [x * 2 for x in data["x"]], "model": model, "v": os.environ.get("V")}\n`;

interface KindResult {
  kind: string;
  total: Window;
  during: Window;
  updateSeconds: number;
  failures: readonly Failure[];
}

const shape = (memoryInGBs: number) => ({ instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs } });

/** The load through one update: 1,000 requests before it, the update, then on to REQUESTS_PER_PHASE and at least 1,000 after it. */
async function throughUpdate(s: BenchStack, kind: string, id: string, url: string, details: UpdateModelDeploymentDetails): Promise<KindResult> {
  const loop = startClosedLoop({ url, body: BODY, connections: CONNECTIONS });
  try {
    await loop.reach(1000, 120_000);
    loop.mark();
    const t0 = performance.now();
    const { done } = await s.update(id, details);
    await done;
    const updateSeconds = (performance.now() - t0) / 1000;
    const during = loop.window();
    await loop.reach(Math.max(REQUESTS, loop.count + 1000), 300_000);
    return { kind, total: loop.window('start'), during, updateSeconds, failures: loop.failures };
  } finally {
    await loop.stop();
  }
}

async function answer(url: string): Promise<{ model?: string; v?: string | null }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
  return (await res.json()) as { model?: string; v?: string | null };
}

function check(what: string, ok: boolean): void {
  if (!ok) throw new Error(`the update did not take effect: ${what}`);
}

const mc = (modelId: string, over: Partial<ModelConfigurationDetails> = {}): ModelConfigurationDetails => ({
  modelId,
  instanceConfiguration: shape(6),
  scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 },
  bandwidthMbps: 8000,
  ...over,
});

/** The five manual kinds on one deployment of 2 instances, each checked to have taken effect; deleted after. */
async function manualKinds(s: BenchStack, report: (r: KindResult) => void): Promise<void> {
  const a = await s.newModel('bench-a', { 'score.py': score('a') });
  const b = await s.newModel('bench-b', { 'score.py': score('b') });
  const md = await s.create({
    compartmentId: a.compartmentId,
    projectId: a.projectId,
    displayName: 'bench-updates',
    modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: mc(a.modelId), environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { V: '1' } } },
  });
  const update = (modelConfigurationDetails: Partial<ModelConfigurationDetails>, env?: Record<string, string>): UpdateModelDeploymentDetails => ({
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: { modelId: b.modelId, ...modelConfigurationDetails },
      ...(env ? { environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: env } } : {}),
    },
  });
  check('model a answers first', (await answer(md.url)).model === 'a');
  report(await throughUpdate(s, 'model swap', md.id, md.url, update({})));
  check('model b answers', (await answer(md.url)).model === 'b');
  report(await throughUpdate(s, 'shape change (6 -> 12 GB)', md.id, md.url, update({ instanceConfiguration: shape(12) })));
  report(await throughUpdate(s, 'environment variable', md.id, md.url, update({}, { V: '2' })));
  check('V=2 in the answers', (await answer(md.url)).v === '2');
  report(await throughUpdate(s, 'scale out (2 -> 3)', md.id, md.url, update({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 } })));
  check('3 instances serve', servingInstances(s.ctx.local, md.id).length === 3);
  report(await throughUpdate(s, 'scale in (3 -> 2)', md.id, md.url, update({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 } })));
  check('2 instances serve', servingInstances(s.ctx.local, md.id).length === 2);
  // Its instances would compete with the scaled deployment's for the host's CPU.
  const del = await s.ctx.provider.deleteModelDeployment(md.id);
  if (!del.ok) throw new Error(del.error.message);
  await s.ctx.runner.idle();
}

/** The scaler's scale out and scale in on a deployment of its own, its policy's thresholds calibrated first. */
async function scalerKinds(s: BenchStack, report: (r: KindResult) => void): Promise<void> {
  const c = await s.newModel('bench-scaled', { 'score.py': SCALED_SCORE });
  const sc = await s.create({
    compartmentId: c.compartmentId,
    projectId: c.projectId,
    displayName: 'bench-scaler',
    modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: mc(c.modelId, { scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 } }) },
  });
  const cal = await calibrate(sc.url, BODY, CONNECTIONS);
  console.log(`calibration: one instance served ${Math.round(cal.rps)} req/s: scale out above ${Math.round(cal.scaleOutAbove)} requests in a minute, in below ${Math.round(cal.scaleInBelow)}`);
  const { done } = await s.update(sc.id, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: c.modelId, scalingPolicy: scalerPolicy(cal) } } });
  await done;
  s.ctx.scaler.start(s.ctx.config.autoscalingIntervalMs);
  const cycle = await scalerCycle(s, { ...sc, body: BODY, connections: CONNECTIONS }, cal, { minRequests: REQUESTS, after: 500, afterCalibration: true });
  for (const [kind, p] of [['scaler: scale out (1 -> 2)', cycle.out], ['scaler: scale in (2 -> 1)', cycle.in]] as const) {
    report({ kind, total: p.total, during: p.total, updateSeconds: p.secondsToDone - p.secondsToDecision, failures: p.failures });
  }
}

async function main() {
  const image = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  if (!image.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  const s = await startBenchStack({ gatewayPort: PORT, env: SCALER_ENV });
  const results: KindResult[] = [];
  const report = (r: KindResult) => {
    results.push(r);
    console.log(`${r.kind}: ${r.total.failed} of ${r.total.requests} failed, p99 ${ms(r.total.p99Ms)}, update ${r.updateSeconds.toFixed(2)} s`);
  };
  try {
    if (KINDS.includes('manual')) await manualKinds(s, report);
    if (KINDS.includes('scaler')) await scalerKinds(s, report);
  } finally {
    await s.dispose();
  }

  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nUpdates under load: ${CONNECTIONS} connections through the gateway process; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.cpus()[0]?.model ?? ''}, load average ${load}`);
  console.log(
    table(
      ['kind', 'requests', 'failed', 'req/s', 'p99 (kind)', 'update', 'req. in update', 'p99 in update'],
      results.map((r) => [r.kind, count(r.total.requests), String(r.total.failed), String(Math.round(r.total.rps)), ms(r.total.p99Ms), `${r.updateSeconds.toFixed(2)} s`, count(r.during.requests), ms(r.during.p99Ms)]),
    ),
  );
  if (results.some((r) => r.kind.startsWith('scaler'))) console.log('(scaler rows: the whole phase is the kind; "update" is from the decision to the work request succeeding)');
  for (const r of results) for (const f of r.failures) console.log(`  ${r.kind}: failed at ${f.atMs} ms: ${f.status || 'transport error'} ${f.body}`);
  const rows: SummaryRow[] = results.map((r) => ({
    benchmark: 'updates',
    figure: `failed requests, ${r.kind}`,
    value: `${r.total.failed} of ${count(r.total.requests)}`,
    target: `0 of >= ${count(REQUESTS_PER_PHASE)}`,
    pass: r.total.failed === 0 && r.total.requests >= REQUESTS_PER_PHASE,
  }));
  emitSummary(rows);
  process.exit(rows.every((r) => r.pass) ? 0 : 2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
