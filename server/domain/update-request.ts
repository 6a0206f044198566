import type {
  CategoryLogDetails,
  ModelConfigurationDetails,
  ModelDeployment,
  UpdateModelConfigurationDetails,
  UpdateModelDeploymentDetails,
  UpdateModelDeploymentEnvironmentConfigurationDetails,
  UpdateOcirEnvironmentConfigurationDetails,
  UpdateSingleModelDeploymentConfigurationDetails,
} from './oci-types';
import { OCIR_KEYS, deepEqual, type EnvConfig } from './shallow-merge';

// The inverse of the shallow merge (seed 001): from the deployment as it is and as the user edited
// it, the smallest update request that turns one into the other. Only changed top-level and
// second-level fields are sent; an emptied list or map is sent as [] or {} to erase it. A scalar
// cannot be erased by a shallow merge (absent or null keeps it), so such an edit is reported by
// `unrepresentableChanges` instead of being silently sent.

type OcirKey = (typeof OCIR_KEYS)[number];
type OcirView = Partial<Record<OcirKey, unknown>>;

const MODEL_CONFIG_KEYS = ['instanceConfiguration', 'scalingPolicy', 'bandwidthMbps', 'maximumBandwidthMbps'] as const;
const ERASABLE_OCIR_KEYS: readonly OcirKey[] = ['cmd', 'entrypoint', 'environmentVariables', 'customHttpEndpoints'];

const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const emptyLike = (v: unknown): unknown => (Array.isArray(v) ? [] : isMap(v) ? {} : undefined);
const envTypeOf = (env: EnvConfig | undefined) => env?.environmentConfigurationType ?? 'DEFAULT';
const ocirView = (env: EnvConfig | undefined): OcirView => (env ?? {});

function changedModelConfiguration(
  current: ModelConfigurationDetails | undefined,
  edited: ModelConfigurationDetails,
): UpdateModelConfigurationDetails | undefined {
  const out: UpdateModelConfigurationDetails = { modelId: edited.modelId };
  let changed = current?.modelId !== edited.modelId;
  for (const key of MODEL_CONFIG_KEYS) {
    const after = edited[key];
    if (after !== undefined && !deepEqual(current?.[key], after)) {
      Object.assign(out, { [key]: structuredClone(after) });
      changed = true;
    }
  }
  return changed ? out : undefined;
}

