import { describe, expect, it } from 'vitest';
import type { ScalingPolicy } from '@/server/domain/oci-types';
import { instanceCountsOf } from '@/server/domain/scaling-instances';
import { instanceCountLabel } from './deployment-row';

const withPolicy = (scalingPolicy?: ScalingPolicy) => ({
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL' as const,
    modelConfigurationDetails: { modelId: 'ocid1.datasciencemodel.oc1..x', instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex' }, ...(scalingPolicy ? { scalingPolicy } : {}) },
  },
});

describe('instanceCountLabel', () => {
  it('shows the counts the provider works with: a fixed size, one without a policy, the bounds of an autoscaled one', () => {
    const auto: ScalingPolicy = {
      policyType: 'AUTOSCALING',
      autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', rules: [], minimumInstanceCount: 2, initialInstanceCount: 3, maximumInstanceCount: 5 }],
    };
    expect(instanceCountLabel(withPolicy({ policyType: 'FIXED_SIZE', instanceCount: 3 }))).toBe('3');
    expect(instanceCountLabel(withPolicy())).toBe(String(instanceCountsOf(undefined).initial));
    const { minimum, maximum } = instanceCountsOf(auto);
    expect(instanceCountLabel(withPolicy(auto))).toBe(`${minimum}–${maximum} (autoscaling)`);
    expect(instanceCountLabel(withPolicy({ policyType: 'AUTOSCALING', autoScalingPolicies: [] }))).toBe('Autoscaling');
  });
});
