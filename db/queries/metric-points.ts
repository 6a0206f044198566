import type Database from 'better-sqlite3';
import { mergeAggregates, type PointAggregate } from '@/server/domain/metric-stats';

export const MODEL_DEPLOY_NAMESPACE = 'oci_datascience_modeldeploy';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export interface PointWrite extends PointAggregate {
  name: string;
  resourceId: string;
  dimensions: Record<string, string>;
  timestamp: number;
  resolutionMs?: number;
  /**
   * 'total': one value per period (a per-minute count); merging adds the values and keeps count 1.
   * 'samples' (default): each sample counts, so a later flush of the same minute adds to the aggregate.
   */
  mode?: 'total' | 'samples';
}

/** Dimension JSON with sorted keys: the query groups series by its text. */
export function canonicalDimensions(d: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

interface StoredRow {
  id: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  histogram: string | null;
}

/** Adds points to metric_points, merging into the row of the same series and period if there is one. */
export function upsertPoints(sqlite: Database.Database, points: readonly PointWrite[], namespace = MODEL_DEPLOY_NAMESPACE): void {
  const find = sqlite.prepare(
    'SELECT id, count, sum, min, max, histogram FROM metric_points WHERE resource_id = ? AND name = ? AND timestamp = ? ' +
      'AND namespace = ? AND resolution_ms = ? AND dimensions = ?',
  );
  const insert = sqlite.prepare(
    'INSERT INTO metric_points (namespace, name, resource_id, dimensions, timestamp, count, sum, min, max, resolution_ms, histogram) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const update = sqlite.prepare('UPDATE metric_points SET count = ?, sum = ?, min = ?, max = ?, histogram = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (const p of points) {
      const dims = canonicalDimensions(p.dimensions);
      const res = p.resolutionMs ?? MINUTE_MS;
      const row = find.get(p.resourceId, p.name, p.timestamp, namespace, res, dims) as StoredRow | undefined;
      if (!row) {
        insert.run(namespace, p.name, p.resourceId, dims, p.timestamp, p.count, p.sum, p.min, p.max, res, p.histogram ? JSON.stringify(p.histogram) : null);
        continue;
      }
      const stored: PointAggregate = { ...row, histogram: row.histogram ? (JSON.parse(row.histogram) as number[]) : null };
      const merged = mergeAggregates([stored, p]) ?? stored;
      if (p.mode === 'total') {
        merged.count = 1;
        merged.min = merged.sum;
        merged.max = merged.sum;
      }
      update.run(merged.count, merged.sum, merged.min, merged.max, merged.histogram ? JSON.stringify(merged.histogram) : null, row.id);
    }
  })();
}
