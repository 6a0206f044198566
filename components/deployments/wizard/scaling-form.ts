import type { AutoScalingPolicy, MetricExpressionRule, ScalingConfiguration, ScalingPolicy } from '@/server/domain/oci-types';
import { RESOURCE_ID_PLACEHOLDER } from '@/server/domain/alarm-expression';
import { OCI_COOL_DOWN_SECONDS } from '@/server/domain/cool-down';
import { startingInstanceCount } from '@/server/domain/scaling-instances';

// The wizard's scaling choice as form state (strings, as the inputs hold them) and its mapping to
// the SDK's ScalingPolicy JSON. Validation is not here: the request this produces is parsed by the
// same zod schema the server uses, so every message is the server's.

export type ScalingMode = 'FIXED_SIZE' | 'AUTOSCALING';
export type RuleKind = 'PREDEFINED_EXPRESSION' | 'CUSTOM_EXPRESSION';
export type PredefinedMetric = 'CPU_UTILIZATION' | 'MEMORY_UTILIZATION';

/** One side (scale out or scale in) of a rule. */
export interface RuleSideValues {
  /** Predefined rules: the percentage. */
  threshold: string;
  /** Custom rules: the MQL alarm expression. */
  query: string;
  /** ISO-8601 (PT3M); '' leaves OCI's default of PT3M. */
  pendingDuration: string;
  /** '' leaves OCI's default of 1. */
  instanceCountAdjustment: string;
}

export interface RuleValues {
  id: string;
  kind: RuleKind;
  metricType: PredefinedMetric;
  scaleOut: RuleSideValues;
  scaleIn: RuleSideValues;
}

export interface ScalingValues {
  mode: ScalingMode;
  minimum: string;
  initial: string;
  maximum: string;
  /** '' leaves OCI's default cool-down. */
  coolDownInSeconds: string;
  enabled: boolean;
  rules: RuleValues[];
}

let ruleSeq = 0;

export const customQuery = (metric: string, op: string, threshold: number) => `${metric}[1m]{resourceId = "${RESOURCE_ID_PLACEHOLDER}"}.mean() ${op} ${threshold}`;

/** The example of OCI-SPEC I: CPU, out at 70 %, in below 30 %, PT3M, by 1. */
export function newRule(kind: RuleKind = 'PREDEFINED_EXPRESSION'): RuleValues {
  return {
    id: `rule-${++ruleSeq}`,
    kind,
    metricType: 'CPU_UTILIZATION',
    scaleOut: { threshold: '70', query: customQuery('CpuUtilization', '>', 70), pendingDuration: 'PT3M', instanceCountAdjustment: '1' },
    scaleIn: { threshold: '30', query: customQuery('CpuUtilization', '<', 30), pendingDuration: 'PT3M', instanceCountAdjustment: '1' },
  };
}

/** Fixed size; the autoscaling fields hold OCI's example, ready if the user switches. */
export function defaultScalingValues(instanceCount = '1'): ScalingValues {
  return { mode: 'FIXED_SIZE', minimum: instanceCount, initial: instanceCount, maximum: '4', coolDownInSeconds: String(OCI_COOL_DOWN_SECONDS), enabled: true, rules: [newRule()] };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

function sideValues(c: ScalingConfiguration | undefined, fallback: RuleSideValues): RuleSideValues {
  if (!c) return fallback;
  return {
    threshold: str(c.threshold),
    query: c.query ?? '',
    pendingDuration: c.pendingDuration ?? '',
    instanceCountAdjustment: str(c.instanceCountAdjustment),
  };
}

function ruleValues(rule: MetricExpressionRule): RuleValues {
  const fresh = newRule(rule.metricExpressionRuleType);
  return {
    id: fresh.id,
    kind: rule.metricExpressionRuleType,
    metricType: rule.metricType ?? 'CPU_UTILIZATION',
    scaleOut: sideValues(rule.scaleOutConfiguration, fresh.scaleOut),
    scaleIn: sideValues(rule.scaleInConfiguration, fresh.scaleIn),
  };
}

/** The form as a deployment's policy fills it; what it does not hold is read back unchanged by toScalingPolicy. */
export function scalingValuesFromPolicy(policy: ScalingPolicy | undefined): ScalingValues {
  if (!policy || policy.policyType === 'FIXED_SIZE') return defaultScalingValues(str(startingInstanceCount(policy)));
  const p = policy.autoScalingPolicies[0];
  return {
    mode: 'AUTOSCALING',
    minimum: str(p?.minimumInstanceCount),
    initial: str(p?.initialInstanceCount),
    maximum: str(p?.maximumInstanceCount),
    coolDownInSeconds: str(policy.coolDownInSeconds),
    enabled: policy.isEnabled !== false,
    rules: (p?.rules ?? []).map(ruleValues),
  };
}

/** '' is "not given"; anything else a number (NaN for junk, which the schema names). */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
/** A required number: absent reads as NaN so the schema says "... must be a number." */
const required = (s: string): number => num(s) ?? Number.NaN;

function side(kind: RuleKind, v: RuleSideValues): ScalingConfiguration {
  const out: ScalingConfiguration =
    kind === 'PREDEFINED_EXPRESSION' ? { scalingConfigurationType: 'THRESHOLD', threshold: required(v.threshold) } : { scalingConfigurationType: 'QUERY', query: v.query.trim() };
  if (v.pendingDuration.trim() !== '') out.pendingDuration = v.pendingDuration.trim().toUpperCase();
  const adjustment = num(v.instanceCountAdjustment);
  if (adjustment !== undefined) out.instanceCountAdjustment = adjustment;
  return out;
}

function rule(r: RuleValues): MetricExpressionRule {
  return {
    metricExpressionRuleType: r.kind,
    ...(r.kind === 'PREDEFINED_EXPRESSION' ? { metricType: r.metricType } : {}),
    scaleInConfiguration: side(r.kind, r.scaleIn),
    scaleOutConfiguration: side(r.kind, r.scaleOut),
  };
}

/**
 * The SDK's AutoScalingPolicy for the form. `base` is the deployment's policy when editing: a
 * field the form leaves at OCI's default (isEnabled true, no cooldown given) stays as the base had
 * it, so opening and saving an unchanged policy sends nothing.
 */
export function toAutoScalingPolicy(v: ScalingValues, base?: ScalingPolicy): AutoScalingPolicy {
  const auto = base?.policyType === 'AUTOSCALING' ? base : undefined;
  const coolDown = num(v.coolDownInSeconds);
  const keepEnabled = v.enabled && auto !== undefined && auto.isEnabled === undefined;
  const policy: AutoScalingPolicy = {
    policyType: 'AUTOSCALING',
    ...(coolDown !== undefined ? { coolDownInSeconds: coolDown } : {}),
    ...(keepEnabled ? {} : { isEnabled: v.enabled }),
    autoScalingPolicies: [
      {
        autoScalingPolicyType: 'THRESHOLD',
        rules: v.rules.map(rule),
        minimumInstanceCount: required(v.minimum),
        maximumInstanceCount: required(v.maximum),
        initialInstanceCount: required(v.initial),
      },
    ],
  };
  return policy;
}
