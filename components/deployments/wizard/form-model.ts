import type { FollowSetting } from '@/server/domain/version-follow';
import type {
  CreateModelDeploymentDetails,
  DefinedTags,
  FreeformTags,
  InstanceConfiguration,
  ModelConfigurationDetails,
  ModelDeployment,
  ModelDeploymentConfigurationDetails,
  ModelDeploymentEnvironmentConfigurationDetails,
  UpdateModelDeploymentDetails,
} from '@/server/domain/oci-types';
import { DEFAULT_BANDWIDTH_MBPS } from '@/server/domain/load-balancer';
import { startingInstanceCount } from '@/server/domain/scaling-instances';
import { SECRET_MASK, isSecretName } from '@/server/domain/secrets';
import { deepEqual } from '@/server/domain/shallow-merge';
import { findShape } from '@/server/domain/shapes';
import { defaultScalingValues, scalingValuesFromPolicy, toAutoScalingPolicy, type ScalingValues } from './scaling-form';

// The wizard's form state and how it becomes an API request: text inputs hold strings, the
// conversion makes numbers and lists, and an edit starts from the deployment so that whatever the
// form does not show (networking, logs, custom endpoints) is carried over untouched.

export interface EnvVarRow {
  id: string;
  key: string;
  value: string;
  /** Marked secret by the user (a name with PASSWORD, SECRET, TOKEN or KEY is secret anyway). */
  secret?: boolean;
}

export interface FormValues {
  displayName: string;
  description: string;
  modelId: string;
  shapeName: string;
  ocpus: string;
  memoryInGBs: string;
  /** Fixed size: the number of instances. */
  instanceCount: string;
  /** Fixed size or an autoscaling policy (scaling-form.ts). */
  scaling: ScalingValues;
  bandwidthMbps: string;
  useContainer: boolean;
  image: string;
  imageDigest: string;
  /** One argument per line. */
  entrypoint: string;
  cmd: string;
  serverPort: string;
  /** '' follows the server port. */
  healthCheckPort: string;
  envVars: EnvVarRow[];
  freeformTags: FreeformTags;
  definedTags: Record<string, Record<string, string>>;
  /** The user chose to deploy a model whose artifact checks failed, having been told why it will fail. */
  overrideChecks: boolean;
  /** Follow a version label of a set (the model is the one holding it); absent: a fixed model. */
  follow?: FollowSetting;
}

// ADS's client-side defaults (OCI-SPEC A.3): E4 Flex, 1 OCPU, 16 GB, 1 instance, 10 Mbps; BYOC on 8080.
export const DEFAULT_SHAPE = { shapeName: 'VM.Standard.E4.Flex', ocpus: '1', memoryInGBs: '16' } as const;
export const DEFAULT_PORT = '8080';

let rowSeq = 0;
export const newEnvVarRow = (key = '', value = '', secret = false): EnvVarRow => ({ id: `env-${++rowSeq}`, key, value, ...(secret ? { secret } : {}) });

export function defaultFormValues(modelId: string): FormValues {
  return {
    displayName: '',
    description: '',
    modelId,
    ...DEFAULT_SHAPE,
    instanceCount: '1',
    scaling: defaultScalingValues(),
    bandwidthMbps: String(DEFAULT_BANDWIDTH_MBPS),
    useContainer: false,
    image: '',
    imageDigest: '',
    entrypoint: '',
    cmd: '',
    serverPort: DEFAULT_PORT,
    healthCheckPort: '',
    envVars: [],
    freeformTags: {},
    definedTags: {},
    overrideChecks: false,
  };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const stringTags = (tags: DefinedTags | undefined) =>
  Object.fromEntries(Object.entries(tags ?? {}).map(([ns, keys]) => [ns, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, String(v)]))]));

