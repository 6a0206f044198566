import { condaEnvironmentFromUri, condaEnvironmentToBuild, type CondaEnvironment } from './conda-uri';
import { CONTAINER_KEYS, defined, INFRA, RUNTIME, type DeploymentSpec, type InfrastructureSpec, type Origin, type RuntimeSpec, type SpecContext, type SpecMapping, type YamlPath, type YamlProblem } from './deployment-spec';
import type {
  CategoryLogDetails,
  CreateModelDeploymentDetails,
  EnvironmentVariables,
  LogDetails,
  ModelConfigurationDetails,
  ModelDeploymentEnvironmentConfigurationDetails,
  OcirModelDeploymentEnvironmentConfigurationDetails,
  ScalingPolicy,
} from './oci-types';

// A structurally checked deployment spec (seed 003) to the console's CreateModelDeploymentDetails.
// Keys the local provider cannot honour are kept where the details have a place for them and
// reported as problems; nothing is dropped without a word.

export type { DeploymentSpec, SpecContext } from './deployment-spec';

const MCD = ['modelDeploymentConfigurationDetails'];
const MC = [...MCD, 'modelConfigurationDetails'];
const IC = [...MC, 'instanceConfiguration'];
const ENV = [...MCD, 'environmentConfigurationDetails'];

const CONDA_KEYS = ['uri', 'pythonVersion'] as const;
const INFERENCE_SERVERS: Record<string, string> = { triton: 'TRITON' };

