import type Database from 'better-sqlite3';
import { capLogText } from '@/server/domain/log-cap';
import { LATENCY_BUCKETS, bucketIndex, emptyHistogram } from '@/server/domain/metric-stats';
import type { RequestRecord } from '@/server/gateway/types';
import { DEFAULT_ACCESS_LOG_PER_SECOND, createAccessSampler, summaryMessage, type SkippedSummary } from '@/server/gateway/telemetry/access-sampler';
import { MINUTE_MS, upsertPoints, type PointWrite } from '@/db/queries/metric-points';
import { resultOf, statusFamily } from '@/server/gateway/telemetry/status';

// The gateway's metrics and access log: onRequestDone only updates an in-memory aggregate (one map
// entry per minute, deployment and status) and queues the access lines the sampler admits; a timer
// turns both into rows, in one transaction every few seconds.

interface Bucket {
  minute: number;
  resourceId: string;
  status: number;
  count: number;
  latencySum: number;
  latencyMin: number;
  latencyMax: number;
  histogram: number[];
  bytes: number;
}

type AccessLine = { record: RequestRecord } | { summary: SkippedSummary };

export interface TelemetryRecorder {
  /** The gateway's onRequestDone. */
  record(record: RequestRecord): void;
  /** Writes what is pending now (tests, shutdown). */
  flush(): void;
  start(): void;
  /** Flushes and stops the timer. */
  stop(): void;
}

export interface TelemetryRecorderOptions {
  sqlite: Database.Database;
  flushIntervalMs?: number;
  /** Beyond this many access log lines waiting for a flush, new ones are counted and dropped. */
  maxPendingLogs?: number;
  /** Successes and failures each logged one by one per deployment and second; a summary line counts the rest. */
  accessLogPerSecond?: number;
}

export function createTelemetryRecorder(options: TelemetryRecorderOptions): TelemetryRecorder {
  const { sqlite } = options;
  const maxPendingLogs = options.maxPendingLogs ?? 50_000;
  let buckets = new Map<string, Bucket>();
  let logs: AccessLine[] = [];
  let dropped = 0;
  let timer: NodeJS.Timeout | null = null;
  let warned = false;
  const sampler = createAccessSampler(options.accessLogPerSecond ?? DEFAULT_ACCESS_LOG_PER_SECOND);

  const record = (r: RequestRecord): void => {
    const minute = r.timestamp - (r.timestamp % MINUTE_MS);
    const key = `${minute}|${r.modelDeploymentId}|${r.status}`;
    let b = buckets.get(key);
    if (!b) {
      b = { minute, resourceId: r.modelDeploymentId, status: r.status, count: 0, latencySum: 0, latencyMin: Infinity, latencyMax: -Infinity, histogram: emptyHistogram(), bytes: 0 };
      buckets.set(key, b);
    }
    b.count++;
    b.latencySum += r.latencyMs;
    if (r.latencyMs < b.latencyMin) b.latencyMin = r.latencyMs;
    if (r.latencyMs > b.latencyMax) b.latencyMax = r.latencyMs;
    const i = bucketIndex(r.latencyMs, LATENCY_BUCKETS);
    b.histogram[i] = (b.histogram[i] ?? 0) + 1;
    b.bytes += r.bytesIn + r.bytesOut;
    if (!sampler.admit(r)) return;
    if (logs.length < maxPendingLogs) logs.push({ record: r });
    else dropped++;
  };

  const flush = (final = false): void => {
    for (const summary of sampler.drain(final ? undefined : Date.now())) logs.push({ summary });
    if (buckets.size === 0 && logs.length === 0) return;
    const batch = buckets;
    const lines = logs;
    const lost = dropped;
    buckets = new Map();
    logs = [];
    dropped = 0;
    try {
      const points = toPoints([...batch.values()], bandwidths(sqlite));
      const insertLog = sqlite.prepare(
        'INSERT INTO log_records (resource_id, category, instance_id, level, message, data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      sqlite.transaction(() => {
        upsertPoints(sqlite, points);
        for (const line of lines) {
          if ('summary' in line) {
            const s = line.summary;
            const data = { sampled: true, skipped: s.skipped, byStatusFamily: s.byStatusFamily };
            // At the second's end, so newest-first lists show it after the lines it follows.
            insertLog.run(s.resourceId, 'access', null, s.failures > 0 ? 'WARNING' : 'INFO', capLogText(summaryMessage(s)).text, JSON.stringify(data), s.second + 999);
            continue;
          }
          const r = line.record;
          const data = { opcRequestId: r.opcRequestId, status: r.status, latencyMs: round(r.latencyMs), bytesIn: r.bytesIn, bytesOut: r.bytesOut, instanceId: r.instanceId ?? null };
          insertLog.run(r.modelDeploymentId, 'access', r.instanceId ?? null, r.status >= 400 ? 'ERROR' : 'INFO', accessMessage(r), JSON.stringify(data), r.timestamp);
        }
      })();
      if (lost > 0) console.warn(`gateway telemetry: ${lost} access log lines dropped (more than ${maxPendingLogs} between flushes)`);
    } catch (cause) {
      // Metrics must never take the data plane down; one line is enough to find the cause.
      if (!warned) console.error('gateway telemetry: writing metrics failed:', cause);
      warned = true;
    }
  };

  return {
    record,
    flush: () => flush(true),
    start() {
      if (timer) return;
      timer = setInterval(() => flush(), options.flushIntervalMs ?? 5000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      flush(true);
    },
  };
}

