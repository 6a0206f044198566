import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '@/server/gateway/types';
import { createAccessSampler, summaryMessage } from '@/server/gateway/telemetry/access-sampler';

const MD = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaasampler';
const OTHER = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaaother';
const T0 = 1_800_000_000_000; // a whole second

const req = (status: number, timestamp: number, modelDeploymentId = MD): RequestRecord => ({
  modelDeploymentId,
  status,
  timestamp,
  latencyMs: 1,
  bytesIn: 10,
  bytesOut: 20,
  opcRequestId: 'r',
});

describe('access log sampling', () => {
  it('logs every request while a deployment stays within the per-second budget', () => {
    const s = createAccessSampler(3);
    const admitted = [200, 200, 500, 200, 404].map((status, i) => s.admit(req(status, T0 + i)));
    expect(admitted).toEqual([true, true, true, true, true]);
    expect(s.drain()).toEqual([]);
  });

  it('keeps the first successes and the first failures of a second and counts the rest by family', () => {
    const s = createAccessSampler(2);
    const statuses = [200, 200, 200, 201, 503, 500, 500, 429, 200];
    const admitted = statuses.map((status, i) => s.admit(req(status, T0 + i)));
    expect(admitted).toEqual([true, true, false, false, true, true, false, false, false]);
    const [summary, ...rest] = s.drain();
    expect(rest).toEqual([]);
    expect(summary).toEqual({ resourceId: MD, second: T0, skipped: 5, failures: 2, byStatusFamily: { '2XX': 3, '5XX': 1, '4XX': 1 } });
    expect(summaryMessage(summary!)).toBe('5 more requests in this second not logged one by one (2XX 3, 4XX 1, 5XX 1); the metrics count every request');
  });

  it('opens a new budget each second and per deployment', () => {
    const s = createAccessSampler(1);
    expect(s.admit(req(200, T0))).toBe(true);
    expect(s.admit(req(200, T0 + 10))).toBe(false);
    expect(s.admit(req(200, T0 + 5, OTHER))).toBe(true);
    expect(s.admit(req(200, T0 + 1000))).toBe(true);
    // A request that arrived in an earlier second but ended now counts against the current budget.
    expect(s.admit(req(200, T0 + 20))).toBe(false);
    expect(s.drain().map((x) => [x.second, x.skipped])).toEqual([
      [T0, 1],
      [T0 + 1000, 1],
    ]);
  });

  it('holds back the summary of the second still running until it has ended', () => {
    const s = createAccessSampler(1);
    s.admit(req(200, T0));
    s.admit(req(200, T0 + 1));
    expect(s.drain(T0 + 500)).toEqual([]);
    s.admit(req(200, T0 + 2));
    expect(s.drain(T0 + 1000)).toMatchObject([{ second: T0, skipped: 2 }]);
    expect(s.drain()).toEqual([]);
  });
});
