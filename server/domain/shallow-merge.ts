import type {
  CategoryLogDetails,
  ModelConfigurationDetails,
  ModelDeployment,
  ModelDeploymentConfigurationDetails,
  ModelDeploymentEnvironmentConfigurationDetails,
  OcirModelDeploymentEnvironmentConfigurationDetails,
  UpdateModelConfigurationDetails,
  UpdateModelDeploymentDetails,
  UpdateModelDeploymentEnvironmentConfigurationDetails,
  UpdateOcirEnvironmentConfigurationDetails,
  UpdateSingleModelDeploymentConfigurationDetails,
} from './oci-types';
import { domainError, err, ok, type DomainError, type Result } from './result';

// Update semantics of OCI model deployments (seed 001, "BYOC Update Operation Behavior"): a shallow
// merge. Absent or null keeps the old value; a present field replaces it whole (maps and lists are
// never merged inside); {} and [] erase a map or list; image and imageDigest can never be erased.

export type EnvConfig = ModelDeploymentEnvironmentConfigurationDetails;
export type EnvConfigUpdate = UpdateModelDeploymentEnvironmentConfigurationDetails;
type EnvType = EnvConfig['environmentConfigurationType'];

/** The user-settable fields of an OCIR_CONTAINER environment, in SDK order. */
export const OCIR_KEYS = [
  'image',
  'imageDigest',
  'imageSignatureId',
  'cmd',
  'entrypoint',
  'serverPort',
  'healthCheckPort',
  'environmentVariables',
  'predictApiSpecification',
  'customHttpEndpoints',
] as const;
type OcirFields = Partial<Pick<OcirModelDeploymentEnvironmentConfigurationDetails, (typeof OCIR_KEYS)[number]>>;

const UNERASABLE_KEYS = ['image', 'imageDigest'] as const;

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
const clone = <T>(value: T): T => structuredClone(value);

const invalid = (message: string, field?: string): Result<never, DomainError> =>
  err(domainError('InvalidParameter', message, field ? { [field]: message } : undefined));

/** The fields an update actually sets: known keys only, null and undefined dropped, values copied. */
function givenFields(update: EnvConfigUpdate): OcirFields {
  const view = update as UpdateOcirEnvironmentConfigurationDetails;
  const out: OcirFields = {};
  for (const key of OCIR_KEYS) {
    const value = view[key];
    if (given(value)) Object.assign(out, { [key]: clone(value) });
  }
  return out;
}

export function mergeEnvironmentConfiguration(current: EnvConfig, update: EnvConfigUpdate | null | undefined): Result<EnvConfig>;
export function mergeEnvironmentConfiguration(
  current: EnvConfig | undefined,
  update: EnvConfigUpdate | null | undefined,
): Result<EnvConfig | undefined>;
export function mergeEnvironmentConfiguration(
  current: EnvConfig | undefined,
  update: EnvConfigUpdate | null | undefined,
): Result<EnvConfig | undefined> {
  if (!given(update)) return ok(current && clone(current));
  const fields = givenFields(update);
  for (const key of UNERASABLE_KEYS) {
    const value = fields[key];
    if (value !== undefined && value.trim() === '') {
      return invalid(`${key} cannot be erased: omit it or send null to keep the current value.`, key);
    }
  }

  // A deployment without an environment block runs the service's default container.
  const currentType: EnvType = current?.environmentConfigurationType ?? 'DEFAULT';
  const targetType: EnvType = update.environmentConfigurationType ?? currentType;

  if (targetType === 'DEFAULT') {
    const stray = Object.keys(fields).filter((key) => key !== 'environmentVariables');
    if (stray.length > 0) {
      return invalid(
        `${stray.join(', ')} can only be set on an OCIR_CONTAINER environment; set environmentConfigurationType to OCIR_CONTAINER to use a custom container.`,
        'environmentConfigurationType',
      );
    }
    const env = fields.environmentVariables;
    if (targetType !== currentType) return ok({ environmentConfigurationType: 'DEFAULT', ...(env ? { environmentVariables: env } : {}) });
    if (!env) return ok(current && clone(current));
    return ok({ ...clone(current ?? { environmentConfigurationType: 'DEFAULT' }), environmentVariables: env });
  }

  if (current?.environmentConfigurationType !== 'OCIR_CONTAINER') {
    // Switching the environment type replaces the whole block: nothing of the old one applies.
    if (!fields.image) {
      return invalid('image is required when switching environmentConfigurationType to OCIR_CONTAINER.', 'image');
    }
    return ok({ environmentConfigurationType: 'OCIR_CONTAINER', ...fields });
  }

  const merged: OcirModelDeploymentEnvironmentConfigurationDetails = { ...clone(current), ...fields };
  if (fields.image !== undefined && fields.image !== current.image && fields.imageDigest === undefined) {
    // The old digest identified the old image; keeping it would pin the new tag to the wrong
    // content. The provider resolves and records the new image's digest when it pulls it.
    delete merged.imageDigest;
  }
  return ok(merged);
}

