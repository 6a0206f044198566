import { describe, expect, it } from 'vitest';
import { relativeTime, relativeTimeRefreshMs } from './relative-time';

const now = Date.parse('2026-12-01T10:00:00Z');
const ago = (ms: number) => relativeTime(now - ms, now);

describe('relativeTime', () => {
  it('says "just now" for the last few seconds, either side', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(4_999)).toBe('just now');
    expect(ago(-3_000)).toBe('just now');
  });

  it('counts seconds, minutes, hours and days, rounding down', () => {
    expect(ago(5_000)).toBe('5 s ago');
    expect(ago(59_999)).toBe('59 s ago');
    expect(ago(60_000)).toBe('1 min ago');
    expect(ago(2 * 60_000 + 59_000)).toBe('2 min ago');
    expect(ago(3_600_000)).toBe('1 h ago');
    expect(ago(23 * 3_600_000 + 3_599_000)).toBe('23 h ago');
    expect(ago(24 * 3_600_000)).toBe('1 day ago');
    expect(ago(3 * 24 * 3_600_000)).toBe('3 days ago');
  });

  it('switches to months after 60 days', () => {
    expect(ago(61 * 24 * 3_600_000)).toBe('2 months ago');
  });

  it('says "in ..." for times ahead of the clock', () => {
    expect(ago(-90_000)).toBe('in 1 min');
  });

  it('refreshes every second under a minute, then every 30 s', () => {
    expect(relativeTimeRefreshMs(now - 10_000, now)).toBe(1000);
    expect(relativeTimeRefreshMs(now - 600_000, now)).toBe(30_000);
  });
});