function changedEnvironment(current: EnvConfig | undefined, edited: EnvConfig | undefined): UpdateModelDeploymentEnvironmentConfigurationDetails | undefined {
  if (edited === undefined) return undefined;
  const before = ocirView(current);
  const after = ocirView(edited);
  const vars = (v: OcirView) => v.environmentVariables ?? {};

  if (envTypeOf(current) !== envTypeOf(edited)) {
    // Switching the type replaces the whole block, so everything the new block holds is sent.
    const out: OcirView = {};
    for (const key of OCIR_KEYS) if (after[key] !== undefined) out[key] = structuredClone(after[key]);
    return { ...out, environmentConfigurationType: edited.environmentConfigurationType } as UpdateModelDeploymentEnvironmentConfigurationDetails;
  }

  if (edited.environmentConfigurationType === 'DEFAULT') {
    if (deepEqual(vars(before), vars(after))) return undefined;
    return { environmentVariables: structuredClone(edited.environmentVariables ?? {}) };
  }

  const out: UpdateOcirEnvironmentConfigurationDetails = {};
  for (const key of OCIR_KEYS) {
    const was = before[key];
    const now = after[key];
    if (now === undefined) {
      if (was !== undefined && ERASABLE_OCIR_KEYS.includes(key)) Object.assign(out, { [key]: emptyLike(was) });
      continue;
    }
    if (!deepEqual(was, now)) Object.assign(out, { [key]: structuredClone(now) });
  }
  // A new image without its digest would lose the digest in the merge: send the pair together.
  if (out.image !== undefined && out.imageDigest === undefined && after.imageDigest !== undefined) {
    out.imageDigest = after.imageDigest as string;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function changedLogs(current: CategoryLogDetails | undefined, edited: CategoryLogDetails | undefined): CategoryLogDetails | undefined {
  const out: CategoryLogDetails = {};
  for (const key of ['access', 'predict'] as const) {
    const after = edited?.[key];
    if (after !== undefined && !deepEqual(current?.[key], after)) out[key] = structuredClone(after);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The shallow-merge update request that turns `current` into `edited` (an empty object: nothing to do). */
export function buildUpdateRequest(current: ModelDeployment, edited: ModelDeployment): UpdateModelDeploymentDetails {
  const request: UpdateModelDeploymentDetails = {};
  if (edited.displayName !== current.displayName && edited.displayName.trim() !== '') request.displayName = edited.displayName;
  if ((edited.description ?? '') !== (current.description ?? '')) request.description = edited.description ?? '';
  if (!deepEqual(current.freeformTags ?? {}, edited.freeformTags ?? {})) request.freeformTags = structuredClone(edited.freeformTags ?? {});
  if (!deepEqual(current.definedTags ?? {}, edited.definedTags ?? {})) request.definedTags = structuredClone(edited.definedTags ?? {});
  const logs = changedLogs(current.categoryLogDetails, edited.categoryLogDetails);
  if (logs) request.categoryLogDetails = logs;

  const before = current.modelDeploymentConfigurationDetails;
  const after = edited.modelDeploymentConfigurationDetails;
  if (after) {
    const config: UpdateSingleModelDeploymentConfigurationDetails = { deploymentType: 'SINGLE_MODEL' };
    const model = changedModelConfiguration(before?.modelConfigurationDetails, after.modelConfigurationDetails);
    if (model) config.modelConfigurationDetails = model;
    const env = changedEnvironment(before?.environmentConfigurationDetails, after.environmentConfigurationDetails);
    if (env) config.environmentConfigurationDetails = env;
    if (model || env) request.modelDeploymentConfigurationDetails = config;
  }
  return request;
}

export const isEmptyUpdate = (request: UpdateModelDeploymentDetails): boolean => Object.keys(request).length === 0;

export interface UnrepresentableChange {
  /** Dotted path from the deployment, as in diffModelDeployment. */
  path: string;
  message: string;
}

/**
 * Edits a shallow merge cannot express: a value removed where the API only keeps or replaces
 * (a port, a log, the maximum bandwidth). The form should refuse them with these messages.
 */
export function unrepresentableChanges(current: ModelDeployment, edited: ModelDeployment): UnrepresentableChange[] {
  const out: UnrepresentableChange[] = [];
  const keep = (path: string, what: string) =>
    out.push({ path, message: `${what} cannot be removed once set; change it to another value instead.` });
  const mc = 'modelDeploymentConfigurationDetails.modelConfigurationDetails';
  const beforeModel = current.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  const afterModel = edited.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  if (beforeModel && !afterModel) keep('modelDeploymentConfigurationDetails', 'The model configuration');
  for (const key of MODEL_CONFIG_KEYS) {
    if (beforeModel?.[key] !== undefined && afterModel && afterModel[key] === undefined) keep(`${mc}.${key}`, key);
  }
  for (const key of ['access', 'predict'] as const) {
    if (current.categoryLogDetails?.[key] && !edited.categoryLogDetails?.[key]) keep(`categoryLogDetails.${key}`, `The ${key} log`);
  }
  const beforeEnv = current.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
  const afterEnv = edited.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
  if (beforeEnv?.environmentConfigurationType === 'OCIR_CONTAINER' && afterEnv?.environmentConfigurationType === 'OCIR_CONTAINER') {
    const before = ocirView(beforeEnv);
    const after = ocirView(afterEnv);
    for (const key of OCIR_KEYS) {
      if (before[key] !== undefined && after[key] === undefined && !ERASABLE_OCIR_KEYS.includes(key)) {
        // A new image drops the old digest in the merge; the provider records the new one.
        if (key === 'imageDigest' && after.image !== before.image) continue;
        keep(`modelDeploymentConfigurationDetails.environmentConfigurationDetails.${key}`, key);
      }
    }
  }
  return out;
}
