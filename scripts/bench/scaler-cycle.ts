import { lastScalingFinishedAt, listGroupedMeans, listScalingEvents } from '@/db/queries/scaling-events';
import { getWorkRequestRow } from '@/db/queries/work-requests';
import type { AutoScalingPolicy } from '@/server/domain/oci-types';
import { MODEL_DEPLOY_NAMESPACE } from '@/server/telemetry/points';
import { autoscalingLimits, makeScalingPolicySchema } from '@/server/validation/scaling';
import type { BenchStack } from './bench-stack';
import { startClosedLoop, type ClosedLoop, type Failure, type Window } from './closed-loop';

// The scaler's decisions under load, as the update and autoscaling benchmarks drive them: a
// deployment with an AUTOSCALING policy on CPU_UTILIZATION (the documented lowered local minimums:
// BERTH_AUTOSCALING_MIN_SECONDS), its CPU sampled by the console's Docker stats sampler, the scaler
// running at its interval. The thresholds come from a calibration: the CPU one instance shows under
// the full closed-loop load on this machine today (a shared machine gives a model server anything
// from a third to all of its CPU), so "over the threshold" means the load, not a guess.

export const MIN_SECONDS = 4;
export const STATS_INTERVAL_S = 2;
export const SCALER_INTERVAL_S = 1;
export const COOL_DOWN_S = 10;
export const REQUESTS_PER_PHASE = 10_000;
export const SCALER_ENV = {
  BERTH_AUTOSCALING_MIN_SECONDS: String(MIN_SECONDS),
  BERTH_AUTOSCALING_INTERVAL_S: String(SCALER_INTERVAL_S),
  BERTH_INSTANCE_STATS_INTERVAL_S: String(STATS_INTERVAL_S),
};

/**
 * The scaled model's score.py: each predict burns `burnMs` of CPU, so the instance's CPU follows
 * the request rate and stands above the idle server's own (health checks, the sampler's reads).
 */
export const burningScore = (burnMs: number) =>
  `import time\ndef load_model():\n    return "scaled"\n\ndef predict(data, model=None):\n    end = time.thread_time() + ${burnMs / 1000}\n    while time.thread_time() < end:\n        pass\n    return {"prediction": data.get("x"), "model": model}\n`;

export interface Calibration {
  /** Requests per second of the full load on one instance. */
  rps: number;
  /** Mean CpuUtilization (%) of that instance meanwhile. */
  cpu: number;
  scaleOutAbove: number;
  scaleInBelow: number;
}

export interface PhaseResult {
  /** Whole phase: from the load's start to its stop. */
  total: Window;
  failures: readonly Failure[];
  /** From the load's start to the scaling's work request SUCCEEDED (the new instance in rotation, or the old one drained). */
  secondsToDone: number;
  /** When the scaler decided, from the load's start. */
  secondsToDecision: number;
}

export function scalerPolicy(c: Pick<Calibration, 'scaleOutAbove' | 'scaleInBelow'>): AutoScalingPolicy {
  const policy: AutoScalingPolicy = {
    policyType: 'AUTOSCALING',
    coolDownInSeconds: COOL_DOWN_S,
    isEnabled: true,
    autoScalingPolicies: [
      {
        autoScalingPolicyType: 'THRESHOLD',
        minimumInstanceCount: 1,
        maximumInstanceCount: 2,
        initialInstanceCount: 1,
        rules: [
          {
            metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
            metricType: 'CPU_UTILIZATION',
            scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: Math.round(c.scaleOutAbove), pendingDuration: `PT${MIN_SECONDS}S` },
            scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: Math.max(1, Math.round(c.scaleInBelow)), pendingDuration: `PT${MIN_SECONDS}S` },
          },
        ],
      },
    ],
  };
  // What the console accepts with the lowered minimums (OCI's own API would refuse it).
  return makeScalingPolicySchema({ limits: autoscalingLimits(MIN_SECONDS) }).parse(policy) as AutoScalingPolicy;
}

const cpuMean = (s: BenchStack, id: string, since: number, until: number): number => {
  const points = listGroupedMeans(s.ctx.db, { resourceId: id, name: 'CpuUtilization', namespace: MODEL_DEPLOY_NAMESPACE, since, until });
  return points.length ? points.reduce((a, p) => a + p.value, 0) / points.length : NaN;
};

/** Full load on the one instance for a while: its rate and CPU. Needs the stats sampler running. */
export async function calibrate(s: BenchStack, id: string, url: string, body: Buffer, connections: number): Promise<Calibration> {
  const loop = startClosedLoop({ url, body, connections });
  try {
    await loop.reach(200, 60_000);
    loop.mark();
    const since = Date.now();
    // Long enough for several samples of the sampler (which needs two reads per sample).
    await new Promise((r) => setTimeout(r, (STATS_INTERVAL_S * 5 + 1) * 1000));
    const w = loop.window();
    const cpu = cpuMean(s, id, since, Date.now());
    if (!(cpu > 0)) throw new Error('no CPU samples during calibration: is the Docker stats sampler running?');
    // One instance under the full load is at `cpu`; two under it at about half each; two under the
    // light load (LIGHT of the rate) at a tenth: thresholds with room either side of each, the
    // scale out's for other tenants taking up to half of what the calibration saw.
    return { rps: w.rps, cpu, scaleOutAbove: cpu * 0.5, scaleInBelow: cpu * 0.2 };
  } finally {
    await loop.stop();
  }
}

