import type { ModelDeploymentSummary } from '@/server/domain/oci-types';
import { instanceCountsOf } from '@/server/domain/scaling-instances';

/** A list row: the summary with the names the service resolved (null when unreadable). */
export type DeploymentRow = ModelDeploymentSummary & { modelName: string | null; projectName: string | null };

/** "VM.Standard.E4.Flex · 1 OCPU · 6 GB", from the configuration (flex sizes are chosen, fixed are the shape's). */
export function shapeSummary(d: Pick<ModelDeploymentSummary, 'modelDeploymentConfigurationDetails'>): string | null {
  const ic = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.instanceConfiguration;
  if (!ic) return null;
  const cfg = ic.modelDeploymentInstanceShapeConfigDetails;
  const parts = [ic.instanceShapeName];
  if (cfg?.ocpus !== undefined) parts.push(`${cfg.ocpus} OCPU${cfg.ocpus === 1 ? '' : 's'}`);
  if (cfg?.memoryInGBs !== undefined) parts.push(`${cfg.memoryInGBs} GB`);
  return parts.join(' · ');
}

/** Configured instances: a fixed count, or "min–max" under autoscaling. */
export function instanceCountLabel(d: Pick<ModelDeploymentSummary, 'modelDeploymentConfigurationDetails'>): string | null {
  const policy = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy;
  const counts = instanceCountsOf(policy);
  if (policy?.policyType !== 'AUTOSCALING') return String(counts.initial);
  return policy.autoScalingPolicies[0] ? `${counts.minimum}–${counts.maximum} (autoscaling)` : 'Autoscaling';
}
