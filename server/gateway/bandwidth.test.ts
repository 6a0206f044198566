import { describe, expect, it } from 'vitest';
import { TokenBucket, bandwidthBytesPerSecond } from './bandwidth';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('TokenBucket', () => {
  it('holds one second of bandwidth and refills at the rate', () => {
    const c = clock();
    const bucket = new TokenBucket(bandwidthBytesPerSecond(8), c.now); // 8 Mbps = 1,000,000 bytes/s
    expect(bucket.available()).toBe(1_000_000);
    expect(bucket.tryAdmit(600_000)).toBe(true);
    expect(bucket.tryAdmit(600_000)).toBe(false);
    c.advance(200);
    expect(bucket.available()).toBe(600_000);
    expect(bucket.tryAdmit(600_000)).toBe(true);
    c.advance(60_000);
    expect(bucket.available()).toBe(1_000_000);
  });

  it('lets responses drive it into debt, refusing requests until repaid', () => {
    const c = clock();
    const bucket = new TokenBucket(bandwidthBytesPerSecond(8), c.now);
    expect(bucket.tryAdmit(1000)).toBe(true);
    bucket.consume(1_500_000);
    expect(bucket.tryAdmit(0)).toBe(false);
    c.advance(500); // 501,000 in debt, 500,000 repaid
    expect(bucket.tryAdmit(1)).toBe(false);
    c.advance(10);
    expect(bucket.tryAdmit(1)).toBe(true);
  });

  it('admits a payload above the burst only on a full bucket', () => {
    const c = clock();
    const bucket = new TokenBucket(bandwidthBytesPerSecond(8), c.now);
    expect(bucket.tryAdmit(1)).toBe(true);
    expect(bucket.tryAdmit(5_000_000)).toBe(false);
    c.advance(1000);
    expect(bucket.tryAdmit(5_000_000)).toBe(true);
    expect(bucket.available()).toBe(-4_000_000);
  });

  it('keeps its tokens across a rate change, capped to the new burst', () => {
    const c = clock();
    const bucket = new TokenBucket(bandwidthBytesPerSecond(8), c.now);
    bucket.setRate(bandwidthBytesPerSecond(4));
    expect(bucket.available()).toBe(500_000);
  });

  it('treats zero bandwidth as no limit and ignores a clock stepping back', () => {
    const c = clock(10_000);
    expect(new TokenBucket(0, c.now).tryAdmit(1e9)).toBe(true);
    const bucket = new TokenBucket(bandwidthBytesPerSecond(8), c.now);
    bucket.tryAdmit(1_000_000);
    c.advance(-5000);
    expect(bucket.available()).toBe(0);
  });
});
