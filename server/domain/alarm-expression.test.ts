import { describe, expect, it } from 'vitest';
import { compare, parseAlarmExpression, withResourceId } from './alarm-expression';

const MD = 'ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaaexample';

describe('parseAlarmExpression', () => {
  it('parses the SDK example and seed 004 queries', () => {
    const r = parseAlarmExpression(`CpuUtilization[1m]{resourceId = "${MD}"}.grouping().mean() > 75`);
    expect(r).toEqual({
      ok: true,
      data: expect.objectContaining({
        metric: 'CpuUtilization',
        interval: '1m',
        filters: [{ dimension: 'resourceId', op: '=', value: MD, valueIndex: 32 }],
        statistic: 'mean',
        op: '>',
        threshold: 75,
        metricQuery: `CpuUtilization[1m]{resourceId = "${MD}"}.grouping().mean()`,
      }),
    });
    const seed = parseAlarmExpression(`MemoryUtilization[5m]{resourceId = "${MD}", statusCode != "500"}.max()<=12.5`);
    expect(seed.ok && seed.data).toMatchObject({ interval: '5m', op: '<=', threshold: 12.5, filters: [{ dimension: 'resourceId' }, { dimension: 'statusCode', op: '!=', value: '500' }] });
    expect(parseAlarmExpression('PredictLatency[1m].p95() >= 500').ok).toBe(true);
  });

  // [query, 0-based index of the offending token, the token, part of the message]
  const errors: [string, number, string, string][] = [
    ['', 0, '', 'Expected a metric name'],
    ['1CpuUtilization[1m].mean() > 1', 0, '1CpuUtilization', 'Expected a metric name'],
    ['CpuUtilization.mean() > 70', 14, '.', 'Expected "[" and an interval'],
    ['CpuUtilization[m].mean() > 70', 15, 'm', 'Expected an interval such as 1m'],
    ['CpuUtilization[1m.mean() > 70', 17, '.', 'Expected "]" after the interval'],
    ['CpuUtilization[1m]{resourceId "x"}.mean() > 70', 30, '"', 'Expected "=", "!=" or "=~"'],
    ['CpuUtilization[1m]{resourceId = x}.mean() > 70', 32, 'x', 'Expected a quoted value'],
    ['CpuUtilization[1m]{a = "1" b = "2"}.mean() > 70', 27, 'b', 'Expected "," or "&&"'],
    ['CpuUtilization[1m]{a = "1"}.avg() > 70', 28, 'avg', 'grouping() or a statistic'],
    ['CpuUtilization[1m]{a = "1"}.mean().max() > 70', 35, 'max', 'only one statistic'],
    ['CpuUtilization[1m].grouping().grouping().mean() > 70', 30, 'grouping', 'grouping() only once'],
    ['CpuUtilization[1m].grouping() > 70', 30, '>', 'a statistic such as .mean()'],
    ['CpuUtilization[1m].mean', 23, '', 'Expected "()" after mean'],
    ['CpuUtilization[1m].mean()', 25, '', 'Expected a comparison'],
    ['CpuUtilization[1m].mean() => 70', 26, '=', 'Expected a comparison'],
    ['CpuUtilization[1m].mean() > high', 28, 'high', 'Expected a number after the comparison'],
    ['CpuUtilization[1m].mean() > 70 && 1', 31, '&', 'Expected the end of the query'],
  ];
  it.each(errors)('%j fails at index %i (%j)', (query, index, token, message) => {
    const r = parseAlarmExpression(query);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ index, token });
    expect(r.error.message).toContain(message);
    expect(r.error.message).toContain(`at column ${index + 1}`);
  });

  it('refuses an overlong query before reading it', () => {
    const r = parseAlarmExpression(`CpuUtilization[1m]{a = "${'x'.repeat(3000)}"}.mean() > 1`);
    expect(!r.ok && r.error.message).toMatch(/limit is 2000/);
  });
});

describe('compare', () => {
  it.each([
    ['>', 71, 70, true],
    ['>', 70, 70, false],
    ['>=', 70, 70, true],
    ['<', 29, 30, true],
    ['<', 30, 30, false],
    ['<=', 30, 30, true],
    ['==', 1, 1, true],
    ['!=', 1, 1, false],
  ] as const)('%s: %d vs %d is %s', (op, v, t, expected) => expect(compare(op, v, t)).toBe(expected));
});

describe('withResourceId', () => {
  it('puts the deployment OCID where the placeholder names it, and nowhere else', () => {
    expect(withResourceId('CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() > 70', MD)).toBe(`CpuUtilization[1m]{resourceId = "${MD}"}.mean() > 70`);
    expect(withResourceId(`CpuUtilization[1m]{resourceId = "${MD}"}.mean() > 70`, 'other')).toBe(`CpuUtilization[1m]{resourceId = "${MD}"}.mean() > 70`);
  });
});
