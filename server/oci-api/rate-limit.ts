// A token bucket per user for the OCI-compatible API: `burst` requests at once, refilled at
// `perSecond`. Beyond it OCI answers 429 TooManyRequests with Retry-After, and so does this.

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle long enough to be full again are dropped, so the map does not grow without end. */
const SWEEP_EVERY = 1024;

export function createRateLimiter(limit: RateLimit): (key: string, nowMs: number) => RateDecision {
  const buckets = new Map<string, Bucket>();
  let calls = 0;
  const refilled = (b: Bucket, nowMs: number) => Math.min(limit.burst, b.tokens + (Math.max(0, nowMs - b.at) / 1000) * limit.perSecond);

  return (key, nowMs) => {
    if (++calls % SWEEP_EVERY === 0) {
      for (const [k, b] of buckets) if (refilled(b, nowMs) >= limit.burst) buckets.delete(k);
    }
    const b = buckets.get(key) ?? { tokens: limit.burst, at: nowMs };
    const tokens = refilled(b, nowMs);
    if (tokens >= 1) {
      buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return { allowed: true };
    }
    buckets.set(key, { tokens, at: nowMs });
    // Whole seconds, as Retry-After carries them: at least 1, the time until one token is back.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)) };
  };
}
