import { describe, expect, it } from 'vitest';
import {
  decideRequest,
  describeFault,
  expiredUnrecorded,
  instanceStartFaults,
  isFaultActive,
  secondsLeft,
  seededRandom,
  shouldCrash,
  type FaultSpec,
} from './faults';
import { startFaultSchema, toFaultSpec } from '@/server/validation/faults';

const rateOf = (specs: FaultSpec[], seed: number, n: number) => {
  const random = seededRandom(seed);
  const counts = { forward: 0, 429: 0, 500: 0, 502: 0, 503: 0 };
  for (let i = 0; i < n; i += 1) {
    const d = decideRequest(specs, random);
    if (d.action === 'forward') counts.forward += 1;
    else counts[d.status] += 1;
  }
  return counts;
};

describe('fault decisions', () => {
  it('gives the same decisions for the same seed', () => {
    const specs: FaultSpec[] = [{ kind: 'ERROR_RATE', percent: 30, status: 503 }];
    const a = seededRandom(42);
    const b = seededRandom(42);
    const seqA = Array.from({ length: 50 }, () => decideRequest(specs, a).action);
    const seqB = Array.from({ length: 50 }, () => decideRequest(specs, b).action);
    expect(seqA).toEqual(seqB);
    expect(seqA).toContain('reject');
    expect(seqA).toContain('forward');
  });

  it('answers about the requested share with the requested status', () => {
    const counts = rateOf([{ kind: 'ERROR_RATE', percent: 25, status: 502 }], 7, 10_000);
    expect(counts[502] / 10_000).toBeGreaterThan(0.23);
    expect(counts[502] / 10_000).toBeLessThan(0.27);
    expect(counts[500] + counts[503] + counts[429]).toBe(0);
  });

  it('100 % rejects every request and 0 faults forward every one without delay', () => {
    expect(rateOf([{ kind: 'THROTTLE', percent: 100 }], 1, 200)[429]).toBe(200);
    expect(decideRequest([], seededRandom(1))).toEqual({ action: 'forward', delayMs: 0 });
  });

  it('throttles before it fails, and delays both answers and forwards', () => {
    const specs: FaultSpec[] = [
      { kind: 'THROTTLE', percent: 100 },
      { kind: 'ERROR_RATE', percent: 100, status: 500 },
      { kind: 'LATENCY', ms: 250 },
    ];
    expect(decideRequest(specs, seededRandom(3))).toEqual({ action: 'reject', status: 429, kind: 'THROTTLE', delayMs: 250 });
    expect(decideRequest([{ kind: 'LATENCY', ms: 40 }], seededRandom(3))).toEqual({ action: 'forward', delayMs: 40 });
    // A 5xx rate of 50 % beside a throttle of 50 % still fails about half of what was not throttled.
    const mixed = rateOf([{ kind: 'THROTTLE', percent: 50 }, { kind: 'ERROR_RATE', percent: 50, status: 500 }], 11, 8000);
    expect(mixed[429] / 8000).toBeCloseTo(0.5, 1);
    expect(mixed[500] / 8000).toBeCloseTo(0.25, 1);
  });

  it('crashes an instance once it has served the given number of requests', () => {
    const specs: FaultSpec[] = [{ kind: 'CRASH_AFTER', requests: 3 }];
    expect([1, 2, 3, 4].map((n) => shouldCrash(specs, n))).toEqual([false, false, true, true]);
    expect(shouldCrash([{ kind: 'LATENCY', ms: 5 }], 1000)).toBe(false);
  });

  it('turns instance faults into a start hold and a failure message', () => {
    expect(instanceStartFaults([])).toEqual({ holdMs: 0, failMessage: null });
    const both = instanceStartFaults([{ kind: 'SLOW_START', seconds: 4 }, { kind: 'FAILING_BOOTSTRAP' }]);
    expect(both.holdMs).toBe(4000);
    expect(both.failMessage).toMatch(/fault injection/);
  });
});

describe('fault lifetime', () => {
  const fault = { timeStarted: '2026-01-01T00:00:00.000Z', timeExpires: '2026-01-01T00:01:00.000Z', timeEnded: null };
  const at = (iso: string) => Date.parse(iso);

  it('is on between its start and its expiry, by the clock', () => {
    expect(isFaultActive(fault, at('2025-12-31T23:59:59Z'))).toBe(false);
    expect(isFaultActive(fault, at('2026-01-01T00:00:30Z'))).toBe(true);
    expect(isFaultActive(fault, at('2026-01-01T00:01:00Z'))).toBe(false);
    expect(isFaultActive({ ...fault, timeEnded: '2026-01-01T00:00:10Z' }, at('2026-01-01T00:00:30Z'))).toBe(false);
  });

  it('finds the expired faults whose end is not recorded, and counts seconds left', () => {
    const ended = { ...fault, timeEnded: '2026-01-01T00:00:10Z' };
    expect(expiredUnrecorded([fault, ended], at('2026-01-01T00:02:00Z'))).toEqual([fault]);
    expect(expiredUnrecorded([fault], at('2026-01-01T00:00:59Z'))).toEqual([]);
    expect(secondsLeft(fault, at('2026-01-01T00:00:30.500Z'))).toBe(30);
    expect(secondsLeft(fault, at('2026-01-01T00:05:00Z'))).toBe(0);
  });

  it('describes each fault in words', () => {
    expect(describeFault({ kind: 'ERROR_RATE', percent: 30, status: 503 })).toBe('5xx answers: 30 % as HTTP 503');
    expect(describeFault({ kind: 'CRASH_AFTER', requests: 1 })).toBe('Instance crash: each instance is killed after 1 request');
    expect(describeFault({ kind: 'SLOW_START', seconds: 20 })).toMatch(/20 s late/);
  });
});

describe('startFaultSchema', () => {
  it('accepts form text and bounds every number', () => {
    const parsed = startFaultSchema.parse({ kind: 'ERROR_RATE', durationSeconds: '60', percent: '30' });
    expect(parsed).toEqual({ kind: 'ERROR_RATE', durationSeconds: 60, percent: 30, status: 500 });
    expect(toFaultSpec(parsed)).toEqual({ kind: 'ERROR_RATE', percent: 30, status: 500 });
    expect(toFaultSpec(startFaultSchema.parse({ kind: 'FAILING_BOOTSTRAP', durationSeconds: 5 }))).toEqual({ kind: 'FAILING_BOOTSTRAP' });
  });

  it.each([
    [{ kind: 'LATENCY', ms: 100 }, 'Duration'],
    [{ kind: 'LATENCY', ms: 100, durationSeconds: 4 }, 'at least 5 s'],
    [{ kind: 'LATENCY', ms: 100, durationSeconds: 3601 }, 'at most 3600 s'],
    [{ kind: 'LATENCY', ms: 30_001, durationSeconds: 60 }, 'at most 30000 ms'],
    [{ kind: 'THROTTLE', percent: 0, durationSeconds: 60 }, 'at least 1 %'],
    [{ kind: 'ERROR_RATE', percent: 5, status: 404, durationSeconds: 60 }, 'one of 500, 502, 503'],
    [{ kind: 'CRASH_AFTER', requests: 1.5, durationSeconds: 60 }, 'whole number'],
    [{ kind: 'NOPE', durationSeconds: 60 }, 'Kind must be one of'],
    [{ kind: 'FAILING_BOOTSTRAP', durationSeconds: 60, extra: 1 }, 'extra'],
  ])('refuses %j, naming the problem', (input, message) => {
    const r = startFaultSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
});
