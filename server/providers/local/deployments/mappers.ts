import type { ModelDeploymentRow } from '@/db/queries/model-deployments';
import type { ModelDeployment, ModelDeploymentSummary } from '@/server/domain/oci-types';
import { maskConfiguration } from '@/server/domain/secrets';

export const toModelDeploymentSummary = (r: ModelDeploymentRow): ModelDeploymentSummary => ({
  id: r.id,
  timeCreated: r.timeCreated,
  displayName: r.displayName,
  ...(r.description != null ? { description: r.description } : {}),
  projectId: r.projectId,
  createdBy: r.createdBy,
  compartmentId: r.compartmentId,
  // OCI returns secret values; Berth shows the mask and reveals a value only on an explicit, recorded request.
  modelDeploymentConfigurationDetails: maskConfiguration(r.modelDeploymentConfigurationDetails),
  ...(r.categoryLogDetails ? { categoryLogDetails: r.categoryLogDetails } : {}),
  modelDeploymentUrl: r.modelDeploymentUrl,
  modelDeploymentSystemData: { systemInfraType: 'INSTANCE_POOL', modelType: 'MANAGED_MODEL', currentInstanceCount: r.currentInstanceCount ?? 0 },
  lifecycleState: r.lifecycleState,
  freeformTags: r.freeformTags,
  definedTags: r.definedTags,
});

export const toModelDeployment = (r: ModelDeploymentRow): ModelDeployment => ({
  ...toModelDeploymentSummary(r),
  ...(r.lifecycleDetails != null ? { lifecycleDetails: r.lifecycleDetails } : {}),
});
