import { OCI_COOL_DOWN_SECONDS } from './cool-down';
import { compare, parseAlarmExpression, withResourceId, type ComparisonOperator } from './alarm-expression';
import { formatSeconds, parseIsoDurationSeconds } from './iso-duration';
import type { AutoScalingPolicy, MetricExpressionRule, ScalingConfiguration } from './oci-types';
import { countsOfDetails } from './scaling-instances';

// One evaluation of an AUTOSCALING policy (OCI's ThresholdBasedAutoScalingPolicyDetails) on the
// metric series the caller read for each rule. Pure: the scaler reads the metrics, calls this,
// records the decision with what it saw, and turns SCALE_OUT/SCALE_IN into a work request.
//
// Rules behave like Monitoring alarms: a condition fires only once its breaching points span the
// pending duration. Any firing scale-out wins (by the largest adjustment: load is urgent); a
// scale-in needs no rule to be above its scale-out threshold at all (so two rules cannot take turns
// adding and removing instances) and moves by the smallest adjustment. After a scaling action
// nothing moves until the cooldown has passed; the counts never leave [minimum, maximum].

export interface MetricPoint {
  /** Epoch milliseconds. */
  timestamp: number;
  value: number;
}

/** The series of one rule; a predefined rule reads one metric for both directions. */
export interface RuleSeries {
  scaleOut: readonly MetricPoint[];
  scaleIn?: readonly MetricPoint[];
}

export interface EvaluationInput {
  policy: AutoScalingPolicy;
  /** Index-aligned with the policy's rules; a missing entry reads as no data. */
  series: readonly RuleSeries[];
  currentInstanceCount: number;
  /** When the last scaling action finished (the deployment was ACTIVE again); null: never. */
  lastScalingAt: number | null;
  now: number;
  /** A series whose newest point is older than this says nothing about now. */
  staleAfterMs?: number;
}

export type ScalingAction = 'SCALE_OUT' | 'SCALE_IN' | 'NONE';
export type HeldBy = 'COOLDOWN' | 'BOUNDS' | 'PENDING';

/** What one condition saw: recorded with the decision so a timeline can show why. */
export interface ConditionObservation {
  rule: number;
  direction: 'SCALE_OUT' | 'SCALE_IN';
  /** "CPU_UTILIZATION >= 70" or the custom query. */
  condition: string;
  latest: number | null;
  /** The newest point breaches the condition. */
  breaching: boolean;
  breachingForMs: number;
  pendingMs: number;
  /** Breaching for at least the pending duration: the condition fires. */
  met: boolean;
  adjustment: number;
  error?: string;
}

export interface ScalingDecision {
  action: ScalingAction;
  targetCount: number;
  reason: string;
  heldBy?: HeldBy;
  observations: ConditionObservation[];
}

export const DEFAULT_PENDING_SECONDS = 180;
export const DEFAULT_STALE_AFTER_MS = 3 * 60_000;

interface Condition {
  label: string;
  op: ComparisonOperator;
  threshold: number;
  pendingMs: number;
  adjustment: number;
  error?: string;
}

function conditionOf(rule: MetricExpressionRule, config: ScalingConfiguration, direction: 'SCALE_OUT' | 'SCALE_IN'): Condition {
  const pendingSeconds = config.pendingDuration ? parseIsoDurationSeconds(config.pendingDuration) : DEFAULT_PENDING_SECONDS;
  const base = { pendingMs: (pendingSeconds ?? DEFAULT_PENDING_SECONDS) * 1000, adjustment: Math.max(1, config.instanceCountAdjustment ?? 1) };
  if (rule.metricExpressionRuleType === 'PREDEFINED_EXPRESSION') {
    // OCI: scale out when the metric meets or exceeds its threshold, scale in when it falls below.
    const op: ComparisonOperator = direction === 'SCALE_OUT' ? '>=' : '<';
    const threshold = config.threshold ?? NaN;
    return { ...base, label: `${rule.metricType ?? 'metric'} ${op} ${threshold}`, op, threshold };
  }
  const query = config.query ?? '';
  const parsed = parseAlarmExpression(query);
  if (!parsed.ok) return { ...base, label: query, op: '>', threshold: NaN, error: parsed.error.message };
  return { ...base, label: query, op: parsed.data.op, threshold: parsed.data.threshold };
}

function observe(rule: number, direction: 'SCALE_OUT' | 'SCALE_IN', c: Condition, series: readonly MetricPoint[], now: number, staleAfterMs: number): ConditionObservation {
  const points = series.filter((p) => p.timestamp <= now && Number.isFinite(p.value)).sort((a, b) => a.timestamp - b.timestamp);
  const last = points.at(-1);
  const base = { rule, direction, condition: c.label, pendingMs: c.pendingMs, adjustment: c.adjustment, ...(c.error ? { error: c.error } : {}) };
  if (c.error || !last || now - last.timestamp > staleAfterMs || Number.isNaN(c.threshold)) {
    return { ...base, latest: last && now - last.timestamp <= staleAfterMs ? last.value : null, breaching: false, breachingForMs: 0, met: false };
  }
  let runStart: MetricPoint | undefined;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (!p || !compare(c.op, p.value, c.threshold)) break;
    runStart = p;
  }
  const breachingForMs = runStart ? last.timestamp - runStart.timestamp : 0;
  return { ...base, latest: last.value, breaching: runStart !== undefined, breachingForMs, met: runStart !== undefined && breachingForMs >= c.pendingMs };
}

const PREDEFINED_METRICS = { CPU_UTILIZATION: 'CpuUtilization', MEMORY_UTILIZATION: 'MemoryUtilization' } as const;

