// Bandwidth accuracy (printed figures, not a test): a deployment's load balancer bandwidth
// (bandwidthMbps, set on the deployment and changed by an update) against the rate the gateway
// process delivers when offered half as much again. The gateway meters request bodies (charged on
// admission by Content-Length) and response bodies (as they flow) in one bucket per deployment, so
// each setting is measured twice: 64 KB request bodies with small answers, and small requests with
// 64 KB answers. Delivered = the body bytes of the 200 answers in the window after a warm-up that
// empties the bucket's one-second burst; target within 5 % of the setting.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/bandwidth-bench.ts   (Docker, runtime images)
// BENCH_SETTINGS=10,20,40 (Mbps), BENCH_SECONDS=8 per measurement, BENCH_GATEWAY_PORT (7303).
import os from 'node:os';
import { BYTES_PER_SECOND_PER_MBPS } from '@/server/gateway/bandwidth';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker, startBenchStack } from './bench-stack';
import { startClosedLoop } from './closed-loop';
import { count, emitSummary, table, type SummaryRow } from './summary';

const SETTINGS = (process.env.BENCH_SETTINGS ?? '10,20,40').split(',').map(Number).filter((n) => n >= 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_S = 3;
const OFFERED = 1.5;
const PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 7303);
const LARGE = 64 * 1024;
const TARGET = 0.05;

const SCORE = `def load_model():
    return None

def predict(data, model=None):
    return {"pad": "x" * int(data.get("answer", 0))}
`;

/** A JSON body of exactly `bytes` bytes asking for an answer of about `answer` bytes. */
function body(bytes: number, answer: number): Buffer {
  const head = JSON.stringify({ answer, pad: '' });
  return Buffer.from(head.replace('"pad":""', `"pad":"${'y'.repeat(Math.max(0, bytes - head.length))}"`));
}

interface Measurement {
  mbps: number;
  direction: 'request' | 'response';
  deliveredMbps: number;
  ok: number;
  refused: number;
  other: number;
}

async function main() {
  const image = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  if (!image.ok) throw new Error('runtime images missing: run npm start or npm test once first');
  const s = await startBenchStack({ gatewayPort: PORT });
  const results: Measurement[] = [];
  try {
    const m = await s.newModel('bench-bandwidth', { 'score.py': SCORE });
    const shape = { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } };
    const mc = (bandwidthMbps: number) => ({ modelId: m.modelId, instanceConfiguration: shape, scalingPolicy: { policyType: 'FIXED_SIZE' as const, instanceCount: 1 }, bandwidthMbps });
    const [first = 10] = SETTINGS;
    const md = await s.create({ compartmentId: m.compartmentId, projectId: m.projectId, displayName: 'bench-bandwidth', modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: mc(first) } });
    for (const mbps of SETTINGS) {
      if (mbps !== first || results.length) {
        const { done } = await s.update(md.id, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: mc(mbps) } });
        await done;
      }
      for (const direction of ['request', 'response'] as const) {
        const b = direction === 'request' ? body(LARGE, 0) : body(64, LARGE);
        // What one exchange is charged: its request body and (about) its answer's.
        const perRequest = direction === 'request' ? LARGE + 12 : LARGE + 64 + 12;
        const rate = (OFFERED * mbps * BYTES_PER_SECOND_PER_MBPS) / perRequest;
        const loop = startClosedLoop({ url: md.url, body: b, connections: 8, ratePerSecond: rate, keepFailures: 0 });
        try {
          await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
          loop.mark();
          await new Promise((r) => setTimeout(r, SECONDS * 1000));
          const w = loop.window();
          const refused = w.byStatus[429] ?? 0;
          const ok = w.byStatus[200] ?? 0;
          results.push({ mbps, direction, deliveredMbps: (w.bytesOk * 8) / 1e6 / w.seconds, ok, refused, other: w.requests - ok - refused });
          const r = results[results.length - 1];
          console.log(`${mbps} Mbps, ${direction} bodies: delivered ${r?.deliveredMbps.toFixed(2)} Mbps (${ok} answered, ${refused} refused with 429)`);
        } finally {
          await loop.stop();
        }
      }
    }
  } finally {
    await s.dispose();
  }

  console.log(`\nBandwidth accuracy: offered ${OFFERED}x the setting, ${SECONDS} s windows after ${WARMUP_S} s; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const ratio = (r: Measurement) => r.deliveredMbps / r.mbps;
  console.log(
    table(
      ['set', 'direction (64 KB)', 'delivered', 'ratio', 'answered', '429', 'other'],
      results.map((r) => [`${r.mbps} Mbps`, r.direction, `${r.deliveredMbps.toFixed(2)} Mbps`, ratio(r).toFixed(3), count(r.ok), count(r.refused), String(r.other)]),
    ),
  );
  const rows: SummaryRow[] = results.map((r) => ({
    benchmark: 'bandwidth',
    figure: `delivered / set, ${r.mbps} Mbps, ${r.direction} bodies`,
    // Nothing refused: the machine could not offer more than the setting, so the meter was not measured.
    value: r.refused > 0 ? ratio(r).toFixed(3) : `${ratio(r).toFixed(3)} (limit not reached: nothing refused)`,
    target: `1 ± ${TARGET}`,
    // Offered more than the setting: refusals must show, or the limit was never reached.
    pass: Math.abs(ratio(r) - 1) <= TARGET && r.refused > 0 && r.other === 0,
  }));
  emitSummary(rows);
  process.exit(rows.every((r) => r.pass) ? 0 : 2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