export function formValuesFromDeployment(md: ModelDeployment): FormValues {
  const mc = md.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  const env = md.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
  const shapeConfig = mc?.instanceConfiguration.modelDeploymentInstanceShapeConfigDetails;
  const ocir = env?.environmentConfigurationType === 'OCIR_CONTAINER' ? env : undefined;
  const policy = mc?.scalingPolicy;
  return {
    displayName: md.displayName,
    description: md.description ?? '',
    modelId: mc?.modelId ?? '',
    shapeName: mc?.instanceConfiguration.instanceShapeName ?? DEFAULT_SHAPE.shapeName,
    ocpus: str(shapeConfig?.ocpus),
    memoryInGBs: str(shapeConfig?.memoryInGBs),
    instanceCount: str(startingInstanceCount(policy)),
    scaling: scalingValuesFromPolicy(policy),
    bandwidthMbps: str(mc?.bandwidthMbps),
    useContainer: Boolean(ocir),
    image: ocir?.image ?? '',
    imageDigest: ocir?.imageDigest ?? '',
    entrypoint: (ocir?.entrypoint ?? []).join('\n'),
    cmd: (ocir?.cmd ?? []).join('\n'),
    serverPort: ocir ? str(ocir.serverPort) : DEFAULT_PORT,
    healthCheckPort: ocir && ocir.healthCheckPort !== (ocir.serverPort ?? Number(DEFAULT_PORT)) ? str(ocir.healthCheckPort) : '',
    // A masked value is a secret kept as it is unless the user types a new one.
    envVars: Object.entries(env?.environmentVariables ?? {}).map(([k, v]) => newEnvVarRow(k, v, v === SECRET_MASK)),
    freeformTags: { ...(md.freeformTags ?? {}) },
    definedTags: stringTags(md.definedTags),
    overrideChecks: false,
  };
}

/**
 * The health-check port a form asks for. Empty follows the server port (or the default 8080), and
 * is sent as that number so the request says what will be probed; a deployment that never had one
 * keeps none, since the provider then probes the server port too.
 */
export function healthCheckPortOf(v: Pick<FormValues, 'serverPort' | 'healthCheckPort'>, base?: { healthCheckPort?: number }): number | undefined {
  const own = toNumber(v.healthCheckPort);
  if (own !== undefined) return own;
  if (base && base.healthCheckPort === undefined) return undefined;
  return toNumber(v.serverPort) ?? Number(DEFAULT_PORT);
}

/** '' is "not given"; anything else becomes a number (NaN for junk, which the schema reports). */
export const toNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
export const toArgs = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/** Names the user marked secret that the name rule would not catch: what the request must say. */
export const secretMarks = (rows: readonly EnvVarRow[]): string[] =>
  rows.filter((r) => r.secret && r.key.trim() !== '' && !isSecretName(r.key.trim())).map((r) => r.key.trim());

/** An update that sets variables carries the user's secret marks with it. */
export function withSecretMarks(request: UpdateModelDeploymentDetails, v: FormValues): UpdateModelDeploymentDetails {
  const marks = secretMarks(v.envVars);
  const setsVariables = request.modelDeploymentConfigurationDetails?.environmentConfigurationDetails?.environmentVariables != null;
  return setsVariables && marks.length > 0 ? { ...request, secretEnvironmentVariables: marks } : request;
}

export function envVarRecord(rows: readonly EnvVarRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.key.trim() !== '') out[r.key.trim()] = r.value;
  return out;
}

/** Drops undefined members so a built object compares and serialises like one written by hand. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function instanceConfiguration(v: FormValues, base: InstanceConfiguration | undefined): InstanceConfiguration {
  const shape = findShape(v.shapeName);
  const sameShape = base?.instanceShapeName === v.shapeName;
  const { modelDeploymentInstanceShapeConfigDetails: baseConfig, ...rest } = base ?? { instanceShapeName: v.shapeName };
  const next: InstanceConfiguration = { ...rest, instanceShapeName: v.shapeName };
  if (shape?.isFlex !== false) {
    next.modelDeploymentInstanceShapeConfigDetails = defined({
      ...(sameShape ? baseConfig : undefined),
      ocpus: toNumber(v.ocpus),
      memoryInGBs: toNumber(v.memoryInGBs),
    });
  }
  return base && deepEqual(base, next) ? base : next;
}

function modelConfiguration(v: FormValues, base: ModelConfigurationDetails | undefined): ModelConfigurationDetails {
  const count = toNumber(v.instanceCount);
  const autoscaling = v.scaling.mode === 'AUTOSCALING';
  const keepAbsentPolicy = !autoscaling && base !== undefined && base.scalingPolicy === undefined && count === 1;
  const scalingPolicy = autoscaling
    ? toAutoScalingPolicy(v.scaling, base?.scalingPolicy)
    : keepAbsentPolicy
      ? undefined
      : { policyType: 'FIXED_SIZE' as const, instanceCount: count ?? Number.NaN };
  return defined({
    ...base,
    modelId: v.modelId,
    instanceConfiguration: instanceConfiguration(v, base?.instanceConfiguration),
    scalingPolicy,
    bandwidthMbps: toNumber(v.bandwidthMbps),
  });
}

/** A list or map the user emptied: [] or {} if the deployment had one (so the update erases it), else absent. */
const orCleared = <T extends object>(value: T, empty: T, had: boolean): T | undefined =>
  Object.keys(value).length > 0 ? value : had ? empty : undefined;

