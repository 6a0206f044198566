import { checkOperation } from './md-lifecycle';
import type {
  InstanceConfiguration,
  ModelDeployment,
  ModelDeploymentLifecycleState,
  UpdateModelConfigurationDetails,
  UpdateModelDeploymentDetails,
  UpdateSingleModelDeploymentConfigurationDetails,
} from './oci-types';
import { domainError, err, ok, type Result } from './result';
import { applyModelDeploymentUpdate, diffModelDeployment, type FieldChange } from './shallow-merge';

// OCI applies an update to a serving (ACTIVE or NEEDS_ATTENTION) deployment with zero downtime
// only one option group at a time (OCI-SPEC D.3); name, description and tags may ride along.

// The scaling policy is a group of its own (OCI: "a policy change is its own update group"), so a
// shape change and a new autoscaling policy run as two updates of a serving deployment.
export const UPDATE_GROUPS = ['meta', 'environment', 'model', 'compute', 'scaling', 'logging', 'loadBalancerOrContainer'] as const;
export type UpdateGroup = (typeof UPDATE_GROUPS)[number];

export const UPDATE_GROUP_LABELS: Record<UpdateGroup, string> = {
  meta: 'Name, description and tags',
  environment: 'Environment variables',
  model: 'Model',
  compute: 'Compute',
  scaling: 'Scaling policy',
  logging: 'Logging',
  loadBalancerOrContainer: 'Load balancer or container',
};

const CONFIG = 'modelDeploymentConfigurationDetails';
const MODEL_CONFIG = `${CONFIG}.modelConfigurationDetails`;
const ENV_CONFIG = `${CONFIG}.environmentConfigurationDetails`;

const envTypeOf = (md: ModelDeployment) =>
  md.modelDeploymentConfigurationDetails?.environmentConfigurationDetails?.environmentConfigurationType ?? 'DEFAULT';

const envGroupOf = (before: ModelDeployment, after: ModelDeployment): UpdateGroup =>
  envTypeOf(before) === 'DEFAULT' && envTypeOf(after) === 'DEFAULT' ? 'environment' : 'loadBalancerOrContainer';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

function groupOfPath(path: string, envGroup: UpdateGroup): UpdateGroup | null {
  if (['displayName', 'description', 'freeformTags', 'definedTags'].includes(path)) return 'meta';
  if (under(path, 'categoryLogDetails')) return 'logging';
  if (path === `${MODEL_CONFIG}.modelId`) return 'model';
  if (under(path, `${MODEL_CONFIG}.instanceConfiguration`)) return 'compute';
  if (under(path, `${MODEL_CONFIG}.scalingPolicy`)) return 'scaling';
  if (path === `${MODEL_CONFIG}.bandwidthMbps` || path === `${MODEL_CONFIG}.maximumBandwidthMbps`) return 'loadBalancerOrContainer';
  if (under(path, ENV_CONFIG)) {
    // A missing block and an explicit DEFAULT block are the same environment.
    if (path === `${ENV_CONFIG}.environmentConfigurationType` && envGroup === 'environment') return null;
    return envGroup;
  }
  return null;
}

function groupsOfChanges(before: ModelDeployment, after: ModelDeployment, changes: FieldChange[]): UpdateGroup[] {
  const envGroup = envGroupOf(before, after);
  const found = new Set(changes.map((c) => groupOfPath(c.path, envGroup)));
  return UPDATE_GROUPS.filter((g) => found.has(g));
}

// Used only when the update cannot be applied: then the request itself is all there is to go on.
function groupsOfRequest(current: ModelDeployment, update: UpdateModelDeploymentDetails): UpdateGroup[] {
  const found = new Set<UpdateGroup>();
  if (update.displayName != null || update.description != null || update.freeformTags != null || update.definedTags != null) found.add('meta');
  if (update.categoryLogDetails != null) found.add('logging');
  const mc = update.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  if (mc) {
    if (mc.modelId !== current.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId) found.add('model');
    if (mc.instanceConfiguration != null) found.add('compute');
    if (mc.scalingPolicy != null) found.add('scaling');
    if (mc.bandwidthMbps != null || mc.maximumBandwidthMbps != null) found.add('loadBalancerOrContainer');
  }
  const env = update.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
  if (env && Object.values(env).some((v) => v != null)) {
    const type = env.environmentConfigurationType ?? envTypeOf(current);
    found.add(type === 'DEFAULT' && envTypeOf(current) === 'DEFAULT' ? 'environment' : 'loadBalancerOrContainer');
  }
  return UPDATE_GROUPS.filter((g) => found.has(g));
}

/** The option groups the update really changes; a field sent with its current value is no change. */
export function classifyUpdate(current: ModelDeployment, update: UpdateModelDeploymentDetails): UpdateGroup[] {
  const next = applyModelDeploymentUpdate(current, update);
  if (!next.ok) return groupsOfRequest(current, update);
  return groupsOfChanges(current, next.data, diffModelDeployment(current, next.data));
}

const infrastructureGroups = (groups: UpdateGroup[]) => groups.filter((g) => g !== 'meta');

const isCustomNetworking = (ic: InstanceConfiguration | undefined): boolean =>
  ic?.networkAccessType === 'CUSTOM_NETWORKING' || (ic?.networkAccessType === undefined && ic?.subnetId !== undefined);

