import { describe, expect, it } from 'vitest';
import type { ModelDeployment, UpdateModelDeploymentDetails } from './oci-types';
import { describeUpdateSteps, needsOneGroupAtATime, stepLabel } from './update-plan';

const MODEL = 'ocid1.datasciencemodel.oc1.test.aaaaaaaamodel';
const md = (lifecycleState: ModelDeployment['lifecycleState']): ModelDeployment => ({
  id: 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaamd',
  timeCreated: '2025-01-01T00:00:00.000Z',
  displayName: 'md',
  projectId: 'ocid1.datascienceproject.oc1.test.aaaaaaaaproject',
  createdBy: 'ocid1.user.oc1..aaaaaaaauser',
  compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment',
  modelDeploymentUrl: 'http://127.0.0.1/md',
  lifecycleState,
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard2.1' },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
  },
});

const update: UpdateModelDeploymentDetails = {
  description: 'two groups',
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: { modelId: MODEL, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 }, bandwidthMbps: 40 },
  },
};

describe('describeUpdateSteps', () => {
  it('splits a serving deployment’s update into one step per option group, with what each changes', () => {
    const steps = describeUpdateSteps(md('ACTIVE'), update);
    expect(steps.map((s) => [s.label, s.changes.map((c) => `${c.path.split('.').at(-1)}: ${String(c.before)} -> ${String(c.after)}`)])).toEqual([
      ['Compute (with name, description and tags)', ['instanceCount: 1 -> 3', 'description: undefined -> two groups']],
      ['Load balancer or container', ['bandwidthMbps: 10 -> 40']],
    ]);
  });

  it('keeps an inactive deployment’s update whole', () => {
    const steps = describeUpdateSteps(md('INACTIVE'), update);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.groups).toEqual(['meta', 'compute', 'loadBalancerOrContainer']);
    expect(needsOneGroupAtATime('INACTIVE')).toBe(false);
    expect(needsOneGroupAtATime('NEEDS_ATTENTION')).toBe(true);
  });

  it('labels steps by their groups', () => {
    expect(stepLabel(['meta'])).toBe('Name, description and tags');
    expect(stepLabel(['logging'])).toBe('Logging');
  });
});
