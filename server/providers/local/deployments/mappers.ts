import type { ModelDeploymentRow } from '@/db/queries/model-deployments';
import type { ModelDeployment, ModelDeploymentSummary } from '@/server/domain/oci-types';

export const toModelDeploymentSummary = (r: ModelDeploymentRow): ModelDeploymentSummary => ({
  id: r.id,
  timeCreated: r.timeCreated,
  displayName: r.displayName,
  ...(r.description != null ? { description: r.description } : {}),
  projectId: r.projectId,
  createdBy: r.createdBy,
  compartmentId: r.compartmentId,
  modelDeploymentConfigurationDetails: r.modelDeploymentConfigurationDetails,
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