/**
 * The metric queries whose series a rule is evaluated on (the comparison stripped: the evaluator
 * applies it): a predefined rule reads the deployment's one-minute mean over its instances for
 * both directions; a custom rule each direction's own query, the placeholder replaced.
 */
export function seriesQueries(rule: MetricExpressionRule, resourceId: string): { scaleOut: string; scaleIn: string } | null {
  if (rule.metricExpressionRuleType === 'PREDEFINED_EXPRESSION') {
    const metric = PREDEFINED_METRICS[rule.metricType ?? 'CPU_UTILIZATION'];
    const q = `${metric}[1m]{resourceId = "${resourceId}"}.grouping().mean()`;
    return { scaleOut: q, scaleIn: q };
  }
  const out = parseAlarmExpression(withResourceId(rule.scaleOutConfiguration.query ?? '', resourceId));
  const inn = parseAlarmExpression(withResourceId(rule.scaleInConfiguration.query ?? '', resourceId));
  return out.ok && inn.ok ? { scaleOut: out.data.metricQuery, scaleIn: inn.data.metricQuery } : null;
}

const describe = (o: ConditionObservation) =>
  `rule ${o.rule + 1} (${o.condition}${o.latest === null ? '' : `, now ${round(o.latest)}`})`;
const round = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function evaluateAutoscaling(input: EvaluationInput): ScalingDecision {
  const { policy, currentInstanceCount: current, now } = input;
  const none = (reason: string, observations: ConditionObservation[] = [], heldBy?: HeldBy): ScalingDecision => ({
    action: 'NONE',
    targetCount: current,
    reason,
    ...(heldBy ? { heldBy } : {}),
    observations,
  });
  if (policy.isEnabled === false) return none('Autoscaling is disabled.');
  const details = policy.autoScalingPolicies[0];
  if (!details) return none('The autoscaling configuration has no policy.');
  const { minimum: min, maximum: max } = countsOfDetails(details);

  // A count outside the bounds (the bounds were just edited) is corrected at once: the bounds are
  // the user's explicit wish, not a reading that needs to persist.
  if (current < min) return { action: 'SCALE_OUT', targetCount: min, reason: `${current} instance(s) is below the minimum of ${min}.`, observations: [] };
  if (current > max) return { action: 'SCALE_IN', targetCount: max, reason: `${current} instance(s) is above the maximum of ${max}.`, observations: [] };

  const staleAfterMs = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const observations = details.rules.flatMap((rule, i) => {
    const s = input.series[i];
    const out = observe(i, 'SCALE_OUT', conditionOf(rule, rule.scaleOutConfiguration, 'SCALE_OUT'), s?.scaleOut ?? [], now, staleAfterMs);
    const inn = observe(i, 'SCALE_IN', conditionOf(rule, rule.scaleInConfiguration, 'SCALE_IN'), s?.scaleIn ?? s?.scaleOut ?? [], now, staleAfterMs);
    return [out, inn];
  });

  const coolDownMs = (policy.coolDownInSeconds ?? OCI_COOL_DOWN_SECONDS) * 1000;
  const coolDownLeftMs = input.lastScalingAt === null ? 0 : input.lastScalingAt + coolDownMs - now;
  const cooling = coolDownLeftMs > 0;
  const coolDownText = `the cooldown has ${formatSeconds(coolDownLeftMs / 1000)} left`;

  const outs = observations.filter((o) => o.direction === 'SCALE_OUT' && o.met);
  if (outs.length > 0) {
    const lead = outs.reduce((a, b) => (b.adjustment > a.adjustment ? b : a));
    const why = `${describe(lead)} held for ${formatSeconds(lead.breachingForMs / 1000)}`;
    if (current >= max) return none(`Scale out wanted: ${why}, but ${current} is the maximum.`, observations, 'BOUNDS');
    if (cooling) return none(`Scale out wanted: ${why}, but ${coolDownText}.`, observations, 'COOLDOWN');
    const target = Math.min(current + lead.adjustment, max);
    return { action: 'SCALE_OUT', targetCount: target, reason: `Scale out ${current} -> ${target}: ${why}.`, observations };
  }

  const ins = observations.filter((o) => o.direction === 'SCALE_IN' && o.met);
  const pressing = observations.find((o) => o.direction === 'SCALE_OUT' && o.breaching);
  if (ins.length > 0 && !pressing) {
    const lead = ins.reduce((a, b) => (b.adjustment < a.adjustment ? b : a));
    const why = `${describe(lead)} held for ${formatSeconds(lead.breachingForMs / 1000)}`;
    if (current <= min) return none(`Scale in wanted: ${why}, but ${current} is the minimum.`, observations, 'BOUNDS');
    if (cooling) return none(`Scale in wanted: ${why}, but ${coolDownText}.`, observations, 'COOLDOWN');
    const target = Math.max(current - lead.adjustment, min);
    return { action: 'SCALE_IN', targetCount: target, reason: `Scale in ${current} -> ${target}: ${why}.`, observations };
  }
  if (ins.length > 0 && pressing) {
    return none(`Scale in held: ${describe(pressing)} is at its scale-out threshold.`, observations);
  }

  const pending = observations.find((o) => o.breaching);
  if (pending) {
    const verb = pending.direction === 'SCALE_OUT' ? 'Scale out' : 'Scale in';
    return none(
      `${verb} pending: ${describe(pending)} for ${formatSeconds(pending.breachingForMs / 1000)} of ${formatSeconds(pending.pendingMs / 1000)}.`,
      observations,
      'PENDING',
    );
  }
  const broken = observations.find((o) => o.error);
  if (broken) return none(`${describe(broken)} cannot be evaluated: ${broken.error}`, observations);
  if (observations.every((o) => o.latest === null)) return none('No recent metric data.', observations);
  return none('All metrics are within their thresholds.', observations);
}