/** Maps a structurally valid spec to details; problems carry spec paths. */
export function specToDetails(doc: DeploymentSpec, context: SpecContext = {}): SpecMapping {
  const problems: YamlProblem[] = [];
  const origins: Origin[] = [];
  const problem = (severity: YamlProblem['severity'], kind: YamlProblem['kind'], path: YamlPath, message: string) =>
    problems.push({ severity, kind, path, message });
  const from = (details: YamlPath, yaml: YamlPath) => origins.push({ details, yaml });
  const infra = doc.spec.infrastructure.spec;
  const runtime = doc.spec.runtime.spec;
  const isContainer = doc.spec.runtime.type === 'container';

  const pick = (key: 'displayName' | 'projectId' | 'compartmentId' | 'modelId', yamlValue: string | undefined, yamlPath: YamlPath) => {
    const given = context[key];
    if (yamlValue !== undefined && given !== undefined && yamlValue !== given) {
      problem('error', 'invalid', yamlPath, `${yamlPath.at(-1)} is ${yamlValue} here but ${given} was given alongside the spec; remove one.`);
    }
    return yamlValue ?? given;
  };

  from(['displayName'], ['spec', 'displayName']);
  from(['description'], ['spec', 'description']);
  from(['freeformTags'], ['spec', 'freeformTags']);
  from(['definedTags'], ['spec', 'definedTags']);
  from(['projectId'], [...INFRA, 'projectId']);
  from(['compartmentId'], [...INFRA, 'compartmentId']);
  from([...MC, 'modelId'], [...RUNTIME, 'modelUri']);
  from([...IC, 'instanceShapeName'], [...INFRA, 'shapeName']);
  from([...IC, 'modelDeploymentInstanceShapeConfigDetails'], [...INFRA, 'shapeConfigDetails']);
  for (const k of ['subnetId', 'privateEndpointId', 'networkAccessType', 'bandwidthMbps', 'maximumBandwidthMbps'] as const) {
    from(k.endsWith('Mbps') ? [...MC, k] : [...IC, k], [...INFRA, k]);
  }
  from([...IC], [...INFRA, 'shapeName']);
  from([...MC, 'scalingPolicy', 'instanceCount'], [...INFRA, 'replica']);
  from([...MC, 'scalingPolicy'], [...INFRA, infra.scalingPolicy !== undefined ? 'scalingPolicy' : 'replica']);
  from([...ENV, 'environmentVariables', 'WEB_CONCURRENCY'], [...INFRA, infra.webConcurrency !== undefined ? 'webConcurrency' : 'env']);
  from([...ENV, 'environmentVariables'], [...RUNTIME, 'env']);
  for (const k of CONTAINER_KEYS) from([...ENV, k], [...RUNTIME, k]);
  from(['secretEnvironmentVariables'], [...RUNTIME, 'secretEnv']);

  // ---- Environment --------------------------------------------------------------------------
  const env: EnvironmentVariables = { ...(runtime.env ?? {}) };
  if (infra.webConcurrency !== undefined) {
    const value = String(infra.webConcurrency);
    if (env.WEB_CONCURRENCY !== undefined && env.WEB_CONCURRENCY !== value) {
      problem('error', 'invalid', [...INFRA, 'webConcurrency'], `webConcurrency is ${value} but env sets WEB_CONCURRENCY to ${env.WEB_CONCURRENCY}; keep one.`);
    }
    env.WEB_CONCURRENCY = value;
  }
  if (runtime.inferenceServer !== undefined) {
    const type = INFERENCE_SERVERS[runtime.inferenceServer.toLowerCase()];
    if (!type) {
      problem('error', 'invalid', [...RUNTIME, 'inferenceServer'], `inferenceServer must be one of ${Object.keys(INFERENCE_SERVERS).join(', ')}.`);
    } else if (!isContainer) {
      problem('error', 'invalid', [...RUNTIME, 'inferenceServer'], 'inferenceServer needs a container runtime.');
    } else if (env.CONTAINER_TYPE !== undefined && env.CONTAINER_TYPE !== type) {
      problem('error', 'invalid', [...RUNTIME, 'inferenceServer'], `inferenceServer says ${type} but env sets CONTAINER_TYPE to ${env.CONTAINER_TYPE}; keep one.`);
    } else {
      env.CONTAINER_TYPE = type;
      problem('warning', 'ignored', [...RUNTIME, 'inferenceServer'], 'The local provider runs the image as it is: CONTAINER_TYPE=TRITON is set, but no Triton endpoint mapping is made.');
    }
  }
  if (runtime.deploymentMode !== undefined && runtime.deploymentMode !== 'HTTPS_ONLY') {
    problem('error', 'refused', [...RUNTIME, 'deploymentMode'], `The local provider serves HTTPS_ONLY deployments; ${runtime.deploymentMode} (streaming) is not available.`);
  }
  const hasEnv = runtime.env !== undefined || infra.webConcurrency !== undefined || runtime.inferenceServer !== undefined;

  let condaEnvironment: CondaEnvironment | null = null;
  let environment: ModelDeploymentEnvironmentConfigurationDetails;
  if (isContainer) {
    for (const k of CONDA_KEYS) {
      if (runtime[k] !== undefined) problem('error', 'invalid', [...RUNTIME, k], `${k} belongs to a conda runtime; a container runtime names its image instead.`);
    }
    environment = defined({
      environmentConfigurationType: 'OCIR_CONTAINER' as const,
      image: runtime.image ?? '',
      imageDigest: runtime.imageDigest,
      imageSignatureId: runtime.imageSignatureId,
      cmd: runtime.cmd,
      entrypoint: runtime.entrypoint,
      serverPort: runtime.serverPort,
      healthCheckPort: runtime.healthCheckPort,
      environmentVariables: hasEnv ? env : undefined,
      predictApiSpecification: runtime.predictApiSpecification,
      // Checked by the details schema, like every value here.
      customHttpEndpoints: runtime.customHttpEndpoints as OcirModelDeploymentEnvironmentConfigurationDetails['customHttpEndpoints'],
    });
  } else {
    for (const k of CONTAINER_KEYS) {
      if (runtime[k] !== undefined) problem('error', 'invalid', [...RUNTIME, k], `${k} belongs to a container runtime; use type: container for it.`);
    }
    environment = defined({ environmentConfigurationType: 'DEFAULT' as const, environmentVariables: hasEnv ? env : undefined });
    condaEnvironment = readCondaUri(runtime, problem);
  }

  // ---- Logs, networking, storage ------------------------------------------------------------
  const logs = readLogs(infra, problem, from);
  if (infra.subnetId !== undefined || infra.privateEndpointId !== undefined) {
    const key = infra.subnetId !== undefined ? 'subnetId' : 'privateEndpointId';
    problem('warning', 'ignored', [...INFRA, key], `The local provider does not attach deployments to OCI networks: ${key} is kept in the details but has no effect here.`);
  }
  if (infra.blockStorageSize !== undefined) {
    problem('warning', 'ignored', [...INFRA, 'blockStorageSize'], 'blockStorageSize is not a model deployment setting (the shape decides the storage); it is not used.');
  }

  let scalingPolicy: ScalingPolicy | undefined;
  if (infra.replica !== undefined && infra.scalingPolicy !== undefined) {
    problem('error', 'invalid', [...INFRA, 'scalingPolicy'], 'Give either replica (a fixed number of instances) or scalingPolicy (autoscaling), not both.');
  } else if (infra.scalingPolicy !== undefined) {
    scalingPolicy = infra.scalingPolicy as ScalingPolicy;
  } else if (infra.replica !== undefined) {
    scalingPolicy = { policyType: 'FIXED_SIZE', instanceCount: infra.replica };
  }

  const model: ModelConfigurationDetails = defined({
    modelId: pick('modelId', runtime.modelUri, [...RUNTIME, 'modelUri']) ?? '',
    instanceConfiguration: defined({
      instanceShapeName: infra.shapeName ?? '',
      modelDeploymentInstanceShapeConfigDetails: infra.shapeConfigDetails as ModelConfigurationDetails['instanceConfiguration']['modelDeploymentInstanceShapeConfigDetails'],
      subnetId: infra.subnetId,
      privateEndpointId: infra.privateEndpointId,
      networkAccessType: infra.networkAccessType as ModelConfigurationDetails['instanceConfiguration']['networkAccessType'],
    }),
    scalingPolicy,
    bandwidthMbps: infra.bandwidthMbps,
    maximumBandwidthMbps: infra.maximumBandwidthMbps,
  });

  const details: CreateModelDeploymentDetails = defined({
    displayName: pick('displayName', doc.spec.displayName, ['spec', 'displayName']),
    description: doc.spec.description,
    projectId: pick('projectId', infra.projectId, [...INFRA, 'projectId']) ?? '',
    compartmentId: pick('compartmentId', infra.compartmentId, [...INFRA, 'compartmentId']) ?? '',
    modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: model, environmentConfigurationDetails: environment },
    categoryLogDetails: logs,
    freeformTags: doc.spec.freeformTags,
    definedTags: doc.spec.definedTags,
    secretEnvironmentVariables: runtime.secretEnv,
  });
  return { details, origins, problems, condaEnvironment };
}

