import { lastScalingFinishedAt, listScalingEvents } from '@/db/queries/scaling-events';
import { getWorkRequestRow } from '@/db/queries/work-requests';
import type { AutoScalingPolicy } from '@/server/domain/oci-types';
import { autoscalingLimits, makeScalingPolicySchema } from '@/server/validation/scaling';
import type { BenchStack } from './bench-stack';
import { startClosedLoop, type ClosedLoop, type Failure, type Window } from './closed-loop';

// The scaler's decisions under load, as the update and autoscaling benchmarks drive them: a
// deployment with an AUTOSCALING policy whose rule is a custom query on PredictRequestCount (what
// the gateway process counts and flushes every 5 s), with the documented lowered local minimums
// (BERTH_AUTOSCALING_MIN_SECONDS=4: pending 4 s, cooldown 10 s), the scaler running every second.
// Counts, not CPU: on a machine shared with other engineers' builds a model server's CPU swings with
// the neighbours (a run at load average 28 saw a scale out under a trickle), while the requests
// the gateway counted are the load itself. The thresholds come from a calibration, the rate one
// instance serves under the full closed-loop load on this machine today (R per second): scale out
// above 20 R in a minute (20 s of the full load), in below 15 R; the light load runs at 0.2 R
// (12 R a minute), so it can neither scale out nor hold a scale in back.

export const MIN_SECONDS = 4;
export const SCALER_INTERVAL_S = 1;
export const COOL_DOWN_S = 10;
export const REQUESTS_PER_PHASE = 10_000;
export const SCALER_ENV = {
  BERTH_AUTOSCALING_MIN_SECONDS: String(MIN_SECONDS),
  BERTH_AUTOSCALING_INTERVAL_S: String(SCALER_INTERVAL_S),
};
const OUT_SECONDS = 20;
const IN_SECONDS = 15;
/** The light load's rate, as a share of what one instance served under the full load. */
export const LIGHT = 0.2;
const QUERY = 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.grouping().sum()';

export const SCALED_SCORE = 'def load_model():\n    return "scaled"\n\ndef predict(data, model=None):\n    return {"prediction": data.get("x"), "model": model}\n';

export interface Calibration {
  /** Requests per second of the full load on one instance. */
  rps: number;
  /** Requests in a minute. */
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
            metricExpressionRuleType: 'CUSTOM_EXPRESSION',
            scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: `${QUERY} > ${Math.round(c.scaleOutAbove)}`, pendingDuration: `PT${MIN_SECONDS}S` },
            scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: `${QUERY} < ${Math.round(c.scaleInBelow)}`, pendingDuration: `PT${MIN_SECONDS}S` },
          },
        ],
      },
    ],
  };
  // What the console accepts with the lowered minimums (OCI's own API would refuse it).
  return makeScalingPolicySchema({ limits: autoscalingLimits(MIN_SECONDS) }).parse(policy) as AutoScalingPolicy;
}

/** The full load on the one instance for a while: the rate it serves. */
export async function calibrate(url: string, body: Buffer, connections: number): Promise<Calibration> {
  const loop = startClosedLoop({ url, body, connections });
  try {
    await loop.reach(200, 60_000);
    loop.mark();
    await loop.reach(loop.count + 1000, 120_000);
    const { rps } = loop.window();
    return { rps, scaleOutAbove: rps * OUT_SECONDS, scaleInBelow: rps * IN_SECONDS };
  } finally {
    await loop.stop();
  }
}

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
  // On a timeout, what the scaler had to go on: its last records.
  const seen = () => `last scaler records: ${JSON.stringify(listScalingEvents(s.ctx.db, id, 3).map((e) => e.reason))}`;
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
 * Before a cycle: the last scaling's cooldown over, then the start of the next minute (the rule
 * sums each calendar minute), so the scale out is this cycle's load's doing and its time counts
 * from a deployment at rest at the start of a minute. A load that begins later in a minute is
 * decided up to a minute later: the [1m] query's nature, not the scaler's. After the calibration
 * (`afterCalibration`), one whole minute more: the calibration's minute counted above the threshold.
 */
async function atRest(s: BenchStack, id: string, minutes: number): Promise<void> {
  await waitFor(
    'the cooldown',
    () => {
      const now = Date.now();
      const last = lastScalingFinishedAt(s.ctx.db, id, now);
      return last === null || now >= last + COOL_DOWN_S * 1000;
    },
    120_000,
  );
  const next = (Math.floor(Date.now() / 60_000) + minutes) * 60_000;
  await waitFor('the next minute', () => Date.now() >= next, minutes * 60_000 + 1000);
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
  options: { minRequests: number; after: number; afterCalibration?: boolean },
): Promise<{ out: PhaseResult; in: PhaseResult }> {
  const { id, url, body, connections } = target;
  await atRest(s, id, options.afterCalibration ? 2 : 1);
  const t0 = Date.now();
  const heavy = startClosedLoop({ url, body, connections });
  const out = await phase(heavy, t0, scaling(s, id, 'SCALE_OUT', 180_000), options.minRequests, options.after);
  const t1 = Date.now();
  const light = startClosedLoop({ url, body, connections: Math.min(connections, 4), ratePerSecond: Math.max(10, c.rps * LIGHT) });
  const back = await phase(light, t1, scaling(s, id, 'SCALE_IN', 300_000), options.minRequests, options.after);
  return { out, in: back };
}
