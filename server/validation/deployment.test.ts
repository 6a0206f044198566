import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { generateOcid } from '@/server/domain/ocid';
import type { CreateModelDeploymentDetails, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import {
  bandwidthSchema,
  createModelDeploymentDetailsSchema,
  instanceConfigurationSchema,
  instanceCountSchema,
  scalingPolicySchema,
  updateModelDeploymentDetailsSchema,
} from './deployment';

const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};
const messages = (schema: z.ZodType, value: unknown) => issues(schema, value).map((i) => i.message);

const modelId = generateOcid('datasciencemodel', { region: 'iad' });
const e4 = { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } };

const projectId = generateOcid('datascienceproject', { region: 'iad' });
const compartmentId = generateOcid('compartment', { region: '' });
const log = { logId: generateOcid('log', { region: 'iad' }), logGroupId: generateOcid('loggroup', { region: 'iad' }) };

const createBody = () => ({
  displayName: 'md',
  projectId,
  compartmentId,
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: { modelId, instanceConfiguration: e4, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 }, bandwidthMbps: 10 },
    environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/ns/app:1', serverPort: 5000 },
  },
  categoryLogDetails: { access: log },
  freeformTags: { team: 'ml' },
});

const autoscaling = (policy: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  autoScalingPolicies: [
    {
      autoScalingPolicyType: 'THRESHOLD',
      minimumInstanceCount: 1,
      maximumInstanceCount: 4,
      initialInstanceCount: 1,
      rules: [
        {
          metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
          metricType: 'CPU_UTILIZATION',
          scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 30, pendingDuration: 'PT3M', instanceCountAdjustment: 1 },
          scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 70, pendingDuration: 'PT3M', instanceCountAdjustment: 1 },
        },
      ],
      ...policy,
    },
  ],
  ...top,
});

describe('bandwidthSchema', () => {
  it('accepts whole Mbps from 10 to 8000', () => {
    expect(bandwidthSchema.safeParse({ bandwidthMbps: 10 }).success).toBe(true);
    expect(bandwidthSchema.safeParse({ bandwidthMbps: 8000 }).success).toBe(true);
    expect(messages(bandwidthSchema, { bandwidthMbps: 9 })).toEqual(['Load balancer bandwidth must be between 10 and 8000 Mbps.']);
    expect(messages(bandwidthSchema, { bandwidthMbps: 10.5 })).toEqual(['Load balancer bandwidth must be a whole number of Mbps.']);
  });

  it('requires the maximum to be above the minimum and at most twice it', () => {
    expect(bandwidthSchema.safeParse({ bandwidthMbps: 100, maximumBandwidthMbps: 200 }).success).toBe(true);
    expect(issues(bandwidthSchema, { bandwidthMbps: 100, maximumBandwidthMbps: 100 })).toEqual([
      { path: 'maximumBandwidthMbps', message: 'Maximum bandwidth (100 Mbps) must be greater than the minimum bandwidth (100 Mbps).' },
    ]);
    expect(messages(bandwidthSchema, { bandwidthMbps: 100, maximumBandwidthMbps: 201 })).toEqual([
      'Maximum bandwidth (201 Mbps) must be at most twice the minimum bandwidth (200 Mbps).',
    ]);
    expect(messages(bandwidthSchema, { maximumBandwidthMbps: 20 })).toEqual(['Set the minimum bandwidth when setting a maximum bandwidth.']);
  });
});

describe('instanceCountSchema', () => {
  it('accepts whole numbers from 1 to 100', () => {
    expect(instanceCountSchema.safeParse(1).success).toBe(true);
    expect(instanceCountSchema.safeParse(100).success).toBe(true);
    expect(messages(instanceCountSchema, 0)).toEqual(['Number of instances must be between 1 and 100.']);
    expect(messages(instanceCountSchema, 101)).toEqual(['Number of instances must be between 1 and 100.']);
    expect(messages(instanceCountSchema, 1.5)).toEqual(['Number of instances must be a whole number.']);
  });
});

