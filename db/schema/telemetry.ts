import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Metric points under OCI Monitoring's names (namespace, metric name, dimensions), at one-minute
// resolution; the observability work fills these.
export const metricPoints = sqliteTable(
  'metric_points',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    resourceId: text('resource_id').notNull(),
    dimensions: text('dimensions', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    // Start of the minute, epoch milliseconds: range scans need a number.
    timestamp: integer('timestamp').notNull(),
    count: integer('count').notNull(),
    sum: real('sum').notNull(),
    min: real('min').notNull(),
    max: real('max').notNull(),
    // 60 000 for one-minute points, 3 600 000 for the hourly roll-ups kept beyond a day.
    resolutionMs: integer('resolution_ms').notNull().default(60_000),
    // Counts per latency bucket (server/domain/metric-stats.ts LATENCY_BUCKETS) so percentiles survive
    // aggregation; null for metrics without a distribution.
    histogram: text('histogram', { mode: 'json' }).$type<number[]>(),
  },
  (t) => [
    index('metric_points_lookup_idx').on(t.resourceId, t.name, t.timestamp),
    index('metric_points_name_time_idx').on(t.name, t.timestamp),
    index('metric_points_time_idx').on(t.timestamp),
  ],
);

export const logRecords = sqliteTable(
  'log_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceId: text('resource_id').notNull(),
    // 'access' (the gateway) or 'predict' (the serving containers), as OCI's log categories.
    category: text('category').$type<'access' | 'predict'>().notNull(),
    instanceId: text('instance_id'),
    level: text('level').notNull(),
    message: text('message').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    timestamp: integer('timestamp').notNull(),
  },
  (t) => [
    index('log_records_lookup_idx').on(t.resourceId, t.category, t.timestamp),
    index('log_records_time_idx').on(t.timestamp),
  ],
);
