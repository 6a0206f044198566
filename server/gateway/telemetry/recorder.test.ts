import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, tempDb } from '@/server/gateway/test-support';
import type { RequestRecord } from '@/server/gateway/types';
import { createTelemetryRecorder } from '@/server/gateway/telemetry/recorder';

afterEach(cleanupAll);

const MD = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaarecorder';

describe('telemetry recorder', () => {
  it('under load writes the sampled access lines and a summary, while the metrics count every request', () => {
    const { db } = tempDb();
    const recorder = createTelemetryRecorder({ sqlite: db.$client, accessLogPerSecond: 10 });
    const second = Date.now() - (Date.now() % 1000) - 5000;
    for (let i = 0; i < 40; i++) {
      const r: RequestRecord = { modelDeploymentId: MD, instanceId: 'i1', status: i % 8 === 0 ? 503 : 200, latencyMs: 2, bytesIn: 100, bytesOut: 50, opcRequestId: `req-${i}`, timestamp: second + i };
      recorder.record(r);
    }
    recorder.flush();

    const rows = db.$client
      .prepare("SELECT level, message, data, timestamp FROM log_records WHERE resource_id = ? AND category = 'access' ORDER BY id")
      .all(MD) as { level: string; message: string; data: string; timestamp: number }[];
    // 35 successes and 5 failures: all 5 failures and the first 10 successes, then one summary.
    expect(rows.filter((r) => r.level === 'ERROR')).toHaveLength(5);
    expect(rows.filter((r) => r.level === 'INFO' && r.message.startsWith('POST '))).toHaveLength(10);
    const summary = rows.at(-1);
    expect(summary?.message).toBe('25 more requests in this second not logged one by one (2XX 25); the metrics count every request');
    expect(summary?.level).toBe('INFO');
    expect(summary?.timestamp).toBe(second + 999);
    expect(JSON.parse(summary?.data ?? '{}')).toEqual({ sampled: true, skipped: 25, byStatusFamily: { '2XX': 25 } });

    const count = db.$client
      .prepare("SELECT sum(sum) AS n FROM metric_points WHERE resource_id = ? AND name = 'PredictRequestCount'")
      .get(MD) as { n: number };
    expect(count.n).toBe(40);
  });
});