describe('instanceConfigurationSchema', () => {
  it('checks the shape with the catalog, at the field that is wrong', () => {
    expect(instanceConfigurationSchema.safeParse(e4).success).toBe(true);
    expect(issues(instanceConfigurationSchema, { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 65, memoryInGBs: 16 } })).toEqual([
      { path: 'modelDeploymentInstanceShapeConfigDetails.ocpus', message: 'VM.Standard.E4.Flex allows 1 to 64 OCPUs; 65 is out of range.' },
    ]);
    expect(issues(instanceConfigurationSchema, { instanceShapeName: 'VM.Standard2.1', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2 } })[0]?.message).toBe(
      'VM.Standard2.1 is a fixed shape with 1 OCPU and 15 GB of memory; it cannot have 2 OCPUs.',
    );
    expect(issues(instanceConfigurationSchema, { instanceShapeName: 'VM.Big' })).toEqual([
      { path: 'instanceShapeName', message: 'Unknown shape "VM.Big". Choose one of the shapes listed for model deployments.' },
    ]);
  });

  it('ties custom networking to a subnet', () => {
    expect(issues(instanceConfigurationSchema, { ...e4, networkAccessType: 'CUSTOM_NETWORKING' })).toEqual([
      { path: 'subnetId', message: 'Custom networking needs a subnet: choose the subnet to deploy into.' },
    ]);
    const subnetId = 'ocid1.subnet.oc1.iad.aaaaaaaasubnet';
    expect(instanceConfigurationSchema.safeParse({ ...e4, networkAccessType: 'CUSTOM_NETWORKING', subnetId }).success).toBe(true);
    expect(messages(instanceConfigurationSchema, { ...e4, networkAccessType: 'MANAGED_NETWORKING_INTERNET_ACCESS', subnetId })).toEqual([
      'A subnet can only be given with CUSTOM_NETWORKING.',
    ]);
    expect(messages(instanceConfigurationSchema, { ...e4, subnetId: generateOcid('log', { region: 'iad' }) })).toEqual(['Must be a subnet OCID (ocid1.subnet.oc1...).']);
  });
});

describe('scalingPolicySchema', () => {
  it('discriminates on policyType', () => {
    expect(scalingPolicySchema.parse({ policyType: 'FIXED_SIZE', instanceCount: 2 })).toEqual({ policyType: 'FIXED_SIZE', instanceCount: 2 });
    expect(scalingPolicySchema.safeParse(autoscaling()).success).toBe(true);
    expect(messages(scalingPolicySchema, { policyType: 'MAGIC' })).toEqual(['Scaling policy type must be FIXED_SIZE or AUTOSCALING.']);
    expect(messages(scalingPolicySchema, { policyType: 'FIXED_SIZE', instanceCount: 0 })).toEqual(['Number of instances must be between 1 and 100.']);
  });

  it('checks the autoscaling limits with readable messages', () => {
    expect(messages(scalingPolicySchema, autoscaling({}, { coolDownInSeconds: 120 }))).toEqual(['Cooldown must be at least 300 seconds.']);
    expect(messages(scalingPolicySchema, autoscaling({ initialInstanceCount: 5 }))).toEqual(['The initial number of instances must be between the minimum and the maximum.']);
    expect(messages(scalingPolicySchema, autoscaling({ minimumInstanceCount: 5 }))).toEqual(['The minimum number of instances must not exceed the maximum.']);
    const rule = (pendingDuration: string, inThreshold = 30) => ({
      rules: [
        {
          metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
          metricType: 'MEMORY_UTILIZATION',
          scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: inThreshold, pendingDuration },
          scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 70 },
        },
      ],
    });
    expect(scalingPolicySchema.safeParse(autoscaling(rule('PT1H'))).success).toBe(true);
    expect(messages(scalingPolicySchema, autoscaling(rule('PT2M')))).toEqual(['Pending duration must be an ISO-8601 duration from PT3M to PT1H, for example PT5M.']);
    expect(messages(scalingPolicySchema, autoscaling(rule('PT61M')))).toHaveLength(1);
    expect(messages(scalingPolicySchema, autoscaling(rule('PT5M', 80)))).toEqual(['The scale-in threshold must be lower than the scale-out threshold.']);
  });
});