// Capped like every stored log record; an access line is short, so this costs one length check.
export const accessMessage = (r: RequestRecord): string => capLogText(`POST /${r.modelDeploymentId}/predict ${r.status} ${round(r.latencyMs)} ms`).text;

function bandwidths(sqlite: Database.Database): Map<string, number> {
  const rows = sqlite.prepare('SELECT model_deployment_id AS id, bandwidth_mbps AS mbps FROM gateway_routes').all() as { id: string; mbps: number }[];
  return new Map(rows.map((r) => [r.id, r.mbps]));
}

/**
 * OCI's model deployment metrics from the per-status aggregates. PredictResponse samples are 100 for
 * a success and 0 for a failure: mean() is then the success rate in percent and count() the number
 * of responses, as OCI's two PredictResponse charts show.
 */
export function toPoints(buckets: readonly Bucket[], bandwidthMbps: Map<string, number>): PointWrite[] {
  const out: PointWrite[] = [];
  const perMinute = new Map<string, { minute: number; resourceId: string; count: number; bytes: number }>();
  const latency = new Map<string, PointWrite>();
  for (const b of buckets) {
    const result = resultOf(b.status);
    const resp = result === 'Success' ? 100 : 0;
    out.push({
      name: 'PredictResponse',
      resourceId: b.resourceId,
      dimensions: { resourceId: b.resourceId, statusCode: String(b.status), result, statusFamily: statusFamily(b.status) },
      timestamp: b.minute,
      count: b.count,
      sum: resp * b.count,
      min: resp,
      max: resp,
      histogram: null,
    });
    const lkey = `${b.minute}|${b.resourceId}|${result}`;
    const l = latency.get(lkey);
    if (!l) {
      latency.set(lkey, {
        name: 'PredictLatency',
        resourceId: b.resourceId,
        dimensions: { resourceId: b.resourceId, result },
        timestamp: b.minute,
        count: b.count,
        sum: b.latencySum,
        min: b.latencyMin,
        max: b.latencyMax,
        histogram: [...b.histogram],
      });
    } else {
      l.count += b.count;
      l.sum += b.latencySum;
      l.min = Math.min(l.min, b.latencyMin);
      l.max = Math.max(l.max, b.latencyMax);
      l.histogram = (l.histogram ?? []).map((c, i) => c + (b.histogram[i] ?? 0));
    }
    const mkey = `${b.minute}|${b.resourceId}`;
    const m = perMinute.get(mkey);
    if (m) {
      m.count += b.count;
      m.bytes += b.bytes;
    } else perMinute.set(mkey, { minute: b.minute, resourceId: b.resourceId, count: b.count, bytes: b.bytes });
  }
  out.push(...latency.values());
  for (const m of perMinute.values()) {
    const base = { resourceId: m.resourceId, dimensions: { resourceId: m.resourceId }, timestamp: m.minute, histogram: null, mode: 'total' as const };
    out.push({ ...base, name: 'PredictRequestCount', count: 1, sum: m.count, min: m.count, max: m.count });
    const mbps = bandwidthMbps.get(m.resourceId);
    if (mbps && mbps > 0) {
      const pct = ((m.bytes * 8) / (mbps * 1_000_000 * 60)) * 100;
      out.push({ ...base, name: 'PredictBandwidth', count: 1, sum: pct, min: pct, max: pct });
    }
  }
  return out;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
