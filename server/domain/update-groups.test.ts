import { describe, expect, it } from 'vitest';
import type {
  EnvironmentVariables,
  ModelDeployment,
  ModelDeploymentEnvironmentConfigurationDetails,
  UpdateModelConfigurationDetails,
  UpdateModelDeploymentDetails,
  UpdateModelDeploymentEnvironmentConfigurationDetails,
} from './oci-types';
import { applyModelDeploymentUpdate } from './shallow-merge';
import { checkUpdateAllowed, classifyUpdate, planUpdateSteps, UPDATE_GROUP_LABELS } from './update-groups';

const MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel';
const OTHER_MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaaother';
const SUBNET = 'ocid1.subnet.oc1.iad.aaaaaaaasubnet';

const deployment = (env?: ModelDeploymentEnvironmentConfigurationDetails): ModelDeployment => ({
  id: 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd',
  timeCreated: '2025-01-01T00:00:00.000Z',
  displayName: 'md',
  projectId: 'ocid1.datascienceproject.oc1.iad.aaaaaaaaproject',
  createdBy: 'ocid1.user.oc1..aaaaaaaauser',
  compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment',
  modelDeploymentUrl: 'https://example.test/md',
  lifecycleState: 'ACTIVE',
  freeformTags: { team: 'ml' },
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
    ...(env ? { environmentConfigurationDetails: env } : {}),
  },
});

const ocir: ModelDeploymentEnvironmentConfigurationDetails = {
  environmentConfigurationType: 'OCIR_CONTAINER',
  image: 'iad.ocir.io/t/app:1',
  serverPort: 8080,
  environmentVariables: { A: 'b' },
};

const config = (
  modelConfig?: Partial<UpdateModelConfigurationDetails>,
  env?: UpdateModelDeploymentEnvironmentConfigurationDetails,
): UpdateModelDeploymentDetails => ({
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    ...(modelConfig ? { modelConfigurationDetails: { modelId: MODEL, ...modelConfig } } : {}),
    ...(env ? { environmentConfigurationDetails: env } : {}),
  },
});

const envVars = (vars: EnvironmentVariables) => config(undefined, { environmentVariables: vars });
const shape = (ocpus: number) => ({ instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus, memoryInGBs: 16 } });

describe('classifyUpdate', () => {
  const md = deployment();

  it('puts each field in its option group', () => {
    expect(classifyUpdate(md, { displayName: 'x', freeformTags: {} })).toEqual(['meta']);
    expect(classifyUpdate(md, envVars({ K: 'v' }))).toEqual(['environment']);
    expect(classifyUpdate(md, config({ modelId: OTHER_MODEL }))).toEqual(['model']);
    expect(classifyUpdate(md, config({ instanceConfiguration: shape(2) }))).toEqual(['compute']);
    expect(classifyUpdate(md, config({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 } }))).toEqual(['scaling']);
    expect(classifyUpdate(md, { categoryLogDetails: { access: { logId: 'ocid1.log.oc1.iad.a', logGroupId: 'ocid1.loggroup.oc1.iad.g' } } })).toEqual(['logging']);
    expect(classifyUpdate(md, config({ bandwidthMbps: 20 }))).toEqual(['loadBalancerOrContainer']);
  });

  it('counts container fields and environment-type switches as load balancer or container', () => {
    expect(classifyUpdate(deployment(ocir), config(undefined, { environmentVariables: { K: 'v' } }))).toEqual(['loadBalancerOrContainer']);
    expect(classifyUpdate(deployment(ocir), config(undefined, { serverPort: 9000 }))).toEqual(['loadBalancerOrContainer']);
    expect(classifyUpdate(md, config(undefined, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/t/app:1' }))).toEqual([
      'loadBalancerOrContainer',
    ]);
  });

  it('does not count fields sent with their current value', () => {
    const same = config({ modelId: MODEL, bandwidthMbps: 10, instanceConfiguration: shape(1) }, { environmentConfigurationType: 'DEFAULT' });
    expect(classifyUpdate(md, { ...same, displayName: 'md', freeformTags: { team: 'ml' } })).toEqual([]);
  });

  it('keeps a scaling policy change apart from the shape: two steps while serving', () => {
    const both = config({ instanceConfiguration: shape(2), scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 } });
    expect(classifyUpdate(md, both)).toEqual(['compute', 'scaling']);
    expect(checkUpdateAllowed('ACTIVE', md, both).ok).toBe(false);
    const steps = planUpdateSteps(md, both);
    expect(steps.map((s) => Object.keys(s.modelDeploymentConfigurationDetails?.modelConfigurationDetails ?? {}).sort())).toEqual([
      ['instanceConfiguration', 'modelId'],
      ['modelId', 'scalingPolicy'],
    ]);
  });

  it('lists several groups in a fixed order', () => {
    expect(classifyUpdate(md, { ...config({ bandwidthMbps: 20, instanceConfiguration: shape(2) }), description: 'd' })).toEqual([
      'meta',
      'compute',
      'loadBalancerOrContainer',
    ]);
  });
});

