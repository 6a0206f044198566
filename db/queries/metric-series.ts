import type { Db } from '../client';

export interface MetricSeriesRow {
  namespace: string;
  name: string;
  resourceId: string;
  dimensions: Record<string, string>;
}

/**
 * The distinct metric streams (namespace, name, dimensions) that received points since `sinceMs`:
 * what OCI Monitoring's listMetrics answers (it looks back two weeks).
 */
export function listMetricSeries(db: Db, filter: { namespace?: string; name?: string; sinceMs: number }): MetricSeriesRow[] {
  const where = ['timestamp >= @since', ...(filter.namespace ? ['namespace = @namespace'] : []), ...(filter.name ? ['name = @name'] : [])];
  const rows = db.$client
    .prepare(`SELECT DISTINCT namespace, name, resource_id AS resourceId, dimensions FROM metric_points WHERE ${where.join(' AND ')} ORDER BY namespace, name, dimensions`)
    .all({ since: filter.sinceMs, ...(filter.namespace ? { namespace: filter.namespace } : {}), ...(filter.name ? { name: filter.name } : {}) }) as { namespace: string; name: string; resourceId: string; dimensions: string }[];
  return rows.map((r) => ({ ...r, dimensions: JSON.parse(r.dimensions) as Record<string, string> }));
}
