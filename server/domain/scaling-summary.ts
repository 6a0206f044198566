import { OCI_COOL_DOWN_SECONDS } from './cool-down';
import type { ConditionObservation, HeldBy, ScalingAction } from './autoscaling-evaluator';
import type { GuardAction } from './idle-guard';
import { formatSeconds, parseIsoDurationSeconds } from './iso-duration';
import type { MetricExpressionRule, ScalingConfiguration, ScalingPolicy } from './oci-types';
import { countsOfDetails, instanceCountsOf, startingInstanceCount, type InstanceCounts } from './scaling-instances';

// What the Scaling tab shows: the policy in a few words, the instance counts, and the scaler's
// recorded decisions. Pure: the service reads the rows, this shapes them.

/** The scaler's decisions, and the idle guard's deactivations and scheduled activations. */
export type ScalingEventAction = ScalingAction | GuardAction;
/** The scaler's holds, and the idle guard's: other work in progress, or a state it cannot act in. */
export type ScalingEventHeldBy = HeldBy | 'BUSY' | 'STATE';

/** One recorded evaluation, as the timeline shows it. */
export interface ScalingDecisionView {
  id: number;
  time: string;
  action: ScalingEventAction;
  fromCount: number;
  toCount: number;
  reason: string;
  heldBy: ScalingEventHeldBy | null;
  observations: ConditionObservation[];
  workRequestId: string | null;
  workRequestStatus: string | null;
}

export type ScalingSummary =
  | { kind: 'FIXED_SIZE'; current: number; instanceCount: number }
  | {
      kind: 'AUTOSCALING';
      current: number;
      minimum: number;
      maximum: number;
      initial: number;
      enabled: boolean;
      coolDownSeconds: number;
      rules: string[];
    };

const pendingText = (c: ScalingConfiguration) => formatSeconds(c.pendingDuration ? (parseIsoDurationSeconds(c.pendingDuration) ?? 180) : 180);
const step = (c: ScalingConfiguration) => c.instanceCountAdjustment ?? 1;

/** "CPU utilization: out by 1 at >= 70 % for 3m, in by 1 below 20 % for 3m", or the custom queries. */
export function describeRule(rule: MetricExpressionRule): string {
  const out = rule.scaleOutConfiguration;
  const inn = rule.scaleInConfiguration;
  if (rule.metricExpressionRuleType === 'PREDEFINED_EXPRESSION') {
    const metric = rule.metricType === 'MEMORY_UTILIZATION' ? 'Memory utilization' : 'CPU utilization';
    return `${metric}: out by ${step(out)} at >= ${out.threshold ?? '?'} % for ${pendingText(out)}, in by ${step(inn)} below ${inn.threshold ?? '?'} % for ${pendingText(inn)}`;
  }
  return `Custom: out by ${step(out)} when ${out.query ?? '?'} for ${pendingText(out)}, in by ${step(inn)} when ${inn.query ?? '?'} for ${pendingText(inn)}`;
}

export function summarizeScaling(policy: ScalingPolicy | undefined, currentInstanceCount: number): ScalingSummary {
  const counts = instanceCountsOf(policy);
  if (!policy || policy.policyType === 'FIXED_SIZE') return { kind: 'FIXED_SIZE', current: currentInstanceCount, instanceCount: counts.initial };
  const p = policy.autoScalingPolicies[0];
  return {
    kind: 'AUTOSCALING',
    current: currentInstanceCount,
    minimum: counts.minimum,
    maximum: counts.maximum,
    initial: counts.initial,
    enabled: policy.isEnabled !== false,
    coolDownSeconds: policy.coolDownInSeconds ?? OCI_COOL_DOWN_SECONDS,
    rules: (p?.rules ?? []).map(describeRule),
  };
}

/** The timeline's headline for a decision: "Scaled out 1 → 2", "Scale out held by the cooldown". */
export function decisionTitle(d: Pick<ScalingDecisionView, 'action' | 'fromCount' | 'toCount' | 'heldBy' | 'reason'>): string {
  if (d.action === 'SCALE_OUT') return `Scale out ${d.fromCount} → ${d.toCount}`;
  if (d.action === 'SCALE_IN') return `Scale in ${d.fromCount} → ${d.toCount}`;
  if (d.action === 'DEACTIVATE') return d.heldBy ? 'Idle guard: deactivation held back' : 'Idle guard: deactivated';
  if (d.action === 'ACTIVATE') return d.heldBy ? 'Idle guard: scheduled activation held back' : 'Idle guard: scheduled activation';
  const wanted = d.reason.startsWith('Scale in') ? 'Scale in' : 'Scale out';
  const by = d.heldBy === 'COOLDOWN' ? 'the cooldown' : d.heldBy === 'BOUNDS' ? 'the instance bounds' : 'pending';
  return `${wanted} held by ${by}`;
}

/** "1 to 4 instances, starting at 1" for one ThresholdBasedAutoScalingPolicyDetails. */
export function describeBounds(c: InstanceCounts): string {
  return `${c.minimum} to ${c.maximum} instances, starting at ${c.initial}`;
}

/** A scaling policy in a few sentences, as the wizard's review shows it before anything is created. */
export function describeScalingPolicy(policy: ScalingPolicy | undefined): string[] {
  if (!policy || policy.policyType === 'FIXED_SIZE') {
    const n = startingInstanceCount(policy);
    return [`Fixed size: ${n} instance${n === 1 ? '' : 's'}, whatever the load.`];
  }
  const p = policy.autoScalingPolicies[0];
  const lines = [
    `Autoscaling${policy.isEnabled === false ? ' (disabled: stays at its current count)' : ''}: ${p ? describeBounds(countsOfDetails(p)) : 'no bounds'}, cooldown ${formatSeconds(policy.coolDownInSeconds ?? OCI_COOL_DOWN_SECONDS)} after each scaling.`,
  ];
  for (const rule of p?.rules ?? []) lines.push(describeRule(rule));
  return lines;
}
