import { describe, expect, it } from 'vitest';
import { decisionTitle, describeRule, summarizeScaling } from './scaling-summary';

describe('scaling summary', () => {
  it('says a fixed-size deployment runs its count, an autoscaled one its bounds and rules', () => {
    expect(summarizeScaling({ policyType: 'FIXED_SIZE', instanceCount: 3 }, 2)).toEqual({ kind: 'FIXED_SIZE', current: 2, instanceCount: 3 });
    expect(summarizeScaling(undefined, 1)).toEqual({ kind: 'FIXED_SIZE', current: 1, instanceCount: 1 });
    const s = summarizeScaling(
      {
        policyType: 'AUTOSCALING',
        coolDownInSeconds: 600,
        autoScalingPolicies: [
          {
            autoScalingPolicyType: 'THRESHOLD',
            minimumInstanceCount: 1,
            maximumInstanceCount: 4,
            initialInstanceCount: 2,
            rules: [
              {
                metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
                metricType: 'CPU_UTILIZATION',
                scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 70, pendingDuration: 'PT5M', instanceCountAdjustment: 2 },
                scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 20 },
              },
            ],
          },
        ],
      },
      3,
    );
    expect(s).toEqual({
      kind: 'AUTOSCALING',
      current: 3,
      minimum: 1,
      maximum: 4,
      initial: 2,
      enabled: true,
      coolDownSeconds: 600,
      rules: ['CPU utilization: out by 2 at >= 70 % for 5m, in by 1 below 20 % for 3m'],
    });
  });

  it('describes a custom rule by its queries', () => {
    expect(
      describeRule({
        metricExpressionRuleType: 'CUSTOM_EXPRESSION',
        scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.sum() > 600', pendingDuration: 'PT3M' },
        scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.sum() < 60', pendingDuration: 'PT10M' },
      }),
    ).toBe(
      'Custom: out by 1 when PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.sum() > 600 for 3m, in by 1 when PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.sum() < 60 for 10m',
    );
  });

  it('titles decisions and holds', () => {
    expect(decisionTitle({ action: 'SCALE_OUT', fromCount: 1, toCount: 2, heldBy: null, reason: 'Scale out 1 -> 2: ...' })).toBe('Scale out 1 → 2');
    expect(decisionTitle({ action: 'SCALE_IN', fromCount: 3, toCount: 1, heldBy: null, reason: 'Scale in 3 -> 1: ...' })).toBe('Scale in 3 → 1');
    expect(decisionTitle({ action: 'NONE', fromCount: 2, toCount: 2, heldBy: 'COOLDOWN', reason: 'Scale out wanted: ...' })).toBe('Scale out held by the cooldown');
    expect(decisionTitle({ action: 'NONE', fromCount: 1, toCount: 1, heldBy: 'BOUNDS', reason: 'Scale in wanted: ...' })).toBe('Scale in held by the instance bounds');
    expect(decisionTitle({ action: 'DEACTIVATE', fromCount: 1, toCount: 0, heldBy: null, reason: 'Idle guard: ...' })).toBe('Idle guard: deactivated');
    expect(decisionTitle({ action: 'DEACTIVATE', fromCount: 1, toCount: 1, heldBy: 'BUSY', reason: 'Idle guard: ...' })).toBe('Idle guard: deactivation held back');
    expect(decisionTitle({ action: 'ACTIVATE', fromCount: 0, toCount: 1, heldBy: null, reason: 'Idle guard: ...' })).toBe('Idle guard: scheduled activation');
    expect(decisionTitle({ action: 'ACTIVATE', fromCount: 0, toCount: 0, heldBy: 'STATE', reason: 'Idle guard: ...' })).toBe('Idle guard: scheduled activation held back');
  });
});
