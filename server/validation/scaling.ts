import { OCI_COOL_DOWN_SECONDS } from '@/server/domain/cool-down';
import { z } from 'zod';
import { parseAlarmExpression, RESOURCE_ID_PLACEHOLDER } from '@/server/domain/alarm-expression';
import { CHARTS } from '@/server/domain/chart-series';
import { isOcid } from '@/server/domain/ocid';
import { parseIsoDurationSeconds } from '@/server/domain/iso-duration';
import { parseInterval } from '@/server/domain/mql';

// FixedSizeScalingPolicy and AutoScalingPolicy (ThresholdBasedAutoScalingPolicyDetails) in the
// SDK's JSON shape, with OCI's limits (OCI-SPEC section I). The console may run with shorter
// minimums for tests and demos (BERTH_AUTOSCALING_MIN_SECONDS); the OCI-compatible API always
// uses scalingPolicySchema, which has OCI's.

export const INSTANCE_COUNT_MIN = 1;
export const INSTANCE_COUNT_MAX = 100;

const instanceCount = (label: string) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(INSTANCE_COUNT_MIN, `${label} must be between ${INSTANCE_COUNT_MIN} and ${INSTANCE_COUNT_MAX}.`)
    .max(INSTANCE_COUNT_MAX, `${label} must be between ${INSTANCE_COUNT_MIN} and ${INSTANCE_COUNT_MAX}.`);

export const instanceCountSchema = instanceCount('Number of instances');

export interface AutoscalingLimits {
  minCoolDownSeconds: number;
  minPendingSeconds: number;
  maxPendingSeconds: number;
}

export const OCI_AUTOSCALING_LIMITS: AutoscalingLimits = { minCoolDownSeconds: OCI_COOL_DOWN_SECONDS, minPendingSeconds: 180, maxPendingSeconds: 3600 };

/** OCI's limits, with the minimums lowered to `minSeconds` when the local setting is given. */
export function autoscalingLimits(minSeconds: number | null): AutoscalingLimits {
  if (minSeconds === null) return OCI_AUTOSCALING_LIMITS;
  return {
    minCoolDownSeconds: Math.min(minSeconds, OCI_AUTOSCALING_LIMITS.minCoolDownSeconds),
    minPendingSeconds: Math.min(minSeconds, OCI_AUTOSCALING_LIMITS.minPendingSeconds),
    maxPendingSeconds: OCI_AUTOSCALING_LIMITS.maxPendingSeconds,
  };
}

const RECORDED_METRICS = [...new Set(CHARTS.map((c) => c.metric))];
const MAX_QUERY_INTERVAL_MS = 3_600_000;

export interface QueryIssue {
  message: string;
  /** 0-based index of the token the message is about. */
  index: number;
}

const at = (index: number, message: string): QueryIssue => ({ index, message: `${message.replace(/\.$/, '')} (column ${index + 1}).` });

/**
 * Why a custom rule's query is not acceptable, pointing at the token, or null. `resourceId` is the
 * deployment's OCID when it is known; null while creating (only the placeholder can name a
 * deployment that does not exist yet); undefined where the caller cannot know (a request checked
 * before the merge: any deployment OCID, checked again against the real one after it).
 */
export function scalingQueryIssue(query: string, resourceId?: string | null): QueryIssue | null {
  const parsed = parseAlarmExpression(query);
  if (!parsed.ok) return { index: parsed.error.index, message: parsed.error.message };
  const q = parsed.data;
  if (!RECORDED_METRICS.includes(q.metric)) {
    return at(query.indexOf(q.metric), `Unknown metric "${q.metric}": Berth records ${RECORDED_METRICS.join(', ')}.`);
  }
  const intervalMs = parseInterval(q.interval);
  if (intervalMs === null || intervalMs > MAX_QUERY_INTERVAL_MS) {
    return at(q.intervalIndex, `Interval "${q.interval}" must be from 1m to 60m (or 1h).`);
  }
  const named = q.filters.find((f) => f.dimension === 'resourceId');
  const example = `{resourceId = "${resourceId ?? RESOURCE_ID_PLACEHOLDER}"}`;
  if (!named) {
    const where = q.filters.length > 0 ? (q.filters[0]?.valueIndex ?? 0) : Math.max(0, (q.functions[0]?.index ?? 1) - 1);
    return at(where, `The query must name the deployment with ${example}.`);
  }
  const accepted =
    named.value === RESOURCE_ID_PLACEHOLDER ||
    (typeof resourceId === 'string' ? named.value === resourceId : resourceId === undefined && isOcid(named.value) && named.value.startsWith('ocid1.datasciencemodeldeployment.'));
  if (named.op !== '=' || !accepted) {
    return at(named.valueIndex, `The query must name this deployment exactly: ${example}.`);
  }
  return null;
}