describe('checkUpdateAllowed', () => {
  const md = deployment();
  const computeAndLb = config({ bandwidthMbps: 20, instanceConfiguration: shape(2) });

  it('refuses two infrastructure groups on an ACTIVE or NEEDS_ATTENTION deployment, naming them', () => {
    for (const state of ['ACTIVE', 'NEEDS_ATTENTION'] as const) {
      const r = checkUpdateAllowed(state, md, computeAndLb);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('InvalidParameter');
        expect(r.error.message).toContain(`While the model deployment is ${state}, option groups must be applied one at a time`);
        expect(r.error.message).toContain('changes Compute and Load balancer or container.');
      }
    }
  });

  it('lets name, description and tags accompany one group', () => {
    expect(checkUpdateAllowed('ACTIVE', md, { ...config({ instanceConfiguration: shape(2) }), displayName: 'new', freeformTags: {} }).ok).toBe(true);
  });

  it('allows everything at once on an INACTIVE deployment', () => {
    expect(checkUpdateAllowed('INACTIVE', md, { ...computeAndLb, ...envVars({ K: 'v' }) }).ok).toBe(true);
  });

  it('never moves a deployment from custom back to managed networking', () => {
    const custom = deployment();
    const mc = custom.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
    if (mc) mc.instanceConfiguration = { ...shape(1), networkAccessType: 'CUSTOM_NETWORKING', subnetId: SUBNET };
    for (const state of ['ACTIVE', 'INACTIVE'] as const) {
      const r = checkUpdateAllowed(state, custom, config({ instanceConfiguration: { ...shape(1), networkAccessType: 'MANAGED_NETWORKING_INTERNET_ACCESS' } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/custom networking cannot move back to default \(managed\) networking/);
    }
    const toCustom = config({ instanceConfiguration: { ...shape(1), networkAccessType: 'CUSTOM_NETWORKING', subnetId: SUBNET } });
    expect(checkUpdateAllowed('ACTIVE', md, toCustom).ok).toBe(true);
  });

  it('refuses updates in states that cannot be updated, and passes merge errors through', () => {
    const r = checkUpdateAllowed('UPDATING', md, { displayName: 'x' });
    expect(!r.ok && r.error.code).toBe('IncorrectState');
    const bad = checkUpdateAllowed('INACTIVE', deployment(ocir), config(undefined, { image: '' }));
    expect(!bad.ok && bad.error.message).toMatch(/^image cannot be erased/);
  });
});

describe('planUpdateSteps', () => {
  const cases: Array<[string, ModelDeployment, UpdateModelDeploymentDetails]> = [
    ['compute + load balancer + meta', deployment(), { ...config({ bandwidthMbps: 20, instanceConfiguration: shape(2) }), displayName: 'renamed' }],
    ['model + compute + environment + logging', deployment(), {
      ...config({ modelId: OTHER_MODEL, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 } }, { environmentVariables: { K: 'v' } }),
      categoryLogDetails: { predict: { logId: 'ocid1.log.oc1.iad.p', logGroupId: 'ocid1.loggroup.oc1.iad.g' } },
      freeformTags: {},
    }],
    ['container image + model', deployment(ocir), config({ modelId: OTHER_MODEL }, { image: 'iad.ocir.io/t/app:2', cmd: [] })],
  ];

  for (const [name, md, update] of cases) {
    it(`splits ${name} into single-group steps that add up to the whole update`, () => {
      const steps = planUpdateSteps(md, update);
      expect(steps.length).toBe(classifyUpdate(md, update).filter((g) => g !== 'meta').length);
      let state = md;
      for (const step of steps) {
        expect(checkUpdateAllowed('ACTIVE', state, step)).toEqual({ ok: true, data: undefined });
        const mc = step.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
        if (mc) expect(mc.modelId).toMatch(/^ocid1\.datasciencemodel\./);
        const next = applyModelDeploymentUpdate(state, step);
        if (!next.ok) throw new Error(next.error.message);
        state = next.data;
      }
      const whole = applyModelDeploymentUpdate(md, update);
      expect(whole.ok && whole.data).toStrictEqual(state);
    });
  }

  it('puts name, description and tags in the first step', () => {
    const [first, second] = planUpdateSteps(deployment(), { ...config({ bandwidthMbps: 20, instanceConfiguration: shape(2) }), displayName: 'renamed' });
    expect(first).toEqual({ displayName: 'renamed', ...config({ instanceConfiguration: shape(2) }) });
    expect(second).toEqual(config({ bandwidthMbps: 20 }));
  });

  it('returns a single-group update unchanged', () => {
    const update = { ...config({ instanceConfiguration: shape(2) }), description: 'd' };
    expect(planUpdateSteps(deployment(), update)).toEqual([update]);
  });
});

describe('UPDATE_GROUP_LABELS', () => {
  it('has human words for every group', () => {
    expect(UPDATE_GROUP_LABELS.compute).toBe('Compute');
    expect(UPDATE_GROUP_LABELS.loadBalancerOrContainer).toBe('Load balancer or container');
    expect(Object.values(UPDATE_GROUP_LABELS).every((l) => /^[A-Z][a-z ,]+$/.test(l))).toBe(true);
  });
});
