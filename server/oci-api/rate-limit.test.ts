import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('the per-user token bucket', () => {
  it('lets a burst through, refuses the next with the whole seconds until a token is back, and refills', () => {
    const limit = createRateLimiter({ perSecond: 2, burst: 3 });
    expect([0, 0, 0].map((t) => limit('a', t).allowed)).toEqual([true, true, true]);
    expect(limit('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another user is not held back by the first.
    expect(limit('b', 0).allowed).toBe(true);
    // Half a second at 2 a second gives one token back, and only one.
    expect(limit('a', 500).allowed).toBe(true);
    expect(limit('a', 500).allowed).toBe(false);
  });

  it('rounds a slow refill up to whole seconds and never above the burst', () => {
    const limit = createRateLimiter({ perSecond: 0.25, burst: 1 });
    expect(limit('a', 0).allowed).toBe(true);
    expect(limit('a', 1000)).toEqual({ allowed: false, retryAfterSeconds: 3 });
    // A long idle refills to the burst, not beyond: one request, then a refusal.
    expect(limit('a', 3_600_000).allowed).toBe(true);
    expect(limit('a', 3_600_000).allowed).toBe(false);
  });
});
