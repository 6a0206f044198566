import type { ScalingPolicy, ThresholdBasedAutoScalingPolicyDetails } from './oci-types';

// How many instances a scaling policy asks for: the one answer that the provider starts, the
// scaler and the idle guard aim at, the host reservation and the cost estimate count, and the
// pages show. A deployment without a policy runs one instance (OCI's and ADS's default replica);
// an autoscaling policy starts at its initialInstanceCount (the SDK's ThresholdBasedAutoScaling-
// PolicyDetails: "the number of instances will be reset to this value") and stays within its
// minimum and maximum.

/** The counts of a policy; a fixed size is its own initial, minimum and maximum. */
export interface InstanceCounts {
  initial: number;
  minimum: number;
  maximum: number;
}

/** No policy, or an autoscaling one without its (required) details: one instance. */
const ONE: InstanceCounts = { initial: 1, minimum: 1, maximum: 1 };

type CountFields = Pick<ThresholdBasedAutoScalingPolicyDetails, 'initialInstanceCount' | 'minimumInstanceCount' | 'maximumInstanceCount'>;

/** The counts of one autoscaling policy's details (the diff table words each entry it changes). */
export function countsOfDetails(details: CountFields): InstanceCounts {
  return { initial: details.initialInstanceCount, minimum: details.minimumInstanceCount, maximum: details.maximumInstanceCount };
}

export function instanceCountsOf(policy: ScalingPolicy | undefined | null): InstanceCounts {
  if (!policy) return ONE;
  if (policy.policyType === 'FIXED_SIZE') return { initial: policy.instanceCount, minimum: policy.instanceCount, maximum: policy.instanceCount };
  const details = policy.autoScalingPolicies[0];
  return details ? countsOfDetails(details) : ONE;
}

/** What a create, an activation or a new generation brings up. */
export function startingInstanceCount(policy: ScalingPolicy | undefined | null): number {
  return instanceCountsOf(policy).initial;
}

/**
 * What a policy asks of a deployment that runs `current` instances now: a fixed size is applied as
 * it is; an autoscaled count is kept within the bounds (the scaler moves it inside them).
 */
export function targetInstanceCount(policy: ScalingPolicy | undefined | null, current: number): number {
  const counts = instanceCountsOf(policy);
  if (policy?.policyType !== 'AUTOSCALING') return counts.initial;
  return Math.min(Math.max(current, counts.minimum), counts.maximum);
}
