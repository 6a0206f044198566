// Autoscaling under load (printed figures, not a test): the time from a sustained load to the
// scaler's new instance serving (median of BENCH_RUNS cycles), and the failed requests through the
// scaler's scale outs and scale ins, at least 10,000 requests through each over the cycles. One
// conda deployment under an AUTOSCALING policy with a custom PredictRequestCount rule and the
// documented lowered local minimums (BERTH_AUTOSCALING_MIN_SECONDS=4: pending 4 s, cooldown 10 s,
// the scaler every 1 s), its thresholds calibrated on this machine first (scaler-cycle.ts). Load:
// BENCH_CONNECTIONS (8) through the gateway process, from the start of a minute; each scale in
// under a paced light load after the full one stops.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/autoscaling-bench.ts   (Docker, runtime images)
import os from 'node:os';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker, startBenchStack } from './bench-stack';
import type { Failure } from './closed-loop';
import { COOL_DOWN_S, MIN_SECONDS, REQUESTS_PER_PHASE, SCALER_ENV, SCALED_SCORE, calibrate, scalerCycle, scalerPolicy, type PhaseResult } from './scaler-cycle';
import { count, emitSummary, ms, table, type SummaryRow } from './summary';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 7302);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? REQUESTS_PER_PHASE);
const BODY = Buffer.from(JSON.stringify({ x: [1, 2, 3] }));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)} s`;

async function main() {
  const image = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  if (!image.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  const s = await startBenchStack({ gatewayPort: PORT, env: SCALER_ENV });
  const cycles: { out: PhaseResult; in: PhaseResult }[] = [];
  let calibration = '';
  try {
    const m = await s.newModel('bench-scaled', { 'score.py': SCALED_SCORE });
    const shape = { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } };
    const md = await s.create({
      compartmentId: m.compartmentId,
      projectId: m.projectId,
      displayName: 'bench-autoscaling',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: m.modelId, instanceConfiguration: shape, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 }, bandwidthMbps: 8000 },
      },
    });
    const cal = await calibrate(md.url, BODY, CONNECTIONS);
    calibration = `one instance under the full load: ${Math.round(cal.rps)} req/s; policy: PredictRequestCount in a minute above ${Math.round(cal.scaleOutAbove)} out, below ${Math.round(cal.scaleInBelow)} in`;
    console.log(calibration);
    const { done } = await s.update(md.id, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: m.modelId, scalingPolicy: scalerPolicy(cal) } } });
    await done;
    s.ctx.scaler.start(s.ctx.config.autoscalingIntervalMs);
    // The requests are counted over all cycles: each cycle's phases take their share.
    const perPhase = Math.ceil(REQUESTS / RUNS);
    for (let run = 0; run < RUNS; run++) {
      const cycle = await scalerCycle(s, { ...md, body: BODY, connections: CONNECTIONS }, cal, { minRequests: perPhase, after: 300, afterCalibration: run === 0 });
      cycles.push(cycle);
      console.log(
        `run ${run + 1}: scale out decided after ${cycle.out.secondsToDecision.toFixed(1)} s, new instance serving after ${cycle.out.secondsToDone.toFixed(1)} s (${cycle.out.total.failed} of ${cycle.out.total.requests} failed); ` +
          `scale in done ${cycle.in.secondsToDone.toFixed(1)} s into the light load (${cycle.in.total.failed} of ${cycle.in.total.requests} failed)`,
      );
    }
  } finally {
    await s.dispose();
  }

  const sum = (f: (c: { out: PhaseResult; in: PhaseResult }) => number) => cycles.reduce((a, c) => a + f(c), 0);
  const outRequests = sum((c) => c.out.total.requests);
  const outFailed = sum((c) => c.out.total.failed);
  const inRequests = sum((c) => c.in.total.requests);
  const inFailed = sum((c) => c.in.total.failed);
  const toServe = cycles.map((c) => c.out.secondsToDone);
  const toDecide = cycles.map((c) => c.out.secondsToDecision);
  const toIn = cycles.map((c) => c.in.secondsToDone);
  console.log(`\nAutoscaling under load: ${RUNS} cycles, ${CONNECTIONS} connections through the gateway process; pending ${MIN_SECONDS} s, cooldown ${COOL_DOWN_S} s; PredictRequestCount flushed every 5 s`);
  console.log(`${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.cpus()[0]?.model ?? ''}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${calibration}`);
  console.log(
    table(
      ['figure', 'median', 'range', 'requests', 'failed', 'p99'],
      [
        ['sustained load to the scale out decision', `${median(toDecide).toFixed(1)} s`, range(toDecide), '', '', ''],
        ['sustained load to the new instance serving', `${median(toServe).toFixed(1)} s`, range(toServe), count(outRequests), String(outFailed), ms(median(cycles.map((c) => c.out.total.p99Ms)))],
        ['light load to the scale in done (cooldown incl.)', `${median(toIn).toFixed(1)} s`, range(toIn), count(inRequests), String(inFailed), ms(median(cycles.map((c) => c.in.total.p99Ms)))],
      ],
    ),
  );
  const failures: Failure[] = cycles.flatMap((c) => [...c.out.failures, ...c.in.failures]);
  for (const f of failures) console.log(`  failed at ${f.atMs} ms into its phase: ${f.status || 'transport error'} ${f.body}`);
  const rows: SummaryRow[] = [
    { benchmark: 'autoscaling', figure: 'sustained load to the new instance serving (median)', value: `${median(toServe).toFixed(1)} s`, target: 'none: a [1m] count rule fires on its second breaching minute', pass: null },
    { benchmark: 'autoscaling', figure: 'failed requests through scale outs', value: `${outFailed} of ${count(outRequests)}`, target: `0 of >= ${count(REQUESTS_PER_PHASE)}`, pass: outFailed === 0 && outRequests >= REQUESTS_PER_PHASE },
    { benchmark: 'autoscaling', figure: 'failed requests through scale ins', value: `${inFailed} of ${count(inRequests)}`, target: `0 of >= ${count(REQUESTS_PER_PHASE)}`, pass: inFailed === 0 && inRequests >= REQUESTS_PER_PHASE },
  ];
  emitSummary(rows);
  process.exit(rows.every((r) => r.pass !== false) ? 0 : 2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
