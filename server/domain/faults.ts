// Fault injection: what a user can turn on for a deployment to test clients' retries and the
// console's own failure views, and the pure decisions the gateway and the provider make with it.
// No I/O here; randomness comes in as a function so tests can seed it.

export const FAULT_KINDS = ['SLOW_START', 'FAILING_BOOTSTRAP', 'ERROR_RATE', 'LATENCY', 'THROTTLE', 'CRASH_AFTER'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Applied by the gateway to each request, vs. by the provider when an instance starts. */
export const GATEWAY_FAULT_KINDS: readonly FaultKind[] = ['ERROR_RATE', 'LATENCY', 'THROTTLE', 'CRASH_AFTER'];

export const FAULT_LIMITS = {
  /** Every fault ends by itself: at least this long, so it can be seen and used... */
  minDurationSeconds: 5,
  /** ...and at most an hour, so a forgotten one cannot keep a deployment broken. */
  maxDurationSeconds: 3600,
  maxSlowStartSeconds: 600,
  /** Below OCI's 60 s predict timeout, so added latency never turns into a 504 by itself. */
  maxLatencyMs: 30_000,
  maxCrashAfterRequests: 100_000,
} as const;

export const ERROR_RATE_STATUSES = [500, 502, 503] as const;
export type ErrorRateStatus = (typeof ERROR_RATE_STATUSES)[number];

export type FaultSpec =
  | { kind: 'SLOW_START'; seconds: number }
  | { kind: 'FAILING_BOOTSTRAP' }
  | { kind: 'ERROR_RATE'; percent: number; status: ErrorRateStatus }
  | { kind: 'LATENCY'; ms: number }
  | { kind: 'THROTTLE'; percent: number }
  | { kind: 'CRASH_AFTER'; requests: number };

/** One fault as stored: what, since when, until when, and how it ended. */
export interface Fault {
  id: string;
  modelDeploymentId: string;
  spec: FaultSpec;
  timeStarted: string;
  /** When it stops by itself. */
  timeExpires: string;
  /** Set when it was turned off or its expiry was recorded. */
  timeEnded: string | null;
  endReason: FaultEndReason | null;
}

export type FaultEndReason = 'TURNED_OFF' | 'EXPIRED';

/** The header every answer the gateway made up (or delayed) carries, naming the fault. */
export const FAULT_HEADER = 'x-berth-fault';

export const FAULT_LABELS: Record<FaultKind, string> = {
  SLOW_START: 'Slow start',
  FAILING_BOOTSTRAP: 'Failing bootstrap',
  ERROR_RATE: '5xx answers',
  LATENCY: 'Added latency',
  THROTTLE: '429 answers',
  CRASH_AFTER: 'Instance crash',
};

/** "5xx answers: 30 % as HTTP 503" - what the badge and the work-request log say. */
export function describeFault(spec: FaultSpec): string {
  const label = FAULT_LABELS[spec.kind];
  switch (spec.kind) {
    case 'SLOW_START':
      return `${label}: each instance starts ${spec.seconds} s late`;
    case 'FAILING_BOOTSTRAP':
      return `${label}: each new instance exits at start`;
    case 'ERROR_RATE':
      return `${label}: ${spec.percent} % as HTTP ${spec.status}`;
    case 'LATENCY':
      return `${label}: +${spec.ms} ms per request`;
    case 'THROTTLE':
      return `${label}: ${spec.percent} % as HTTP 429`;
    case 'CRASH_AFTER':
      return `${label}: each instance is killed after ${spec.requests} request${spec.requests === 1 ? '' : 's'}`;
  }
}

/** On at `now`: started, not ended, not expired. Expiry is by the clock, so it holds even before it is recorded. */
export function isFaultActive(fault: Pick<Fault, 'timeStarted' | 'timeExpires' | 'timeEnded'>, now: number): boolean {
  return fault.timeEnded === null && Date.parse(fault.timeStarted) <= now && now < Date.parse(fault.timeExpires);
}

/** Faults whose time is up but whose end was not recorded yet. */
export function expiredUnrecorded<T extends Pick<Fault, 'timeExpires' | 'timeEnded'>>(faults: readonly T[], now: number): T[] {
  return faults.filter((f) => f.timeEnded === null && Date.parse(f.timeExpires) <= now);
}

/** Seconds left, rounded up; 0 once expired. */
export function secondsLeft(fault: Pick<Fault, 'timeExpires'>, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(fault.timeExpires) - now) / 1000));
}

