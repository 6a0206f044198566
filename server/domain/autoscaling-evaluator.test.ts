import { describe, expect, it } from 'vitest';
import { evaluateAutoscaling, type EvaluationInput, type MetricPoint, type RuleSeries } from './autoscaling-evaluator';
import type { AutoScalingPolicy, MetricExpressionRule } from './oci-types';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const MD = 'ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaaexample';

/** One point a minute, the last one at NOW: values are oldest first. */
const perMinute = (...values: number[]): MetricPoint[] => values.map((value, i) => ({ timestamp: NOW - (values.length - 1 - i) * MIN, value }));

const cpuRule = (inThreshold = 30, outThreshold = 70, out: Partial<{ pending: string; adj: number }> = {}, inn: Partial<{ pending: string; adj: number }> = {}): MetricExpressionRule => ({
  metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
  metricType: 'CPU_UTILIZATION',
  scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: inThreshold, pendingDuration: inn.pending ?? 'PT3M', instanceCountAdjustment: inn.adj ?? 1 },
  scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: outThreshold, pendingDuration: out.pending ?? 'PT3M', instanceCountAdjustment: out.adj ?? 1 },
});

const policy = (rules: MetricExpressionRule[] = [cpuRule()], over: Partial<AutoScalingPolicy> = {}, bounds = { min: 1, max: 4 }): AutoScalingPolicy => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  isEnabled: true,
  autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', rules, minimumInstanceCount: bounds.min, maximumInstanceCount: bounds.max, initialInstanceCount: bounds.min }],
  ...over,
});

const input = (over: Partial<EvaluationInput> & { cpu?: MetricPoint[] }): EvaluationInput => ({
  policy: policy(),
  series: over.cpu ? [{ scaleOut: over.cpu }] : [],
  currentInstanceCount: 2,
  lastScalingAt: null,
  now: NOW,
  ...over,
});

type Expected = { action: string; targetCount: number; heldBy?: string; reason?: RegExp };

