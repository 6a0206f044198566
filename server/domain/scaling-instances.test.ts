import { describe, expect, it } from 'vitest';
import type { AutoScalingPolicy, ScalingPolicy } from './oci-types';
import { costInputOf } from './cost/estimate';
import { askedInstanceCount } from './host-reservation';
import { instanceCountsOf, startingInstanceCount, targetInstanceCount } from './scaling-instances';
import { describeScalingPolicy, summarizeScaling } from './scaling-summary';

// OCI-SPEC I: the SDK's example policy, 1 to 4 instances starting at 1; here starting at 2.
const autoscaling = (min: number, initial: number, max: number): AutoScalingPolicy => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  isEnabled: true,
  autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', rules: [], minimumInstanceCount: min, initialInstanceCount: initial, maximumInstanceCount: max }],
});
const fixed = (n: number): ScalingPolicy => ({ policyType: 'FIXED_SIZE', instanceCount: n });
const noDetails: AutoScalingPolicy = { policyType: 'AUTOSCALING', autoScalingPolicies: [] };

describe('instanceCountsOf', () => {
  it('reads a fixed size as its own initial, minimum and maximum', () => {
    expect(instanceCountsOf(fixed(3))).toEqual({ initial: 3, minimum: 3, maximum: 3 });
  });

  it('reads an autoscaling policy from its one ThresholdBasedAutoScalingPolicyDetails', () => {
    expect(instanceCountsOf(autoscaling(1, 2, 4))).toEqual({ initial: 2, minimum: 1, maximum: 4 });
  });

  it('counts one instance without a policy (the default replica) and for an autoscaling policy without its details', () => {
    expect(instanceCountsOf(undefined)).toEqual({ initial: 1, minimum: 1, maximum: 1 });
    expect(instanceCountsOf(null)).toEqual({ initial: 1, minimum: 1, maximum: 1 });
    expect(instanceCountsOf(noDetails)).toEqual({ initial: 1, minimum: 1, maximum: 1 });
  });
});

describe('startingInstanceCount', () => {
  it('starts a fixed size at its count and an autoscaled deployment at its initial count, not its minimum or maximum', () => {
    expect(startingInstanceCount(fixed(3))).toBe(3);
    expect(startingInstanceCount(autoscaling(1, 2, 4))).toBe(2);
    expect(startingInstanceCount(undefined)).toBe(1);
  });
});

describe('targetInstanceCount', () => {
  it('applies a fixed size whatever runs now', () => {
    expect(targetInstanceCount(fixed(3), 1)).toBe(3);
    expect(targetInstanceCount(fixed(1), 5)).toBe(1);
    expect(targetInstanceCount(undefined, 4)).toBe(1);
  });

  it('keeps an autoscaled count that is within the bounds, and brings one outside them to the nearest bound', () => {
    expect(targetInstanceCount(autoscaling(1, 1, 4), 3)).toBe(3);
    expect(targetInstanceCount(autoscaling(2, 2, 4), 1)).toBe(2);
    expect(targetInstanceCount(autoscaling(1, 1, 2), 5)).toBe(2);
  });

  // The two copies before this home disagreed here: the provider kept the running count, the
  // Scaling tab showed bounds of 1 to 1. Now what the page shows is what the provider aims at.
  it('aims an autoscaling policy without details at the one instance the Scaling tab shows', () => {
    expect(targetInstanceCount(noDetails, 3)).toBe(1);
    const summary = summarizeScaling(noDetails, 3);
    expect(summary).toMatchObject({ kind: 'AUTOSCALING', minimum: 1, maximum: 1, initial: 1 });
  });
});

describe('one answer for the pages, the host reservation and the cost estimate', () => {
  const shape = { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } };
  const cases: [string, ScalingPolicy | undefined][] = [
    ['no policy', undefined],
    ['fixed size 3', fixed(3)],
    ['autoscaling 1..4 from 2', autoscaling(1, 2, 4)],
    ['autoscaling without details', noDetails],
  ];

  it.each(cases)('%s: the Scaling tab, the review text, the reservation and the cost bounds agree with what starts', (_name, policy) => {
    const counts = instanceCountsOf(policy);
    const start = startingInstanceCount(policy);
    expect(askedInstanceCount({ scalingPolicy: policy })).toBe(start);
    const summary = summarizeScaling(policy, 0);
    if (summary.kind === 'FIXED_SIZE') {
      expect(summary.instanceCount).toBe(start);
      expect(describeScalingPolicy(policy)[0]).toContain(`Fixed size: ${start} instance`);
    } else {
      expect({ initial: summary.initial, minimum: summary.minimum, maximum: summary.maximum }).toEqual(counts);
    }
    const cost = costInputOf({ modelId: 'ocid1.datasciencemodel.oc1..x', instanceConfiguration: shape, ...(policy ? { scalingPolicy: policy } : {}) });
    expect(cost.ok ? cost.input.instances : cost.reason).toEqual({ min: counts.minimum, max: counts.maximum });
  });
});
