import { z } from 'zod';
import { BANDWIDTH_MAX_MBPS, BANDWIDTH_MIN_MBPS } from '@/server/domain/load-balancer';
import { CPU_BASELINES, NETWORK_ACCESS_TYPES } from '@/server/domain/oci-types';
import { resolveShapeResources } from '@/server/domain/shapes';
import { environmentConfigurationSchema, updateEnvironmentConfigurationSchema } from './byoc';
import { descriptionSchema, displayNameSchema, ocidSchema, optionalDisplayNameSchema, requiredString } from './common';
import { autoscalingLimits, makeScalingPolicySchema, OCI_AUTOSCALING_LIMITS, type AutoscalingLimits } from './scaling';
import { definedTagsSchema, freeformTagsSchema } from './tags';

export { instanceCountSchema, scalingPolicySchema } from './scaling';

// CreateModelDeploymentDetails and UpdateModelDeploymentDetails in the SDK's JSON shape (SINGLE_MODEL).

// ---- Load balancer bandwidth ------------------------------------------------------------------

export { BANDWIDTH_MAX_MBPS, BANDWIDTH_MIN_MBPS } from '@/server/domain/load-balancer';

const mbps = (label: string) =>
  z
    .number({ error: `${label} must be a number of Mbps.` })
    .int(`${label} must be a whole number of Mbps.`)
    .min(BANDWIDTH_MIN_MBPS, `${label} must be between ${BANDWIDTH_MIN_MBPS} and ${BANDWIDTH_MAX_MBPS} Mbps.`)
    .max(BANDWIDTH_MAX_MBPS, `${label} must be between ${BANDWIDTH_MIN_MBPS} and ${BANDWIDTH_MAX_MBPS} Mbps.`);

export const bandwidthMbpsSchema = mbps('Load balancer bandwidth');
export const maximumBandwidthMbpsSchema = mbps('Maximum load balancer bandwidth');

/** Why a min/max bandwidth pair is not acceptable (LB autoscaling: min < max <= 2 x min), or null. */
export function bandwidthIssue(bandwidthMbps: number | null | undefined, maximumBandwidthMbps: number | null | undefined): string | null {
  if (bandwidthMbps == null || maximumBandwidthMbps == null) return null;
  if (maximumBandwidthMbps <= bandwidthMbps) {
    return `Maximum bandwidth (${maximumBandwidthMbps} Mbps) must be greater than the minimum bandwidth (${bandwidthMbps} Mbps).`;
  }
  if (maximumBandwidthMbps > 2 * bandwidthMbps) {
    return `Maximum bandwidth (${maximumBandwidthMbps} Mbps) must be at most twice the minimum bandwidth (${2 * bandwidthMbps} Mbps).`;
  }
  return null;
}

interface BandwidthLike {
  bandwidthMbps?: number | null;
  maximumBandwidthMbps?: number | null;
}

function checkBandwidth(v: BandwidthLike, ctx: z.RefinementCtx, requireMinimumWithMaximum: boolean): void {
  const issue = bandwidthIssue(v.bandwidthMbps, v.maximumBandwidthMbps);
  if (issue) ctx.addIssue({ code: 'custom', message: issue, path: ['maximumBandwidthMbps'] });
  if (requireMinimumWithMaximum && v.maximumBandwidthMbps != null && v.bandwidthMbps == null) {
    ctx.addIssue({ code: 'custom', message: 'Set the minimum bandwidth when setting a maximum bandwidth.', path: ['bandwidthMbps'] });
  }
}

export const bandwidthSchema = z
  .strictObject({ bandwidthMbps: bandwidthMbpsSchema.optional(), maximumBandwidthMbps: maximumBandwidthMbpsSchema.optional() })
  .superRefine((v, ctx) => checkBandwidth(v, ctx, true));

// ---- Compute ----------------------------------------------------------------------------------