const andList = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function checkUpdateAllowed(
  state: ModelDeploymentLifecycleState,
  current: ModelDeployment,
  update: UpdateModelDeploymentDetails,
): Result<void> {
  const transition = checkOperation('UPDATE', state);
  if (!transition.ok) return transition;
  const next = applyModelDeploymentUpdate(current, update);
  if (!next.ok) return next;

  const before = current.modelDeploymentConfigurationDetails?.modelConfigurationDetails.instanceConfiguration;
  const after = next.data.modelDeploymentConfigurationDetails?.modelConfigurationDetails.instanceConfiguration;
  if (isCustomNetworking(before) && !isCustomNetworking(after)) {
    return err(
      domainError(
        'InvalidParameter',
        'A deployment on custom networking cannot move back to default (managed) networking. Keep the subnet, or create a new model deployment.',
        { [`${MODEL_CONFIG}.instanceConfiguration.networkAccessType`]: 'Custom networking cannot be changed to managed networking.' },
      ),
    );
  }

  if (state === 'INACTIVE') return ok(undefined);
  const groups = infrastructureGroups(groupsOfChanges(current, next.data, diffModelDeployment(current, next.data)));
  if (groups.length > 1) {
    const names = andList(groups.map((g) => UPDATE_GROUP_LABELS[g]));
    return err(
      domainError(
        'InvalidParameter',
        `While the model deployment is ${state}, option groups must be applied one at a time; this update changes ${names}. ` +
          'Submit them as separate updates (name, description and tags may accompany any one of them), or deactivate the deployment to change everything at once.',
      ),
    );
  }
  return ok(undefined);
}

// ---- Splitting a multi-group update -----------------------------------------------------------

function stepFor(
  group: UpdateGroup,
  update: UpdateModelDeploymentDetails,
  modelId: string,
  envGroup: UpdateGroup,
): UpdateModelDeploymentDetails {
  const config = update.modelDeploymentConfigurationDetails;
  const env = (g: UpdateGroup) => (envGroup === g ? config?.environmentConfigurationDetails : undefined);
  const mc = config?.modelConfigurationDetails;
  const withConfig = (parts: Omit<UpdateSingleModelDeploymentConfigurationDetails, 'deploymentType'>): UpdateModelDeploymentDetails => ({
    modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', ...parts },
  });
  const modelConfig = (parts: Omit<UpdateModelConfigurationDetails, 'modelId'>): UpdateModelConfigurationDetails => ({ modelId, ...parts });
  switch (group) {
    case 'meta': {
      const { displayName, description, freeformTags, definedTags } = update;
      return { displayName, description, freeformTags, definedTags };
    }
    case 'logging':
      return { categoryLogDetails: update.categoryLogDetails };
    case 'model':
      return withConfig({ modelConfigurationDetails: modelConfig({}) });
    case 'environment':
      return withConfig({ environmentConfigurationDetails: env('environment') });
    case 'compute':
      return withConfig({
        modelConfigurationDetails: modelConfig({ instanceConfiguration: mc?.instanceConfiguration }),
      });
    case 'scaling':
      return withConfig({ modelConfigurationDetails: modelConfig({ scalingPolicy: mc?.scalingPolicy }) });
    case 'loadBalancerOrContainer':
      return withConfig({
        modelConfigurationDetails: modelConfig({ bandwidthMbps: mc?.bandwidthMbps, maximumBandwidthMbps: mc?.maximumBandwidthMbps }),
        environmentConfigurationDetails: env('loadBalancerOrContainer'),
      });
  }
}

/** Drops keys whose value is undefined so each step reads like a request a client would send. */
function compact<T>(value: T): T {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = compact(v);
  return out as T;
}

/**
 * Splits an update that touches several option groups into single-group requests which, applied
 * in order, give the same deployment as the whole update. Name, description and tags go with the
 * first step. An update that is already one group (or cannot be applied) comes back unchanged.
 */
export function planUpdateSteps(current: ModelDeployment, update: UpdateModelDeploymentDetails): UpdateModelDeploymentDetails[] {
  const whole = applyModelDeploymentUpdate(current, update);
  if (!whole.ok) return [update];
  const groups = groupsOfChanges(current, whole.data, diffModelDeployment(current, whole.data));
  const infra = infrastructureGroups(groups);
  if (infra.length <= 1) return [update];
  const envGroup = envGroupOf(current, whole.data);

  const steps: UpdateModelDeploymentDetails[] = [];
  let state = current;
  for (const [i, group] of infra.entries()) {
    // modelId is required in every request: until the model step runs, resend the current one.
    const modelId =
      group === 'model'
        ? (update.modelDeploymentConfigurationDetails?.modelConfigurationDetails?.modelId ?? '')
        : (state.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId ?? '');
    let step = stepFor(group, update, modelId, envGroup);
    if (i === 0 && groups.includes('meta')) step = { ...stepFor('meta', update, modelId, envGroup), ...step };
    step = compact(step);
    const applied = applyModelDeploymentUpdate(state, step);
    if (!applied.ok) return [update];
    state = applied.data;
    steps.push(step);
  }
  return steps;
}
