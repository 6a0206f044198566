import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { DEFAULT_RUNTIME_SLUG, RUNTIME_ENVIRONMENTS, findRuntime, type RuntimeEnvironment } from '@/server/domain/runtimes';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { ArtifactIntrospectionState, MlflowIntrospection } from '@/server/domain/artifact-introspection';

export const ARTIFACT_MOUNT = '/opt/ds/model/deployed_model';
const DEFAULT_PORT = 8080;

/** How one configuration is served: what runs in each container and how the gateway reaches it. */
export interface ServingPlan {
  kind: 'conda' | 'container';
  /** Conda: the runtime to build or reuse. Container: the image, by its recorded digest. */
  runtime?: RuntimeEnvironment;
  image?: string;
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  serverPort: number;
  healthPort: number;
  predictPath: string;
  healthPath: string;
  containerType: 'TRITON' | null;
  artifactDir: string | null;
  shmSizeBytes?: number;
}

export interface PlanInput {
  deploymentId: string;
  tenancyId: string;
  config: ModelDeploymentConfigurationDetails;
  /** The model's stored artifact: where it is unpacked, and what its introspection found. */
  artifact: { unpackedDir: string | null; introspection: ArtifactIntrospectionState } | null;
  /** CPUs each instance was given: two model copies per CPU unless WEB_CONCURRENCY is set. */
  cpus: number;
}

const fail = (message: string) => err(domainError('InvalidParameter', message));

function parseShmSize(value: string | undefined): number | undefined {
  const m = value?.trim().match(/^(\d+)([kmg]?)b?$/i);
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

/**
 * An MLflow model without score.py: the model server loads it from its MLmodel's folder with the
 * facts the console read (BERTH_MLMODEL), or the plan fails saying why it cannot.
 */
export function nativeMlflow(mlflow: MlflowIntrospection | undefined): Result<Record<string, string>, DomainError> | null {
  if (!mlflow) return null;
  if ('error' in mlflow) return fail(`The model artifact has no score.py, and its ${mlflow.error}`);
  if (!mlflow.serving) return fail(`The model artifact has no score.py, and its MLmodel cannot be served natively: ${mlflow.servingError ?? 'no flavor Berth serves'}`);
  const spec = { modelPath: mlflow.serving.modelPath, serialization: mlflow.serving.serialization, predictFn: mlflow.serving.predictFn, inputs: mlflow.signature?.inputs ?? null };
  return ok({ MODEL_DIR: mlflow.dir ? `${ARTIFACT_MOUNT}/${mlflow.dir}` : ARTIFACT_MOUNT, BERTH_MLMODEL: JSON.stringify(spec) });
}

export function planServing(input: PlanInput): Result<ServingPlan, DomainError> {
  const env = input.config.environmentConfigurationDetails;
  const service = { MODEL_DEPLOYMENT_OCID: input.deploymentId, TENANCY_OCID: input.tenancyId };
  const shmSizeBytes = parseShmSize(env?.environmentVariables?.SHM_SIZE);

  if (env?.environmentConfigurationType === 'OCIR_CONTAINER') {
    if (!env.image) return fail('A custom container deployment needs an image.');
    const user = env.environmentVariables ?? {};
    const serverPort = env.serverPort ?? DEFAULT_PORT;
    const triton = user.CONTAINER_TYPE?.toUpperCase() === 'TRITON';
    return ok({
      kind: 'container',
      image: env.imageDigest ?? env.image,
      ...(env.entrypoint?.length ? { entrypoint: env.entrypoint } : {}),
      ...(env.cmd?.length ? { cmd: env.cmd } : {}),
      env: { ...user, ...service, CONTAINER_CUSTOM_IMAGE: env.imageDigest ? `${env.image}@${env.imageDigest}` : env.image },
      serverPort,
      healthPort: env.healthCheckPort ?? serverPort,
      predictPath: triton ? '/predict' : (user.MODEL_DEPLOY_PREDICT_ENDPOINT ?? '/predict'),
      healthPath: triton ? '/v2/health/ready' : (user.MODEL_DEPLOY_HEALTH_ENDPOINT ?? '/health'),
      containerType: triton ? 'TRITON' : null,
      artifactDir: input.artifact?.unpackedDir ?? null,
      ...(shmSizeBytes ? { shmSizeBytes } : {}),
    });
  }

  if (!input.artifact) return fail('The model has no artifact; upload one with score.py before deploying it.');
  const { unpackedDir, introspection } = input.artifact;
  if (introspection.state === 'unreadable') return fail(`The model artifact cannot be served: ${introspection.reason}. Upload it again, as a new model.`);
  if (introspection.state === 'uninspected' || !unpackedDir) return fail('The model artifact was stored without being unpacked here; upload it again, as a new model.');
  const artifact = introspection.facts;
  const native = artifact.scoreDir === null ? nativeMlflow(artifact.mlflow) : null;
  if (native && !native.ok) return native;
  if (artifact.scoreDir === null && !native) return fail('The model artifact has no score.py; a conda deployment needs score.py with load_model() and predict().');
  if (artifact.runtimeError) return fail(`The model artifact's ${artifact.runtimeError}`);
  const wanted = artifact.runtime;
  if (wanted?.type === 'published') {
    return fail(`The published conda environment "${wanted.slug}" (${wanted.path ?? 'no path'}) is not available on the local provider; use a service environment.`);
  }
  const slug = wanted?.slug ?? DEFAULT_RUNTIME_SLUG;
  const runtime = findRuntime(slug);
  if (!runtime) {
    return fail(`Unknown conda environment "${slug}" in runtime.yaml. Known environments: ${RUNTIME_ENVIRONMENTS.map((r) => r.slug).join(', ')}.`);
  }
  const user = env?.environmentVariables ?? {};
  return ok({
    kind: 'conda',
    runtime,
    env: {
      ...user,
      ...service,
      MODEL_SERVING_PYTHON_VERSION: runtime.pythonVersion,
      ...(native ? native.data : { MODEL_DIR: artifact.scoreDir ? `${ARTIFACT_MOUNT}/${artifact.scoreDir}` : ARTIFACT_MOUNT }),
      BERTH_OCPUS: String(Math.max(1, Math.floor(input.cpus))),
    },
    serverPort: DEFAULT_PORT,
    healthPort: DEFAULT_PORT,
    predictPath: '/predict',
    healthPath: '/health',
    containerType: null,
    artifactDir: unpackedDir,
    ...(shmSizeBytes ? { shmSizeBytes } : {}),
  });
}
