import { describe, expect, it } from 'vitest';
import { MAX_MQL_LENGTH, MAX_MQL_WILDCARDS, matchesFilters, parseInterval, parseMql } from '@/server/domain/mql';

describe('MQL parser', () => {
  it('parses metric, interval, filters, grouping and statistic', () => {
    const r = parseMql('CpuUtilization[5m]{resourceId = "ocid1.x", result != "Failure" && instanceId =~ "i-*"}.grouping().p95()');
    expect(r).toEqual({
      ok: true,
      data: {
        metric: 'CpuUtilization',
        intervalMs: 300_000,
        filters: [
          { dimension: 'resourceId', op: '=', value: 'ocid1.x' },
          { dimension: 'result', op: '!=', value: 'Failure' },
          { dimension: 'instanceId', op: '=~', value: 'i-*' },
        ],
        statistic: 'p95',
        grouping: true,
      },
    });
    expect(parseMql('PredictRequestCount[1h].sum()')).toMatchObject({ ok: true, data: { filters: [], grouping: false, intervalMs: 3_600_000 } });
  });

  it('accepts OCI intervals only', () => {
    expect(parseInterval('1m')).toBe(60_000);
    expect(parseInterval('60m')).toBe(3_600_000);
    expect(parseInterval('24h')).toBe(86_400_000);
    expect(parseInterval('1d')).toBe(86_400_000);
    for (const bad of ['0m', '61m', '25h', '2d', '5s', 'm']) expect(parseInterval(bad)).toBeNull();
  });

  it('rejects malformed queries with a message that says what to write', () => {
    for (const bad of ['Cpu[1m]{a = "b"}', 'Cpu[7s].mean()', 'Cpu[1m]{a = b}.mean()', 'Cpu[1m].median()', 'Cpu[1m].mean().max()']) {
      const r = parseMql(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('InvalidParameter');
    }
  });

  it('matches dimension filters', () => {
    const d = { resourceId: 'r', instanceId: 'i-12' };
    expect(matchesFilters(d, [{ dimension: 'instanceId', op: '=~', value: 'i-*' }])).toBe(true);
    expect(matchesFilters(d, [{ dimension: 'resourceId', op: '!=', value: 'r' }])).toBe(false);
    expect(matchesFilters(d, [{ dimension: 'missing', op: '=', value: 'x' }])).toBe(false);
  });

  it('bounds the query length and its wildcards, and says which limit', () => {
    const long = parseMql(`PredictLatency[1m]{resourceId = "${'x'.repeat(MAX_MQL_LENGTH)}"}.mean()`);
    expect(long).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    if (!long.ok) expect(long.error.message).toContain(`the limit is ${MAX_MQL_LENGTH}`);
    const starry = parseMql(`PredictLatency[1m]{resourceId =~ "${'a*'.repeat(MAX_MQL_WILDCARDS + 1)}"}.mean()`);
    expect(starry).toMatchObject({ ok: false });
    if (!starry.ok) expect(starry.error.message).toContain(`${MAX_MQL_WILDCARDS + 1} wildcards`);
    // Runs of stars count once: the probe's pattern is one wildcard.
    expect(parseMql('PredictLatency[1m]{resourceId =~ "o*******q"}.mean()').ok).toBe(true);
  });

  it('parses and matches adversarial input in linear time', () => {
    const t0 = performance.now();
    const adversarial = [
      `Cpu[1m]{a = "b"}${'.mean()'.repeat(280)}x`,
      `Cpu[1m]{${'a = "b", '.repeat(200)}`,
      `${'a'.repeat(1990)}[1m].mean(`,
      `Cpu[1m]{a = "${'\\"'.repeat(900)}}.mean()`,
    ];
    for (const q of adversarial) expect(parseMql(q).ok).toBe(false);
    const filters = [{ dimension: 'resourceId', op: '=~' as const, value: 'o*******q' }];
    expect(matchesFilters({ resourceId: 'o'.repeat(50_000) }, filters)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