type AddProblem = (severity: YamlProblem['severity'], kind: YamlProblem['kind'], path: YamlPath, message: string) => void;

function readCondaUri(runtime: RuntimeSpec, problem: AddProblem): CondaEnvironment | null {
  const path = [...RUNTIME, 'uri'];
  if (runtime.uri === undefined) {
    if (runtime.pythonVersion !== undefined) problem('error', 'invalid', [...RUNTIME, 'pythonVersion'], 'pythonVersion needs a conda uri to apply to.');
    return null;
  }
  const verdict = typeof runtime.uri === 'string'
    ? condaEnvironmentFromUri(runtime.uri, runtime.pythonVersion)
    : condaEnvironmentToBuild(runtime.uri.name, runtime.uri.destination);
  if (!verdict.ok) {
    problem('error', 'invalid', path, verdict.error);
    return null;
  }
  if (verdict.refusal) problem('error', 'refused', path, verdict.refusal);
  // OCI takes the environment from the artifact's runtime.yaml, not from the deployment.
  if (verdict.environment.kind === 'service') {
    problem('warning', 'ignored', path, `The deployment is served in the environment its model's runtime.yaml names; make sure it names ${verdict.environment.slug}.`);
  }
  return verdict.environment;
}

function readLogs(infra: InfrastructureSpec, problem: AddProblem, from: (d: YamlPath, y: YamlPath) => void): CategoryLogDetails | undefined {
  const shared = infra.logGroupId !== undefined || infra.logId !== undefined ? { logGroupId: infra.logGroupId, logId: infra.logId } : undefined;
  const one = (category: 'access' | 'predict', key: 'accessLog' | 'predictLog'): LogDetails | undefined => {
    const own = infra[key];
    if (own !== undefined && shared !== undefined) {
      problem('error', 'invalid', [...INFRA, key], `${key} and the shared logGroupId/logId both set the ${category} log; keep one.`);
    }
    const log = own ?? shared;
    if (!log) return undefined;
    for (const field of ['logGroupId', 'logId'] as const) {
      from(['categoryLogDetails', category, field], own ? [...INFRA, key, field] : [...INFRA, field]);
    }
    return { logGroupId: log.logGroupId ?? '', logId: log.logId ?? '' };
  };
  const access = one('access', 'accessLog');
  const predict = one('predict', 'predictLog');
  if (!access && !predict) return undefined;
  const where = infra.accessLog ? 'accessLog' : infra.predictLog ? 'predictLog' : infra.logId !== undefined ? 'logId' : 'logGroupId';
  problem('warning', 'ignored', [...INFRA, where], 'The local provider keeps the OCI log ids in the details but writes access and predict logs to its own log store, not to OCI Logging.');
  return defined({ access, predict });
}