/** The light load's rate, as a share of what one instance served under the full load. */
export const LIGHT = 0.2;

async function waitFor<T>(what: string, read: () => T | undefined | null | false, timeoutMs: number, seen?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${seen ? `; ${seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the scaler's next carried-out decision of `action`, and for its work request to succeed. */
async function scaling(s: BenchStack, id: string, action: 'SCALE_OUT' | 'SCALE_IN', timeoutMs: number): Promise<{ decidedAt: number; doneAt: number }> {
  const before = Math.max(0, ...listScalingEvents(s.ctx.db, id, 1).map((e) => e.id));
  const carriedOut = () => listScalingEvents(s.ctx.db, id, 50).find((e) => e.id > before && e.action === action && e.workRequestId);
  const started = Date.now();
  // On a timeout, what the scaler had to go on.
  const seen = () =>
    `CPU means seen: ${listGroupedMeans(s.ctx.db, { resourceId: id, name: 'CpuUtilization', namespace: MODEL_DEPLOY_NAMESPACE, since: started, until: Date.now() })
      .map((p) => p.value.toFixed(0))
      .join(' ')}`;
  const event = await waitFor(`the scaler's ${action}`, carriedOut, timeoutMs, seen);
  const wr = await waitFor(`the ${action} to finish`, () => {
    const row = getWorkRequestRow(s.ctx.db, event.workRequestId ?? '');
    return row && row.status !== 'ACCEPTED' && row.status !== 'IN_PROGRESS' ? row : undefined;
  }, timeoutMs);
  if (wr.status !== 'SUCCEEDED') throw new Error(`the ${action} work request ${wr.id} ${wr.status}`);
  return { decidedAt: Date.parse(event.time), doneAt: Date.parse(wr.timeFinished ?? '') || Date.now() };
}

async function phase(loop: ClosedLoop, started: number, wait: Promise<{ decidedAt: number; doneAt: number }>, minRequests: number, after: number): Promise<PhaseResult> {
  try {
    const { decidedAt, doneAt } = await wait;
    // At least minRequests in the phase, and `after` more once the scaling has finished.
    await loop.reach(Math.max(minRequests, loop.count + after), 600_000);
    return { total: loop.window(), failures: loop.failures, secondsToDone: (doneAt - started) / 1000, secondsToDecision: (decidedAt - started) / 1000 };
  } finally {
    await loop.stop();
  }
}

/**
 * Before a cycle: the cooldown of the last scaling over, and a CPU sample taken from now on below
 * the scale-out threshold, so the scale out is the cycle's load's doing (not the calibration's or
 * the last cycle's) and its time counts from a deployment at rest.
 */
async function atRest(s: BenchStack, id: string, c: Calibration): Promise<void> {
  const since = Date.now();
  await waitFor(
    'the deployment at rest',
    () => {
      const now = Date.now();
      const last = lastScalingFinishedAt(s.ctx.db, id, now);
      if (last !== null && now < last + COOL_DOWN_S * 1000) return false;
      const points = listGroupedMeans(s.ctx.db, { resourceId: id, name: 'CpuUtilization', namespace: MODEL_DEPLOY_NAMESPACE, since, until: now });
      return points.some((p) => p.value < c.scaleOutAbove);
    },
    120_000,
  );
}

/**
 * One cycle on a deployment serving one instance under this policy with the scaler running: the
 * full load until the scaler has scaled out and the phase has its requests, then a paced light
 * load until it has scaled back in (after the cooldown) and that phase has its requests too.
 */
export async function scalerCycle(
  s: BenchStack,
  target: { id: string; url: string; body: Buffer; connections: number },
  c: Calibration,
  options: { minRequests: number; after: number },
): Promise<{ out: PhaseResult; in: PhaseResult }> {
  const { id, url, body, connections } = target;
  await atRest(s, id, c);
  const t0 = Date.now();
  const heavy = startClosedLoop({ url, body, connections });
  const out = await phase(heavy, t0, scaling(s, id, 'SCALE_OUT', 180_000), options.minRequests, options.after);
  const t1 = Date.now();
  const light = startClosedLoop({ url, body, connections: Math.min(connections, 4), ratePerSecond: Math.max(10, c.rps * LIGHT) });
  const back = await phase(light, t1, scaling(s, id, 'SCALE_IN', 300_000), options.minRequests, options.after);
  return { out, in: back };
}