function mergeModelConfiguration(
  current: ModelConfigurationDetails | undefined,
  update: UpdateModelConfigurationDetails,
): Result<ModelConfigurationDetails> {
  if (!update.modelId) {
    return invalid('modelId is required in every update; send the current model OCID to keep the model.', 'modelId');
  }
  const instanceConfiguration = update.instanceConfiguration ?? current?.instanceConfiguration;
  if (!instanceConfiguration) return invalid('instanceConfiguration is required.', 'instanceConfiguration');
  const next: ModelConfigurationDetails = { ...clone(current), modelId: update.modelId, instanceConfiguration: clone(instanceConfiguration) };
  if (given(update.scalingPolicy)) next.scalingPolicy = clone(update.scalingPolicy);
  if (given(update.bandwidthMbps)) next.bandwidthMbps = update.bandwidthMbps;
  if (given(update.maximumBandwidthMbps)) next.maximumBandwidthMbps = update.maximumBandwidthMbps;
  return ok(next);
}

function mergeDeploymentConfiguration(
  current: ModelDeploymentConfigurationDetails | undefined,
  update: UpdateSingleModelDeploymentConfigurationDetails,
): Result<ModelDeploymentConfigurationDetails | undefined> {
  let modelConfigurationDetails = current?.modelConfigurationDetails;
  if (given(update.modelConfigurationDetails)) {
    const merged = mergeModelConfiguration(modelConfigurationDetails, update.modelConfigurationDetails);
    if (!merged.ok) return merged;
    modelConfigurationDetails = merged.data;
  }
  const env = mergeEnvironmentConfiguration(current?.environmentConfigurationDetails, update.environmentConfigurationDetails);
  if (!env.ok) return env;
  if (!modelConfigurationDetails) {
    if (!env.data) return ok(current);
    return invalid('modelConfigurationDetails is required for a deployment that has none yet.', 'modelConfigurationDetails');
  }
  return ok({
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails,
    ...(env.data ? { environmentConfigurationDetails: env.data } : {}),
  });
}

function mergeCategoryLogs(current: CategoryLogDetails | undefined, update: CategoryLogDetails): CategoryLogDetails | undefined {
  const next: CategoryLogDetails = { ...clone(current) };
  if (given(update.access)) next.access = clone(update.access);
  if (given(update.predict)) next.predict = clone(update.predict);
  return current === undefined && Object.keys(next).length === 0 ? undefined : next;
}

/** The deployment as it will be after the update; the inputs are left untouched. */
export function applyModelDeploymentUpdate(current: ModelDeployment, update: UpdateModelDeploymentDetails): Result<ModelDeployment> {
  const next = clone(current);
  if (given(update.displayName)) {
    if (update.displayName.trim() === '') return invalid('displayName cannot be empty.', 'displayName');
    next.displayName = update.displayName;
  }
  if (given(update.description)) next.description = update.description;
  if (given(update.freeformTags)) next.freeformTags = clone(update.freeformTags);
  if (given(update.definedTags)) next.definedTags = clone(update.definedTags);
  if (given(update.categoryLogDetails)) {
    const logs = mergeCategoryLogs(current.categoryLogDetails, update.categoryLogDetails);
    if (logs) next.categoryLogDetails = logs;
  }
  if (given(update.modelDeploymentConfigurationDetails)) {
    const config = mergeDeploymentConfiguration(current.modelDeploymentConfigurationDetails, update.modelDeploymentConfigurationDetails);
    if (!config.ok) return config;
    if (config.data) next.modelDeploymentConfigurationDetails = clone(config.data);
  }
  return ok(next);
}

// ---- Diff -----------------------------------------------------------------------------------

export type FieldChangeKind = 'added' | 'changed' | 'cleared' | 'removed';

export interface FieldChange {
  /** Dotted path, e.g. `modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps`. */
  path: string;
  before: unknown;
  after: unknown;
  kind: FieldChangeKind;
}

// Maps whose keys are user data: compared as one value, like the update replaces them whole.
const WHOLE_VALUE_KEYS = new Set(['freeformTags', 'definedTags', 'systemTags', 'environmentVariables', 'defaultEnvironmentVariables']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;
const isEmpty = (v: unknown): boolean =>
  v === '' || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (absent(before) && absent(after)) return;
  const key = path.slice(path.lastIndexOf('.') + 1);
  const nested = (v: unknown) => isRecord(v) && !WHOLE_VALUE_KEYS.has(key);
  if ((nested(before) || absent(before)) && (nested(after) || absent(after))) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
    for (const k of keys) walk(b[k], a[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (deepEqual(before, after)) return;
  const kind: FieldChangeKind = absent(before) ? 'added' : absent(after) ? 'removed' : isEmpty(after) ? 'cleared' : 'changed';
  out.push({ path, before, after, kind });
}

/** Leaf-level changes between two versions of a deployment; maps and lists count as one value. */
export function diffModelDeployment(before: ModelDeployment, after: ModelDeployment): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out);
  return out;
}
