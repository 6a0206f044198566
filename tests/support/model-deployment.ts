import type { ModelDeployment } from '@/server/domain/oci-types';

export const FIXTURE_MODEL_ID = 'ocid1.datasciencemodel.oc1.test.aaaaaaaamodel';

/** A serving single-model deployment on VM.Standard2.1: one instance, 10 Mbps, no tags. */
export const modelDeploymentFixture = (overrides: Partial<ModelDeployment> = {}): ModelDeployment => ({
  id: 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaamd',
  timeCreated: '2025-01-01T00:00:00.000Z',
  displayName: 'md',
  projectId: 'ocid1.datascienceproject.oc1.test.aaaaaaaaproject',
  createdBy: 'ocid1.user.oc1..aaaaaaaauser',
  compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment',
  modelDeploymentUrl: 'http://127.0.0.1/md',
  lifecycleState: 'ACTIVE',
  freeformTags: {},
  definedTags: {},
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: FIXTURE_MODEL_ID,
      instanceConfiguration: { instanceShapeName: 'VM.Standard2.1' },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
  },
  ...overrides,
});