describe('createModelDeploymentDetailsSchema', () => {
  it('accepts the SDK JSON body and types it as CreateModelDeploymentDetails', () => {
    const parsed = createModelDeploymentDetailsSchema.parse(createBody());
    expect(parsed).toEqual(createBody());
    expectTypeOf(parsed).toExtend<CreateModelDeploymentDetails>();
  });

  it('generates no name for a blank one and refuses unknown fields', () => {
    expect(createModelDeploymentDetailsSchema.parse({ ...createBody(), displayName: '  ' }).displayName).toBeUndefined();
    expect(messages(createModelDeploymentDetailsSchema, { ...createBody(), lifecycleState: 'ACTIVE' })).toEqual(['Unrecognized key: "lifecycleState"']);
  });

  it('reports nested problems at their SDK paths', () => {
    const body = createBody();
    const mc = { ...body.modelDeploymentConfigurationDetails.modelConfigurationDetails, bandwidthMbps: 10, maximumBandwidthMbps: 30 };
    const env = { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/ns/app:1', environmentVariables: { TENANCY_OCID: 'x' } };
    expect(issues(createModelDeploymentDetailsSchema, { ...body, modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: mc, environmentConfigurationDetails: env } })).toEqual([
      { path: 'modelDeploymentConfigurationDetails.modelConfigurationDetails.maximumBandwidthMbps', message: 'Maximum bandwidth (30 Mbps) must be at most twice the minimum bandwidth (20 Mbps).' },
      { path: 'modelDeploymentConfigurationDetails.environmentConfigurationDetails.environmentVariables.TENANCY_OCID', message: 'Environment variable "TENANCY_OCID" is set by the service and cannot be overridden.' },
    ]);
    expect(messages(createModelDeploymentDetailsSchema, { ...body, modelDeploymentConfigurationDetails: { ...body.modelDeploymentConfigurationDetails, deploymentType: 'MODEL_GROUP' } })).toEqual([
      'Only SINGLE_MODEL deployments are supported.',
    ]);
  });
});

describe('updateModelDeploymentDetailsSchema', () => {
  it('accepts a partial update with nulls and types it as UpdateModelDeploymentDetails', () => {
    const body = {
      displayName: null,
      freeformTags: {},
      categoryLogDetails: { access: null, predict: { logId: generateOcid('log', { region: 'iad' }), logGroupId: generateOcid('loggroup', { region: 'iad' }) } },
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId, bandwidthMbps: 20, scalingPolicy: null },
        environmentConfigurationDetails: { serverPort: 2000, environmentVariables: { x1: 'y' }, entrypoint: [] },
      },
    };
    const parsed = updateModelDeploymentDetailsSchema.parse(body);
    expect(parsed.categoryLogDetails).toEqual({ predict: body.categoryLogDetails.predict });
    expect(parsed.modelDeploymentConfigurationDetails).toEqual(body.modelDeploymentConfigurationDetails);
    expectTypeOf(parsed).toExtend<UpdateModelDeploymentDetails>();
  });

  it('requires modelId whenever modelConfigurationDetails is sent', () => {
    expect(issues(updateModelDeploymentDetailsSchema, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { bandwidthMbps: 20 } } })).toEqual([
      { path: 'modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId', message: 'Model OCID is required.' },
    ]);
  });

  it('checks the bandwidth pair only when both halves are in the request', () => {
    const update = (mc: Record<string, unknown>) => ({ modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId, ...mc } } });
    expect(updateModelDeploymentDetailsSchema.safeParse(update({ maximumBandwidthMbps: 20 })).success).toBe(true);
    expect(messages(updateModelDeploymentDetailsSchema, update({ bandwidthMbps: 20, maximumBandwidthMbps: 50 }))).toEqual([
      'Maximum bandwidth (50 Mbps) must be at most twice the minimum bandwidth (40 Mbps).',
    ]);
  });

  it('refuses an empty name and an erased image', () => {
    expect(messages(updateModelDeploymentDetailsSchema, { displayName: '' })).toEqual(['Name is required']);
    expect(
      messages(updateModelDeploymentDetailsSchema, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', environmentConfigurationDetails: { image: '' } } }),
    ).toEqual(['image cannot be erased: omit it or send null to keep the current value.']);
  });
});