export const instanceConfigurationSchema = z
  .strictObject({
    instanceShapeName: requiredString('Shape').trim().min(1, 'Shape is required.'),
    modelDeploymentInstanceShapeConfigDetails: z
      .strictObject({
        ocpus: z.number({ error: 'OCPUs must be a number.' }).positive('OCPUs must be greater than 0.').optional(),
        memoryInGBs: z.number({ error: 'Memory must be a number of GB.' }).positive('Memory must be greater than 0 GB.').optional(),
        cpuBaseline: z.enum(CPU_BASELINES, { error: `CPU baseline must be one of ${CPU_BASELINES.join(', ')}.` }).optional(),
      })
      .optional(),
    subnetId: ocidSchema()
      .refine((v) => v.startsWith('ocid1.subnet.'), 'Must be a subnet OCID (ocid1.subnet.oc1...).')
      .optional(),
    privateEndpointId: ocidSchema().optional(),
    networkAccessType: z.enum(NETWORK_ACCESS_TYPES, { error: `Network access type must be one of ${NETWORK_ACCESS_TYPES.join(', ')}.` }).optional(),
  })
  .superRefine((ic, ctx) => {
    const resolved = resolveShapeResources(ic);
    if (!resolved.ok) {
      const [field] = Object.keys(resolved.error.fieldErrors ?? {});
      ctx.addIssue({ code: 'custom', message: resolved.error.message, path: field ? field.split('.') : [] });
    }
    if (ic.networkAccessType === 'CUSTOM_NETWORKING' && !ic.subnetId) {
      ctx.addIssue({ code: 'custom', message: 'Custom networking needs a subnet: choose the subnet to deploy into.', path: ['subnetId'] });
    }
    if (ic.subnetId && ic.networkAccessType && ic.networkAccessType !== 'CUSTOM_NETWORKING') {
      ctx.addIssue({ code: 'custom', message: 'A subnet can only be given with CUSTOM_NETWORKING.', path: ['networkAccessType'] });
    }
  });

// ---- Logging ----------------------------------------------------------------------------------

const logDetailsSchema = z.strictObject({ logId: ocidSchema('log'), logGroupId: ocidSchema('loggroup') });

export const categoryLogDetailsSchema = z.strictObject({ access: logDetailsSchema.optional(), predict: logDetailsSchema.optional() });
// null means "keep", like everywhere in an update; it is dropped so the output is CategoryLogDetails.
const keptLog = logDetailsSchema.nullish().transform((v) => v ?? undefined);
const updateCategoryLogDetailsSchema = z.strictObject({ access: keptLog, predict: keptLog });

// ---- Create and update ------------------------------------------------------------------------

const deploymentType = z.literal('SINGLE_MODEL', { error: 'Only SINGLE_MODEL deployments are supported.' });

// Berth's own field: names of variables the user marked secret (the name rule catches the rest).
const secretEnvironmentVariablesSchema = z.array(z.string().min(1).max(255)).max(100);

// Berth's own field: follow a version label of a set instead of a fixed model; `{}` on an update
// stops following.
export const followSettingSchema = z.strictObject({
  modelVersionSetId: ocidSchema('datasciencemodelversionset'),
  versionLabel: z.string({ error: 'The version label must be text.' }).trim().min(1, 'Enter the version label to follow.').max(255, 'A version label is at most 255 characters.'),
});
const stopFollowingSchema = z.strictObject({});

/**
 * The create and update schemas with the given autoscaling minimums: OCI's for the OCI-compatible
 * API, the local setting's for the console. A create's custom queries can only name the deployment
 * by the placeholder, since its OCID does not exist yet.
 */