const pendingDurationSchemaWith = (limits: AutoscalingLimits) => {
  const { minPendingSeconds: lo, maxPendingSeconds: hi } = limits;
  const rule = lo === OCI_AUTOSCALING_LIMITS.minPendingSeconds
    ? 'Pending duration must be an ISO-8601 duration from PT3M to PT1H, for example PT5M.'
    : `Pending duration must be an ISO-8601 duration from PT${lo}S to PT1H, for example PT5M.`;
  return z.string({ error: rule }).refine((v) => {
    const seconds = parseIsoDurationSeconds(v);
    return seconds !== null && seconds >= lo && seconds <= hi;
  }, rule);
};


const adjustment = z
  .number({ error: 'Instance count adjustment must be a number.' })
  .int('Instance count adjustment must be a whole number.')
  .min(1, 'Instance count adjustment must be at least 1.')
  .max(INSTANCE_COUNT_MAX, `Instance count adjustment must be at most ${INSTANCE_COUNT_MAX}.`);

export interface ScalingPolicyContext {
  limits?: AutoscalingLimits;
  /** The deployment's OCID, which custom queries must name (see scalingQueryIssue). */
  resourceId?: string | null;
}

export function makeScalingPolicySchema(context: ScalingPolicyContext = {}) {
  const limits = context.limits ?? OCI_AUTOSCALING_LIMITS;
  const pendingDuration = pendingDurationSchemaWith(limits);

  const thresholdScaling = z.strictObject({
    scalingConfigurationType: z.literal('THRESHOLD', { error: 'A predefined rule is configured with scalingConfigurationType THRESHOLD.' }),
    threshold: z.number({ error: 'Threshold is required.' }).min(0, 'Threshold must be a percentage from 0 to 100.').max(100, 'Threshold must be a percentage from 0 to 100.'),
    pendingDuration: pendingDuration.optional(),
    instanceCountAdjustment: adjustment.optional(),
  });

  const queryScaling = z
    .strictObject({
      scalingConfigurationType: z.literal('QUERY', { error: 'A custom rule is configured with scalingConfigurationType QUERY.' }),
      query: z.string({ error: 'Query is required.' }).trim().min(1, 'Query is required.'),
      pendingDuration: pendingDuration.optional(),
      instanceCountAdjustment: adjustment.optional(),
    })
    .superRefine((c, ctx) => {
      const issue = scalingQueryIssue(c.query, context.resourceId);
      if (issue) ctx.addIssue({ code: 'custom', message: issue.message, path: ['query'], params: { index: issue.index } });
    });

  const metricRule = z.discriminatedUnion(
    'metricExpressionRuleType',
    [
      z
        .strictObject({
          metricExpressionRuleType: z.literal('PREDEFINED_EXPRESSION'),
          metricType: z.enum(['CPU_UTILIZATION', 'MEMORY_UTILIZATION'], { error: 'Metric type must be CPU_UTILIZATION or MEMORY_UTILIZATION.' }),
          scaleInConfiguration: thresholdScaling,
          scaleOutConfiguration: thresholdScaling,
        })
        .superRefine((rule, ctx) => {
          if (rule.scaleInConfiguration.threshold >= rule.scaleOutConfiguration.threshold) {
            ctx.addIssue({ code: 'custom', message: 'The scale-in threshold must be lower than the scale-out threshold.', path: ['scaleInConfiguration', 'threshold'] });
          }
        }),
      z
        .strictObject({
          metricExpressionRuleType: z.literal('CUSTOM_EXPRESSION'),
          scaleInConfiguration: queryScaling,
          scaleOutConfiguration: queryScaling,
        })
        .superRefine((rule, ctx) => {
          // Hysteresis: on the same series, a scale-in that fires at or above the scale-out
          // threshold would undo every scale-out.
          const out = parseAlarmExpression(rule.scaleOutConfiguration.query);
          const inn = parseAlarmExpression(rule.scaleInConfiguration.query);
          if (!out.ok || !inn.ok) return;
          const norm = (s: string) => s.replace(/\s+/g, '');
          const opposite = out.data.op.startsWith('>') && inn.data.op.startsWith('<');
          if (opposite && norm(out.data.metricQuery) === norm(inn.data.metricQuery) && inn.data.threshold >= out.data.threshold) {
            ctx.addIssue({
              code: 'custom',
              message: `The scale-in threshold (${inn.data.threshold}) must be lower than the scale-out threshold (${out.data.threshold}) on the same series (column ${inn.data.opIndex + 1}).`,
              path: ['scaleInConfiguration', 'query'],
              params: { index: inn.data.opIndex },
            });
          }
        }),
    ],
    { error: 'Metric expression rule type must be PREDEFINED_EXPRESSION or CUSTOM_EXPRESSION.' },
  );

  const thresholdPolicy = z
    .strictObject({
      autoScalingPolicyType: z.literal('THRESHOLD', { error: 'Autoscaling policy type must be THRESHOLD.' }),
      rules: z.array(metricRule).min(1, 'Add at least one scaling rule.'),
      minimumInstanceCount: instanceCount('Minimum number of instances'),
      maximumInstanceCount: instanceCount('Maximum number of instances'),
      initialInstanceCount: instanceCount('Initial number of instances'),
    })
    .superRefine((p, ctx) => {
      if (p.minimumInstanceCount > p.maximumInstanceCount) {
        ctx.addIssue({ code: 'custom', message: 'The minimum number of instances must not exceed the maximum.', path: ['minimumInstanceCount'] });
      } else if (p.initialInstanceCount < p.minimumInstanceCount || p.initialInstanceCount > p.maximumInstanceCount) {
        ctx.addIssue({ code: 'custom', message: 'The initial number of instances must be between the minimum and the maximum.', path: ['initialInstanceCount'] });
      }
    });

  const coolDown = `Cooldown must be at least ${limits.minCoolDownSeconds} seconds.`;
  return z.discriminatedUnion(
    'policyType',
    [
      z.strictObject({ policyType: z.literal('FIXED_SIZE'), instanceCount: instanceCountSchema }),
      z.strictObject({
        policyType: z.literal('AUTOSCALING'),
        coolDownInSeconds: z.number({ error: coolDown }).int('Cooldown must be a whole number of seconds.').min(limits.minCoolDownSeconds, coolDown).optional(),
        isEnabled: z.boolean({ error: 'isEnabled must be true or false.' }).optional(),
        autoScalingPolicies: z.array(thresholdPolicy).length(1, 'An autoscaling configuration has exactly one autoscaling policy.'),
      }),
    ],
    { error: 'Scaling policy type must be FIXED_SIZE or AUTOSCALING.' },
  );
}

export const scalingPolicySchema = makeScalingPolicySchema();

interface PolicyLike {
  policyType: string;
  autoScalingPolicies?: readonly { rules: readonly { scaleInConfiguration: { query?: string }; scaleOutConfiguration: { query?: string } }[] }[];
}

/**
 * The first custom query of a merged policy that does not name this deployment, with its field
 * path: an update is validated before the merge, when the deployment's OCID is not at hand.
 */
export function scalingPolicyQueryIssue(policy: PolicyLike | null | undefined, resourceId: string): (QueryIssue & { path: string }) | null {
  if (!policy || policy.policyType !== 'AUTOSCALING') return null;
  for (const [p, details] of (policy.autoScalingPolicies ?? []).entries()) {
    for (const [r, rule] of details.rules.entries()) {
      for (const side of ['scaleInConfiguration', 'scaleOutConfiguration'] as const) {
        const query = rule[side].query;
        const issue = query === undefined ? null : scalingQueryIssue(query, resourceId);
        if (issue) return { ...issue, path: `scalingPolicy.autoScalingPolicies.${p}.rules.${r}.${side}.query` };
      }
    }
  }
  return null;
}
