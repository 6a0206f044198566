import { describe, expect, it } from 'vitest';
import type { ModelDeployment, UpdateModelDeploymentDetails } from './oci-types';
import { FIXTURE_MODEL_ID, modelDeploymentFixture } from '@/tests/support/model-deployment';
import { describeUpdateSteps, needsOneGroupAtATime, stepLabel } from './update-plan';

const MODEL = FIXTURE_MODEL_ID;
const md = (lifecycleState: ModelDeployment['lifecycleState']) => modelDeploymentFixture({ lifecycleState });

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
      ['Scaling policy (with name, description and tags)', ['instanceCount: 1 -> 3', 'description: undefined -> two groups']],
      ['Load balancer or container', ['bandwidthMbps: 10 -> 40']],
    ]);
  });

  it('keeps an inactive deployment’s update whole', () => {
    const steps = describeUpdateSteps(md('INACTIVE'), update);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.groups).toEqual(['meta', 'scaling', 'loadBalancerOrContainer']);
    expect(needsOneGroupAtATime('INACTIVE')).toBe(false);
    expect(needsOneGroupAtATime('NEEDS_ATTENTION')).toBe(true);
  });

  it('labels steps by their groups', () => {
    expect(stepLabel(['meta'])).toBe('Name, description and tags');
    expect(stepLabel(['logging'])).toBe('Logging');
  });
});