/** A deterministic PRNG (mulberry32): the same seed gives the same decisions, for tests and replays. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the gateway does to one request, decided before it goes upstream. */
export type GatewayFaultDecision =
  | { action: 'forward'; delayMs: number }
  | { action: 'reject'; status: 429 | ErrorRateStatus; kind: 'THROTTLE' | 'ERROR_RATE'; delayMs: number };

type GatewaySpec = Extract<FaultSpec, { kind: 'ERROR_RATE' | 'LATENCY' | 'THROTTLE' }>;

const isGatewaySpec = (s: FaultSpec): s is GatewaySpec => s.kind === 'ERROR_RATE' || s.kind === 'LATENCY' || s.kind === 'THROTTLE';

/**
 * One request's fate under the faults that are on. Throttling is decided first (a rate limiter
 * answers before anything runs), then the 5xx rate; latency applies to every request, answered or
 * forwarded, so an injected error is as slow as a real one would be. One random draw per rate.
 */
export function decideRequest(specs: readonly FaultSpec[], random: () => number): GatewayFaultDecision {
  let delayMs = 0;
  let reject: Extract<GatewayFaultDecision, { action: 'reject' }> | null = null;
  for (const spec of specs.filter(isGatewaySpec)) {
    if (spec.kind === 'LATENCY') delayMs = Math.max(delayMs, spec.ms);
  }
  const throttle = specs.find((s): s is Extract<FaultSpec, { kind: 'THROTTLE' }> => s.kind === 'THROTTLE');
  if (throttle && random() * 100 < throttle.percent) reject = { action: 'reject', status: 429, kind: 'THROTTLE', delayMs };
  const errors = specs.find((s): s is Extract<FaultSpec, { kind: 'ERROR_RATE' }> => s.kind === 'ERROR_RATE');
  if (!reject && errors && random() * 100 < errors.percent) reject = { action: 'reject', status: errors.status, kind: 'ERROR_RATE', delayMs };
  return reject ?? { action: 'forward', delayMs };
}

/** After an instance served `served` requests under the fault: is it time to kill it? */
export function shouldCrash(specs: readonly FaultSpec[], served: number): boolean {
  const crash = specs.find((s): s is Extract<FaultSpec, { kind: 'CRASH_AFTER' }> => s.kind === 'CRASH_AFTER');
  return crash !== undefined && served >= crash.requests;
}

/** The message of an injected error body, OCI-shaped, saying plainly it is not a real failure. */
export function injectedMessage(kind: 'THROTTLE' | 'ERROR_RATE', status: number): string {
  return kind === 'THROTTLE'
    ? 'Too many requests (HTTP 429 injected by fault injection on this model deployment).'
    : `The model server failed (HTTP ${status} injected by fault injection on this model deployment).`;
}

/** What the provider does when it starts an instance while instance faults are on. */
export interface InstanceStartFaults {
  /** Hold the container's start this long (ms); 0: none. */
  holdMs: number;
  /** Replace the container's command with one that prints this and exits 1; null: none. */
  failMessage: string | null;
}

export const BOOTSTRAP_FAILURE_MESSAGE = 'berth fault injection: failing bootstrap (the instance exits on purpose; turn the fault off to start normally)';

export function instanceStartFaults(specs: readonly FaultSpec[]): InstanceStartFaults {
  const slow = specs.find((s): s is Extract<FaultSpec, { kind: 'SLOW_START' }> => s.kind === 'SLOW_START');
  const failing = specs.some((s) => s.kind === 'FAILING_BOOTSTRAP');
  return { holdMs: slow ? slow.seconds * 1000 : 0, failMessage: failing ? BOOTSTRAP_FAILURE_MESSAGE : null };
}
