import { stringify } from 'yaml';
import { CONTAINER_KEYS, defined, type DeploymentSpec, type InfrastructureSpec } from './deployment-spec';
import type { CreateModelDeploymentDetails, LogDetails, ModelDeployment } from './oci-types';
import { startingInstanceCount } from './scaling-instances';
import { isSecretRef, SECRET_MASK } from './secrets';

/** What an exported secret's value becomes: the spec never carries it, and an import refuses it until replaced. */
export const SECRET_EXPORT_PLACEHOLDER = '<secret: set the value>';

const withoutSecrets = (vars: Record<string, string> | undefined) =>
  vars && Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v === SECRET_MASK || isSecretRef(v) ? SECRET_EXPORT_PLACEHOLDER : v]));

// "Export as YAML": a deployment's creatable details back to a seed 003 spec, written so that
// importing it (specToDetails, then the details schema) gives the same details.

/** The creatable part of a deployment: what "Export as YAML" writes. Read-only fields are left out. */
export function deploymentToDetails(md: ModelDeployment): CreateModelDeploymentDetails {
  const config = md.modelDeploymentConfigurationDetails;
  const env = config?.environmentConfigurationDetails;
  const stripped = env?.environmentConfigurationType === 'OCIR_CONTAINER'
    ? (({ defaultEnvironmentVariables: _readOnly, ...rest }) => rest)(env)
    : env;
  const environment = stripped && defined({ ...stripped, environmentVariables: withoutSecrets(stripped.environmentVariables) });
  return defined({
    displayName: md.displayName,
    description: md.description,
    projectId: md.projectId,
    compartmentId: md.compartmentId,
    modelDeploymentConfigurationDetails: defined({
      deploymentType: 'SINGLE_MODEL' as const,
      modelConfigurationDetails: config?.modelConfigurationDetails ?? { modelId: '', instanceConfiguration: { instanceShapeName: '' } },
      environmentConfigurationDetails: environment,
    }),
    categoryLogDetails: md.categoryLogDetails && (md.categoryLogDetails.access || md.categoryLogDetails.predict) ? md.categoryLogDetails : undefined,
    freeformTags: md.freeformTags,
    definedTags: md.definedTags,
  });
}

const sameLog = (a?: LogDetails, b?: LogDetails) => !!a && !!b && a.logId === b.logId && a.logGroupId === b.logGroupId;

export function detailsToSpec(details: CreateModelDeploymentDetails): DeploymentSpec {
  const mc = details.modelDeploymentConfigurationDetails.modelConfigurationDetails;
  const ic = mc.instanceConfiguration;
  const env = details.modelDeploymentConfigurationDetails.environmentConfigurationDetails;
  const logs = details.categoryLogDetails;
  const shared = sameLog(logs?.access, logs?.predict) ? logs?.access : undefined;
  const policy = mc.scalingPolicy;
  const infrastructure: InfrastructureSpec = defined({
    compartmentId: details.compartmentId,
    projectId: details.projectId,
    shapeName: ic.instanceShapeName,
    shapeConfigDetails: ic.modelDeploymentInstanceShapeConfigDetails,
    replica: policy?.policyType === 'FIXED_SIZE' ? startingInstanceCount(policy) : undefined,
    scalingPolicy: policy?.policyType === 'AUTOSCALING' ? policy : undefined,
    bandwidthMbps: mc.bandwidthMbps,
    maximumBandwidthMbps: mc.maximumBandwidthMbps,
    logGroupId: shared?.logGroupId,
    logId: shared?.logId,
    accessLog: shared ? undefined : logs?.access,
    predictLog: shared ? undefined : logs?.predict,
    subnetId: ic.subnetId,
    privateEndpointId: ic.privateEndpointId,
    networkAccessType: ic.networkAccessType,
  });
  const common = { modelUri: mc.modelId, env: env?.environmentVariables, secretEnv: details.secretEnvironmentVariables };
  const runtime = env?.environmentConfigurationType === 'OCIR_CONTAINER'
    ? {
        kind: 'runtime' as const,
        type: 'container' as const,
        spec: defined({ ...common, ...Object.fromEntries(Object.entries(env).filter(([k]) => (CONTAINER_KEYS as readonly string[]).includes(k))) }),
      }
    : { kind: 'runtime' as const, type: 'conda' as const, spec: defined(common) };
  return {
    kind: 'deployment',
    spec: defined({
      displayName: details.displayName,
      description: details.description,
      freeformTags: details.freeformTags,
      definedTags: details.definedTags,
      infrastructure: { kind: 'infrastructure' as const, type: 'modelDeployment' as const, spec: infrastructure },
      runtime,
    }),
  };
}

/** The spec as YAML text, keys in the order of the seed 003 templates. */
export const detailsToYaml = (details: CreateModelDeploymentDetails): string => stringify(detailsToSpec(details), { lineWidth: 0 });