export function makeDeploymentSchemas(limits: AutoscalingLimits = OCI_AUTOSCALING_LIMITS) {
  const scaling = { create: makeScalingPolicySchema({ limits, resourceId: null }), update: makeScalingPolicySchema({ limits }) };
  const modelConfigurationDetailsSchema = z
    .strictObject({
      modelId: ocidSchema('datasciencemodel'),
      instanceConfiguration: instanceConfigurationSchema,
      scalingPolicy: scaling.create.optional(),
      bandwidthMbps: bandwidthMbpsSchema.optional(),
      maximumBandwidthMbps: maximumBandwidthMbpsSchema.optional(),
    })
    .superRefine((v, ctx) => checkBandwidth(v, ctx, true));

  const createModelDeploymentDetailsSchema = z.strictObject({
    displayName: optionalDisplayNameSchema,
    description: descriptionSchema.optional(),
    projectId: ocidSchema('datascienceproject'),
    compartmentId: ocidSchema('compartment'),
    modelDeploymentConfigurationDetails: z.strictObject({
      deploymentType,
      modelConfigurationDetails: modelConfigurationDetailsSchema,
      environmentConfigurationDetails: environmentConfigurationSchema.optional(),
    }),
    categoryLogDetails: categoryLogDetailsSchema.optional(),
    freeformTags: freeformTagsSchema.optional(),
    definedTags: definedTagsSchema.optional(),
    secretEnvironmentVariables: secretEnvironmentVariablesSchema.optional(),
    berthFollow: followSettingSchema.optional(),
  });

  // Absent or null keeps the current value (seed 001); the merged result is checked again by the
  // service, since a bandwidth pair can be split between the request and the resource.
  const updateModelConfigurationDetailsSchema = z
    .strictObject({
      modelId: ocidSchema('datasciencemodel'),
      instanceConfiguration: instanceConfigurationSchema.nullish(),
      scalingPolicy: scaling.update.nullish(),
      bandwidthMbps: bandwidthMbpsSchema.nullish(),
      maximumBandwidthMbps: maximumBandwidthMbpsSchema.nullish(),
    })
    .superRefine((v, ctx) => checkBandwidth(v, ctx, false));

  const updateModelDeploymentDetailsSchema = z.strictObject({
    displayName: displayNameSchema.nullish(),
    description: descriptionSchema.nullish(),
    modelDeploymentConfigurationDetails: z
      .strictObject({
        deploymentType,
        modelConfigurationDetails: updateModelConfigurationDetailsSchema.nullish(),
        environmentConfigurationDetails: updateEnvironmentConfigurationSchema.nullish(),
      })
      .nullish(),
    categoryLogDetails: updateCategoryLogDetailsSchema.nullish(),
    freeformTags: freeformTagsSchema.nullish(),
    definedTags: definedTagsSchema.nullish(),
    secretEnvironmentVariables: secretEnvironmentVariablesSchema.optional(),
    berthFollow: z.union([followSettingSchema, stopFollowingSchema]).optional(),
  });
  return { modelConfigurationDetailsSchema, createModelDeploymentDetailsSchema, updateModelConfigurationDetailsSchema, updateModelDeploymentDetailsSchema };
}

export const {
  modelConfigurationDetailsSchema,
  createModelDeploymentDetailsSchema,
  updateModelConfigurationDetailsSchema,
  updateModelDeploymentDetailsSchema,
} = makeDeploymentSchemas();

export type DeploymentSchemas = ReturnType<typeof makeDeploymentSchemas>;
const forSetting = new Map<number | null, DeploymentSchemas>();

/** The console's schemas under BERTH_AUTOSCALING_MIN_SECONDS (null: OCI's minimums), built once. */
export function consoleDeploymentSchemas(autoscalingMinSeconds: number | null): DeploymentSchemas {
  let schemas = forSetting.get(autoscalingMinSeconds);
  if (!schemas) {
    schemas = autoscalingMinSeconds === null ? { modelConfigurationDetailsSchema, createModelDeploymentDetailsSchema, updateModelConfigurationDetailsSchema, updateModelDeploymentDetailsSchema } : makeDeploymentSchemas(autoscalingLimits(autoscalingMinSeconds));
    forSetting.set(autoscalingMinSeconds, schemas);
  }
  return schemas;
}