describe('evaluateAutoscaling: one CPU rule (in < 30, out >= 70, PT3M, cooldown 300 s, 1..4)', () => {
  const cases: [string, Partial<EvaluationInput> & { cpu?: MetricPoint[] }, Expected][] = [
    ['high for exactly the pending duration scales out', { cpu: perMinute(40, 80, 85, 90, 75) }, { action: 'SCALE_OUT', targetCount: 3, reason: /Scale out 2 -> 3: rule 1 \(CPU_UTILIZATION >= 70, now 75\) held for 3m/ }],
    ['meeting the threshold exactly counts (meets or exceeds)', { cpu: perMinute(70, 70, 70, 70) }, { action: 'SCALE_OUT', targetCount: 3 }],
    ['high for 2 of 3 minutes is pending', { cpu: perMinute(40, 40, 80, 85, 90) }, { action: 'NONE', targetCount: 2, heldBy: 'PENDING', reason: /Scale out pending: .* for 2m of 3m/ }],
    ['one dip inside the window restarts the pending duration', { cpu: perMinute(80, 80, 80, 60, 80, 80) }, { action: 'NONE', targetCount: 2, heldBy: 'PENDING' }],
    ['low for the pending duration scales in', { cpu: perMinute(50, 10, 12, 9, 11) }, { action: 'SCALE_IN', targetCount: 1, reason: /Scale in 2 -> 1/ }],
    ['between the thresholds nothing happens', { cpu: perMinute(50, 50, 50, 50, 50) }, { action: 'NONE', targetCount: 2, reason: /within their thresholds/ }],
    ['at the maximum a scale-out is held by the bounds', { cpu: perMinute(90, 90, 90, 90), currentInstanceCount: 4 }, { action: 'NONE', targetCount: 4, heldBy: 'BOUNDS', reason: /4 is the maximum/ }],
    ['at the minimum a scale-in is held by the bounds', { cpu: perMinute(5, 5, 5, 5), currentInstanceCount: 1 }, { action: 'NONE', targetCount: 1, heldBy: 'BOUNDS', reason: /1 is the minimum/ }],
    ['inside the cooldown a scale-out is held', { cpu: perMinute(90, 90, 90, 90), lastScalingAt: NOW - 120_000 }, { action: 'NONE', targetCount: 2, heldBy: 'COOLDOWN', reason: /cooldown has 3m left/ }],
    ['once the cooldown has passed it scales', { cpu: perMinute(90, 90, 90, 90), lastScalingAt: NOW - 300_000 }, { action: 'SCALE_OUT', targetCount: 3 }],
    ['inside the cooldown a scale-in is held', { cpu: perMinute(5, 5, 5, 5), lastScalingAt: NOW - 299_000 }, { action: 'NONE', targetCount: 2, heldBy: 'COOLDOWN' }],
    ['a disabled policy never acts', { cpu: perMinute(90, 90, 90, 90), policy: policy(undefined, { isEnabled: false }) }, { action: 'NONE', targetCount: 2, reason: /disabled/ }],
    ['no data is no decision', { cpu: [] }, { action: 'NONE', targetCount: 2, reason: /No recent metric data/ }],
    ['stale data is no decision', { cpu: perMinute(90, 90, 90, 90).map((p) => ({ ...p, timestamp: p.timestamp - 10 * MIN })) }, { action: 'NONE', targetCount: 2, reason: /No recent metric data/ }],
    ['points after now are ignored', { cpu: [...perMinute(50, 50, 50, 50), { timestamp: NOW + MIN, value: 99 }] }, { action: 'NONE', targetCount: 2, reason: /within/ }],
    ['unsorted points are read in time order', { cpu: perMinute(40, 80, 85, 90, 75).reverse() }, { action: 'SCALE_OUT', targetCount: 3 }],
    ['below the minimum (bounds just edited) it scales out at once', { cpu: perMinute(50), currentInstanceCount: 1, policy: policy(undefined, {}, { min: 3, max: 5 }), lastScalingAt: NOW }, { action: 'SCALE_OUT', targetCount: 3, reason: /below the minimum of 3/ }],
    ['above the maximum it scales in at once', { cpu: perMinute(90), currentInstanceCount: 6, policy: policy(undefined, {}, { min: 1, max: 4 }) }, { action: 'SCALE_IN', targetCount: 4, reason: /above the maximum of 4/ }],
    ['the adjustment is capped by the maximum', { cpu: perMinute(90, 90, 90, 90), currentInstanceCount: 3, policy: policy([cpuRule(30, 70, { adj: 3 })]) }, { action: 'SCALE_OUT', targetCount: 4 }],
    ['the adjustment is capped by the minimum', { cpu: perMinute(5, 5, 5, 5), currentInstanceCount: 3, policy: policy([cpuRule(30, 70, {}, { adj: 5 })]) }, { action: 'SCALE_IN', targetCount: 1 }],
    ['a longer pending duration needs longer evidence', { cpu: perMinute(90, 90, 90, 90, 90), policy: policy([cpuRule(30, 70, { pending: 'PT10M' })]) }, { action: 'NONE', targetCount: 2, heldBy: 'PENDING', reason: /4m of 10m/ }],
    ['a default pending duration is PT3M', { cpu: perMinute(90, 90, 90, 90), policy: policy([{ ...cpuRule(), scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 70 } }]) }, { action: 'SCALE_OUT', targetCount: 3 }],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    const d = evaluateAutoscaling(input(over));
    expect({ action: d.action, targetCount: d.targetCount, heldBy: d.heldBy }).toEqual({ action: expected.action, targetCount: expected.targetCount, heldBy: expected.heldBy });
    if (expected.reason) expect(d.reason).toMatch(expected.reason);
  });

  it('records the values it saw with each decision', () => {
    const d = evaluateAutoscaling(input({ cpu: perMinute(40, 80, 85, 90, 75) }));
    expect(d.observations).toEqual([
      expect.objectContaining({ rule: 0, direction: 'SCALE_OUT', condition: 'CPU_UTILIZATION >= 70', latest: 75, breaching: true, breachingForMs: 3 * MIN, pendingMs: 3 * MIN, met: true }),
      expect.objectContaining({ rule: 0, direction: 'SCALE_IN', condition: 'CPU_UTILIZATION < 30', latest: 75, breaching: false, met: false }),
    ]);
  });
});

