import type { CreateModelDeploymentDetails, CreateModelDetails, FreeformTags, Model, ModelDeployment, ModelDeploymentEnvironmentConfigurationDetails, ScalingPolicy } from './oci-types';
import { OCI_COOL_DOWN_SECONDS } from './cool-down';
import { isSecretVariable } from './secrets';

// What "Promote to OCI" creates in the target: the model as it is here (metadata, schemas,
// freeform tags) and the deployment with the same configuration, mapped where the target differs
// (the pre-flight says each difference in words). Pure.

/** Freeform tag keys that link an OCI resource to the local one it was promoted from. */
export const PROMOTED_FROM_TAG = 'berth-promoted-from';
const PROMOTED_FROM_REGION_TAG = 'berth-promoted-from-region';

/** What the deployment page shows of a promotion: ids and names only, no key material. */
export interface PromotionView {
  contextId: string;
  contextLabel: string;
  targetCompartmentId: string;
  targetProjectId: string;
  targetModelId: string;
  targetDeploymentId: string;
  targetWorkRequestId: string;
  promotedBy: string;
  timeCreated: string;
}

export interface PromotionPlace {
  compartmentId: string;
  projectId: string;
}

function linkTags(own: FreeformTags | undefined, localId: string, localRegion: string): FreeformTags {
  return { ...(own ?? {}), [PROMOTED_FROM_TAG]: localId, [PROMOTED_FROM_REGION_TAG]: localRegion };
}

/** CreateModel in the target: the version set is this installation's, so it is not carried. */
export function promotedModelDetails(model: Model, place: PromotionPlace, localRegion: string): CreateModelDetails {
  return {
    ...place,
    displayName: model.displayName,
    ...(model.description ? { description: model.description } : {}),
    ...(model.customMetadataList?.length ? { customMetadataList: model.customMetadataList } : {}),
    ...(model.definedMetadataList?.length ? { definedMetadataList: model.definedMetadataList } : {}),
    ...(model.inputSchema ? { inputSchema: model.inputSchema } : {}),
    ...(model.outputSchema ? { outputSchema: model.outputSchema } : {}),
    ...(model.versionLabel ? { versionLabel: model.versionLabel } : {}),
    freeformTags: linkTags(model.freeformTags, model.id, localRegion),
  };
}

/** Secrets are not carried (their values are masked here, and OCI keeps variables in plain text). */
function withoutSecrets(vars: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!vars) return undefined;
  return Object.fromEntries(Object.entries(vars).filter(([k, v]) => !isSecretVariable(k, v)));
}

function environment(env: ModelDeploymentEnvironmentConfigurationDetails | undefined): ModelDeploymentEnvironmentConfigurationDetails | undefined {
  if (!env) return undefined;
  const environmentVariables = withoutSecrets(env.environmentVariables);
  if (env.environmentConfigurationType === 'DEFAULT') return { environmentConfigurationType: 'DEFAULT', ...(environmentVariables ? { environmentVariables } : {}) };
  // The local digest is the image id on this machine, not a registry digest; the service-injected
  // variables are read-only.
  const { imageDigest: _digest, defaultEnvironmentVariables: _injected, environmentVariables: _vars, ...rest } = env;
  return { ...rest, ...(environmentVariables ? { environmentVariables } : {}) };
}

function scaling(policy: ScalingPolicy | undefined): ScalingPolicy | undefined {
  if (policy?.policyType !== 'AUTOSCALING') return policy;
  const cool = policy.coolDownInSeconds;
  return cool !== undefined && cool < OCI_COOL_DOWN_SECONDS ? { ...policy, coolDownInSeconds: OCI_COOL_DOWN_SECONDS } : policy;
}

/** CreateModelDeployment in the target, serving the promoted model. */
export function promotedDeploymentDetails(d: ModelDeployment, place: PromotionPlace, modelId: string, localRegion: string): CreateModelDeploymentDetails {
  const config = d.modelDeploymentConfigurationDetails;
  if (!config) throw new Error(`Deployment ${d.id} has no configuration to promote.`);
  const mc = config.modelConfigurationDetails;
  const env = environment(config.environmentConfigurationDetails);
  const policy = scaling(mc.scalingPolicy);
  return {
    ...place,
    displayName: d.displayName,
    ...(d.description ? { description: d.description } : {}),
    freeformTags: linkTags(d.freeformTags, d.id, localRegion),
    ...(d.categoryLogDetails && (d.categoryLogDetails.access || d.categoryLogDetails.predict) ? { categoryLogDetails: d.categoryLogDetails } : {}),
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId,
        instanceConfiguration: mc.instanceConfiguration,
        ...(policy ? { scalingPolicy: policy } : {}),
        ...(mc.bandwidthMbps !== undefined ? { bandwidthMbps: mc.bandwidthMbps } : {}),
        ...(mc.maximumBandwidthMbps !== undefined ? { maximumBandwidthMbps: mc.maximumBandwidthMbps } : {}),
      },
      ...(env ? { environmentConfigurationDetails: env } : {}),
    },
  };
}

/** The defined tags (namespace.key) of the deployment and its model, which are not carried. */
export function definedTagKeysOf(...resources: { definedTags?: Record<string, Record<string, unknown>> }[]): string[] {
  const keys = new Set<string>();
  for (const r of resources) for (const [ns, values] of Object.entries(r.definedTags ?? {})) for (const k of Object.keys(values)) keys.add(`${ns}.${k}`);
  return [...keys].sort();
}
