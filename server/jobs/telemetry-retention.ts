import type Database from 'better-sqlite3';
import { rollUp } from '@/server/domain/metric-stats';
import { HOUR_MS, upsertPoints, type PointWrite } from '@/db/queries/metric-points';

/** Read from the settings (server/config.ts: BERTH_*_RETENTION_HOURS). */
export interface RetentionPolicy {
  /** One-minute points are kept this long, then rolled up to hourly points (default 24 h). */
  minuteRetentionMs: number;
  /** Hourly points are deleted after this long (default 30 days). */
  hourRetentionMs: number;
  /** log_records older than this are deleted (default 7 days). */
  logRetentionMs: number;
}

interface MinuteRow {
  namespace: string;
  name: string;
  resource_id: string;
  dimensions: string;
  timestamp: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  histogram: string | null;
}

/** Rolls complete hours of old minute points up into hourly points, then deletes what is past keeping. */
export function applyRetention(sqlite: Database.Database, policy: RetentionPolicy, now = Date.now()): { rolledUp: number; deleted: number } {
  // Only whole hours, so an hour is never rolled up twice from two halves.
  const cutoff = Math.floor((now - policy.minuteRetentionMs) / HOUR_MS) * HOUR_MS;
  let rolledUp = 0;
  let deleted = 0;
  sqlite.transaction(() => {
    const rows = sqlite
      .prepare('SELECT namespace, name, resource_id, dimensions, timestamp, count, sum, min, max, histogram FROM metric_points WHERE timestamp < ? AND resolution_ms < ?')
      .all(cutoff, HOUR_MS) as MinuteRow[];
    const series = new Map<string, MinuteRow[]>();
    for (const r of rows) {
      const key = `${r.namespace}\u0000${r.name}\u0000${r.resource_id}\u0000${r.dimensions}`;
      const list = series.get(key);
      if (list) list.push(r);
      else series.set(key, [r]);
    }
    for (const list of series.values()) {
      const first = list[0];
      if (!first) continue;
      const hourly = rollUp(
        list.map((r) => ({ timestamp: r.timestamp, count: r.count, sum: r.sum, min: r.min, max: r.max, histogram: r.histogram ? (JSON.parse(r.histogram) as number[]) : null })),
        HOUR_MS,
      );
      const writes: PointWrite[] = hourly.map((h) => ({
        ...h,
        name: first.name,
        resourceId: first.resource_id,
        dimensions: JSON.parse(first.dimensions) as Record<string, string>,
        resolutionMs: HOUR_MS,
      }));
      upsertPoints(sqlite, writes, first.namespace);
      rolledUp += writes.length;
    }
    deleted += sqlite.prepare('DELETE FROM metric_points WHERE timestamp < ? AND resolution_ms < ?').run(cutoff, HOUR_MS).changes;
    deleted += sqlite.prepare('DELETE FROM metric_points WHERE timestamp < ?').run(now - policy.hourRetentionMs).changes;
    deleted += sqlite.prepare('DELETE FROM log_records WHERE timestamp < ?').run(now - policy.logRetentionMs).changes;
    // Image builds are history for the operations page: as long as hourly metrics.
    const buildsBefore = new Date(now - policy.hourRetentionMs).toISOString();
    deleted += sqlite.prepare('DELETE FROM image_builds WHERE time_finished IS NOT NULL AND time_finished < ?').run(buildsBefore).changes;
    // The scaler's decisions (a hold at the bounds is recorded every interval while it lasts): as long too.
    deleted += sqlite.prepare('DELETE FROM scaling_events WHERE time < ?').run(buildsBefore).changes;
    // Alarm transitions and actions (a refusal is recorded at each repeat while it lasts): as long too.
    deleted += sqlite.prepare('DELETE FROM alarm_history WHERE time < ?').run(buildsBefore).changes;
  })();
  return { rolledUp, deleted };
}

/** Runs applyRetention now and then every intervalMs (hourly); returns a stop function. */
export function startRetention(sqlite: Database.Database, policy: RetentionPolicy, intervalMs = HOUR_MS): () => void {
  const run = () => {
    try {
      applyRetention(sqlite, policy);
    } catch (cause) {
      console.error('telemetry retention failed:', cause);
    }
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