describe('evaluateAutoscaling: hysteresis and several rules', () => {
  const memRule: MetricExpressionRule = { ...cpuRule(40, 80), metricType: 'MEMORY_UTILIZATION' };
  const two = (cpu: MetricPoint[], mem: MetricPoint[], over: Partial<EvaluationInput> = {}) =>
    evaluateAutoscaling(input({ policy: policy([cpuRule(), memRule]), series: [{ scaleOut: cpu }, { scaleOut: mem }], ...over }));

  it('a series that oscillates inside the band between the thresholds never acts', () => {
    // 65..35 crosses neither 70 nor 30: the band between them is what stops flapping.
    const wave = perMinute(...Array.from({ length: 30 }, (_, i) => (i % 2 ? 65 : 35)));
    for (let k = 4; k <= wave.length; k++) {
      const seen = wave.slice(0, k);
      const at = seen.at(-1)?.timestamp ?? NOW;
      expect(evaluateAutoscaling(input({ cpu: seen, now: at })).action).toBe('NONE');
    }
  });

  it('a scaled-out deployment does not scale straight back in while the load stays above the scale-in threshold', () => {
    const afterOut = evaluateAutoscaling(input({ cpu: perMinute(45, 45, 45, 45, 45, 45), currentInstanceCount: 3, lastScalingAt: NOW - 10 * MIN }));
    expect(afterOut.action).toBe('NONE');
  });

  it('any firing scale-out wins over another rule that would scale in', () => {
    const d = two(perMinute(10, 10, 10, 10), perMinute(90, 90, 90, 90));
    expect(d).toMatchObject({ action: 'SCALE_OUT', targetCount: 3 });
    expect(d.reason).toMatch(/rule 2 \(MEMORY_UTILIZATION >= 80/);
  });

  it('a scale-in waits while another rule is at its scale-out threshold, even before it fires', () => {
    const d = two(perMinute(10, 10, 10, 10), perMinute(50, 50, 50, 85));
    expect(d).toMatchObject({ action: 'NONE', targetCount: 2 });
    expect(d.reason).toMatch(/Scale in held: rule 2 .* at its scale-out threshold/);
  });

  it('scales in when one rule is low and the others are quiet', () => {
    expect(two(perMinute(10, 10, 10, 10), perMinute(50, 50, 50, 50))).toMatchObject({ action: 'SCALE_IN', targetCount: 1 });
  });

  it('the largest scale-out adjustment and the smallest scale-in adjustment are used', () => {
    const rules = [cpuRule(30, 70, { adj: 1 }, { adj: 2 }), { ...cpuRule(40, 80, { adj: 2 }, { adj: 1 }), metricType: 'MEMORY_UTILIZATION' as const }];
    const high = perMinute(95, 95, 95, 95);
    expect(evaluateAutoscaling(input({ policy: policy(rules, {}, { min: 1, max: 10 }), series: [{ scaleOut: high }, { scaleOut: high }] }))).toMatchObject({ action: 'SCALE_OUT', targetCount: 4 });
    const low = perMinute(5, 5, 5, 5);
    expect(evaluateAutoscaling(input({ policy: policy(rules, {}, { min: 1, max: 10 }), currentInstanceCount: 5, series: [{ scaleOut: low }, { scaleOut: low }] }))).toMatchObject({ action: 'SCALE_IN', targetCount: 4 });
  });
});

describe('evaluateAutoscaling: custom queries', () => {
  const custom = (out: string, inn: string): MetricExpressionRule => ({
    metricExpressionRuleType: 'CUSTOM_EXPRESSION',
    scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: out, pendingDuration: 'PT3M' },
    scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: inn, pendingDuration: 'PT3M' },
  });
  const requests = custom(`PredictRequestCount[1m]{resourceId = "${MD}"}.sum() > 100`, `PredictRequestCount[1m]{resourceId = "${MD}"}.sum() < 10`);
  const run = (series: RuleSeries, rule = requests) => evaluateAutoscaling(input({ policy: policy([rule]), series: [series] }));

  it('uses the comparison and threshold written in the query', () => {
    expect(run({ scaleOut: perMinute(150, 150, 150, 150) })).toMatchObject({ action: 'SCALE_OUT', targetCount: 3 });
    expect(run({ scaleOut: perMinute(100, 100, 100, 100) })).toMatchObject({ action: 'NONE' });
    expect(run({ scaleOut: perMinute(50, 50, 50, 50), scaleIn: perMinute(2, 2, 2, 2) })).toMatchObject({ action: 'SCALE_IN', targetCount: 1 });
  });

  it('reads each direction from its own series', () => {
    // The scale-in series is quiet though the scale-out one is between the thresholds.
    expect(run({ scaleOut: perMinute(50, 50, 50, 50), scaleIn: perMinute(50, 50, 50, 50) })).toMatchObject({ action: 'NONE' });
  });

  it('a query that does not parse is reported, never acted on', () => {
    const d = run({ scaleOut: perMinute(150, 150, 150, 150) }, custom('PredictRequestCount[1m].sum() >', 'PredictRequestCount[1m].sum() < 10'));
    expect(d.action).toBe('NONE');
    expect(d.reason).toMatch(/cannot be evaluated: Expected a number after the comparison at column 32, found the end of the query/);
  });
});

describe('evaluateAutoscaling over time', () => {
  it('scales out under load, holds through the cooldown and the middle band, and scales in once the load is gone', () => {
    // Minute by minute: 10 quiet, 15 loaded (CPU 90), 15 middling (50), 20 idle (10). A decision is
    // applied at once and starts the cooldown, as the scaler would after the rollout.
    const cpuAt = (m: number) => (m < 10 ? 50 : m < 25 ? 90 : m < 40 ? 50 : 10);
    const start = NOW - 60 * MIN;
    const history: MetricPoint[] = [];
    let count = 1;
    let lastScalingAt: number | null = null;
    const changes: string[] = [];
    for (let m = 0; m < 60; m++) {
      const now = start + m * MIN;
      history.push({ timestamp: now, value: cpuAt(m) });
      const d = evaluateAutoscaling({ policy: policy(), series: [{ scaleOut: history }], currentInstanceCount: count, lastScalingAt, now });
      if (d.action !== 'NONE') {
        changes.push(`${m}: ${d.action} ${count}->${d.targetCount}`);
        count = d.targetCount;
        lastScalingAt = now;
      }
    }
    // Out at 13 (3 minutes after the load began), again each 5-minute cooldown while it lasts, up
    // to the maximum; nothing in the middle band; in from 43, one step per cooldown, down to 1.
    expect(changes).toEqual(['13: SCALE_OUT 1->2', '18: SCALE_OUT 2->3', '23: SCALE_OUT 3->4', '43: SCALE_IN 4->3', '48: SCALE_IN 3->2', '53: SCALE_IN 2->1']);
  });
});