function environment(v: FormValues, base: ModelDeploymentEnvironmentConfigurationDetails | undefined) {
  const vars = envVarRecord(v.envVars);
  if (!v.useContainer) {
    if (base?.environmentConfigurationType === 'DEFAULT') {
      return defined({ ...base, environmentVariables: orCleared(vars, {}, base.environmentVariables !== undefined) });
    }
    if (Object.keys(vars).length === 0 && !base) return undefined;
    return defined({ environmentConfigurationType: 'DEFAULT' as const, environmentVariables: orCleared(vars, {}, false) });
  }
  const ocir = base?.environmentConfigurationType === 'OCIR_CONTAINER' ? base : undefined;
  const sameImage = ocir?.image === v.image.trim();
  return defined({
    ...ocir,
    environmentConfigurationType: 'OCIR_CONTAINER' as const,
    image: v.image.trim(),
    // A new image drops the old digest; a digest from the picker pins the image chosen.
    imageDigest: v.imageDigest.trim() || (sameImage ? ocir?.imageDigest : undefined),
    entrypoint: orCleared(toArgs(v.entrypoint), [], ocir?.entrypoint !== undefined),
    cmd: orCleared(toArgs(v.cmd), [], ocir?.cmd !== undefined),
    serverPort: toNumber(v.serverPort),
    healthCheckPort: healthCheckPortOf(v, ocir),
    environmentVariables: orCleared(vars, {}, ocir?.environmentVariables !== undefined),
  });
}

export function toConfiguration(v: FormValues, base?: ModelDeploymentConfigurationDetails): ModelDeploymentConfigurationDetails {
  const env = environment(v, base?.environmentConfigurationDetails);
  return defined({
    ...base,
    deploymentType: 'SINGLE_MODEL' as const,
    modelConfigurationDetails: modelConfiguration(v, base?.modelConfigurationDetails),
    environmentConfigurationDetails: env,
  });
}

export interface ProjectRef {
  id: string;
  compartmentId: string;
}

export function toCreateDetails(v: FormValues, project: ProjectRef): CreateModelDeploymentDetails {
  return defined({
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() === '' ? undefined : v.description,
    projectId: project.id,
    compartmentId: project.compartmentId,
    modelDeploymentConfigurationDetails: toConfiguration(v),
    freeformTags: v.freeformTags,
    definedTags: v.definedTags,
    secretEnvironmentVariables: secretMarks(v.envVars).length > 0 ? secretMarks(v.envVars) : undefined,
    berthFollow: v.follow,
  });
}

/** The deployment as the form would leave it: what buildUpdateRequest compares against the current one. */
export function toEditedDeployment(current: ModelDeployment, v: FormValues): ModelDeployment {
  const edited: ModelDeployment = {
    ...structuredClone(current),
    displayName: v.displayName.trim() || current.displayName,
    freeformTags: v.freeformTags,
    definedTags: v.definedTags,
    modelDeploymentConfigurationDetails: toConfiguration(v, current.modelDeploymentConfigurationDetails),
  };
  if (v.description !== (current.description ?? '')) edited.description = v.description;
  return edited;
}
