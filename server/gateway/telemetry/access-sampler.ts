import type { RequestRecord } from '@/server/gateway/types';
import { statusFamily } from '@/server/gateway/telemetry/status';

// Under load the access log keeps the first N successes and the first N failures of every second
// per deployment, and one summary line for the rest of that second. Without a bound, one row per
// request costs the gateway several percent of its throughput (an SQLite insert is ~5 µs, a request
// ~80 µs) and the log grows by gigabytes an hour; the metrics still count every request exactly.

export const DEFAULT_ACCESS_LOG_PER_SECOND = 100;

export interface SkippedSummary {
  resourceId: string;
  /** Epoch ms of the second's start. */
  second: number;
  skipped: number;
  /** Requests not logged one by one, by status family ('2XX', '4XX', ...). */
  byStatusFamily: Record<string, number>;
  /** Some of the skipped requests failed (status 400 or more). */
  failures: number;
}

interface Window {
  second: number;
  ok: number;
  failed: number;
  skipped: number;
  failures: number;
  byStatusFamily: Record<string, number>;
}

export interface AccessSampler {
  /** True when the request gets its own access log line; false when a summary counts it. */
  admit(r: RequestRecord): boolean;
  /** Summaries of the seconds before `now` that skipped requests (all of them when `now` is omitted). */
  drain(now?: number): SkippedSummary[];
}

export function createAccessSampler(perSecond: number): AccessSampler {
  const windows = new Map<string, Window>();
  const finished: SkippedSummary[] = [];

  const summary = (resourceId: string, w: Window): SkippedSummary => ({
    resourceId,
    second: w.second,
    skipped: w.skipped,
    byStatusFamily: w.byStatusFamily,
    failures: w.failures,
  });

  return {
    admit(r) {
      const second = r.timestamp - (r.timestamp % 1000);
      let w = windows.get(r.modelDeploymentId);
      // Records arrive when requests end, so a slow one may belong to a second already passed: it
      // counts against the current window rather than reopening an old one.
      if (!w || second > w.second) {
        if (w && w.skipped > 0) finished.push(summary(r.modelDeploymentId, w));
        w = { second, ok: 0, failed: 0, skipped: 0, failures: 0, byStatusFamily: {} };
        windows.set(r.modelDeploymentId, w);
      }
      const failure = r.status >= 400;
      if (failure ? w.failed < perSecond : w.ok < perSecond) {
        if (failure) w.failed++;
        else w.ok++;
        return true;
      }
      w.skipped++;
      if (failure) w.failures++;
      const family = statusFamily(r.status);
      w.byStatusFamily[family] = (w.byStatusFamily[family] ?? 0) + 1;
      return false;
    },
    drain(now) {
      const out = finished.splice(0);
      const current = now === undefined ? Infinity : now - (now % 1000);
      for (const [id, w] of windows) {
        if (w.second >= current) continue;
        if (w.skipped > 0) out.push(summary(id, w));
        windows.delete(id);
      }
      return out;
    },
  };
}

export function summaryMessage(s: SkippedSummary): string {
  const families = Object.entries(s.byStatusFamily)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([family, n]) => `${family} ${n.toLocaleString('en-US')}`)
    .join(', ');
  return `${s.skipped.toLocaleString('en-US')} more requests in this second not logged one by one (${families}); the metrics count every request`;
}
