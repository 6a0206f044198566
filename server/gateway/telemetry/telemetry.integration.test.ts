import { afterEach, describe, expect, it } from 'vitest';
import { MD1, cleanupAll, predict, putInstance, putRoute, startContainer, startGateway, tempDb, waitFor, waitHealthy } from '@/server/gateway/test-support';
import { MODEL_DEPLOY_NAMESPACE } from '@/db/queries/metric-points';
import { summarizeMetricsData } from '@/db/queries/metrics';
import { createTelemetryRecorder } from '@/server/gateway/telemetry/recorder';
import { applyRetention } from '@/server/jobs/telemetry-retention';

afterEach(cleanupAll);

const UNKNOWN = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaaunknown';

describe('gateway telemetry', () => {
  it('records known traffic as OCI metrics and access log rows', async () => {
    const { db, file } = tempDb();
    const c = await startContainer('a');
    c.onRequest = (req, res) => {
      const fail = req.body.includes('"fail":true');
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a1', modelDeploymentId: MD1, port: c.port });
    const recorder = createTelemetryRecorder({ sqlite: db.$client });
    const seen: number[] = [];
    const { gateway, url } = await startGateway({
      dbFile: file,
      onRequestDone: (r) => {
        seen.push(r.status);
        recorder.record(r);
      },
    });
    await waitHealthy(gateway, MD1, ['a1']);
    const started = Date.now();

    for (let i = 0; i < 20; i++) expect((await predict(url, MD1, { x: i })).status).toBe(200);
    for (let i = 0; i < 7; i++) expect((await predict(url, MD1, { fail: true })).status).toBe(500);
    for (let i = 0; i < 3; i++) expect((await predict(url, UNKNOWN, {})).status).toBe(404);
    await waitFor(() => seen.length, (n) => n >= 27);
    recorder.flush();

    const q = async (query: string) => {
      const r = await summarizeMetricsData(db, { namespace: MODEL_DEPLOY_NAMESPACE, query, startTime: started - 120_000, endTime: Date.now() + 60_000 });
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    };
    const total = async (query: string) => (await q(query)).flatMap((s) => s.aggregatedDatapoints).reduce((a, p) => a + p.value, 0);

    expect(await total(`PredictRequestCount[1m]{resourceId = "${MD1}"}.sum()`)).toBe(27);
    expect(await total(`PredictRequestCount[1m]{resourceId = "${UNKNOWN}"}.sum()`)).toBe(0);
    const byFamily = await q(`PredictResponse[1h]{resourceId = "${MD1}"}.count()`);
    const count = (family: string) =>
      byFamily.filter((s) => s.dimensions.statusFamily === family).flatMap((s) => s.aggregatedDatapoints).reduce((a, p) => a + p.value, 0);
    expect(count('2XX')).toBe(20);
    expect(count('5XX')).toBe(7);
    expect(count('4XX')).toBe(0);
    expect(byFamily.find((s) => s.dimensions.statusFamily === '5XX')?.dimensions).toMatchObject({ statusCode: '500', result: 'Failure' });

    // Traffic may straddle an hour boundary (two datapoints), so the rate is checked from totals;
    // with one window, the mean itself must be the success rate.
    const rate = await q(`PredictResponse[1h]{resourceId = "${MD1}"}.grouping().mean()`);
    expect(rate).toHaveLength(1);
    const successSum = await total(`PredictResponse[1h]{resourceId = "${MD1}"}.grouping().sum()`);
    const responses = await total(`PredictResponse[1h]{resourceId = "${MD1}"}.grouping().count()`);
    expect((successSum / responses)).toBeCloseTo((20 / 27) * 100, 5);
    if (rate[0]?.aggregatedDatapoints.length === 1) expect(rate[0].aggregatedDatapoints[0]?.value).toBeCloseTo((20 / 27) * 100, 5);

    // p50 <= p99 <= max holds within any window, so the last one is enough even across midnight.
    const stat = async (s: string) => (await q(`PredictLatency[1d]{resourceId = "${MD1}", result = "Success"}.${s}()`))[0]?.aggregatedDatapoints.at(-1)?.value ?? -1;
    const p50 = await stat('p50');
    const p99 = await stat('p99');
    const max = await stat('max');
    expect(p50).toBeGreaterThan(0);
    expect(p50).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);
    expect(max).toBeLessThan(5000);
    expect(await total(`PredictBandwidth[1m]{resourceId = "${MD1}"}.max()`)).toBeGreaterThan(0);

    const logs = db.$client.prepare("SELECT resource_id, level, message, data FROM log_records WHERE category = 'access' ORDER BY id").all() as {
      resource_id: string;
      level: string;
      message: string;
      data: string;
    }[];
    expect(logs).toHaveLength(27);
    expect(logs.every((l) => l.resource_id === MD1)).toBe(true);
    expect(logs.filter((l) => l.level === 'ERROR')).toHaveLength(7);
    expect(logs[0]?.message).toMatch(new RegExp(`^POST /${MD1}/predict 200 [\\d.]+ ms$`));
    expect(JSON.parse(logs[0]?.data ?? '{}')).toMatchObject({ status: 200, instanceId: 'a1', opcRequestId: expect.stringMatching(/^[0-9A-F]{8}[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/) });

    // Retention: a day later the minutes become an hour with the same totals.
    applyRetention(db.$client, { minuteRetentionMs: 0, hourRetentionMs: 30 * 86_400_000, logRetentionMs: 7 * 86_400_000 }, Date.now() + 2 * 3_600_000);
    const hourly = db.$client.prepare('SELECT DISTINCT resolution_ms AS r FROM metric_points').all() as { r: number }[];
    expect(hourly).toEqual([{ r: 3_600_000 }]);
    expect(await total(`PredictRequestCount[1h]{resourceId = "${MD1}"}.sum()`)).toBe(27);
    recorder.stop();
  });
});
