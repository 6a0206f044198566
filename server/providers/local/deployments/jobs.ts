import { getModelDeploymentRow, updateModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { getRouteRow, instancesOfOtherGenerations, listInstanceRows, maxGeneration } from '@/db/queries/serving';
import { bandwidthMbpsOf } from '@/server/domain/load-balancer';
import { checkOperation, type MdOperation } from '@/server/domain/md-lifecycle';
import { STOP_DRAINING_DETAILS } from '@/server/domain/md-lifecycle-details';
import type { ModelDeploymentConfigurationDetails, ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { deepEqual } from '@/server/domain/shallow-merge';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { targetInstanceCount } from '@/server/domain/scaling-instances';
import { describeStartupFailure } from '@/server/domain/startup-failure';
import type { JobContext, JobHandler, JobHandlers } from '@/server/jobs/runner';
import { runtimeKeyOf, timeCreate } from './startup-timings';
import { removeInstances, retireOtherGenerations, routeTo, startGeneration, type RolloutDeps } from './rollout';
import { scaleInPlace, servingInstances } from './scale';
import { scaleJobHandler } from './scale-job';
import { thenRecordRevision } from './revisions';
import { pruneSecrets } from './secrets';

const ACTIVE_DETAILS = 'Model Deployment is Active.';

type Op = Exclude<MdOperation, 'CHANGE_COMPARTMENT'>;
type DeploymentOperationType = 'MODEL_DEPLOYMENT_CREATE' | 'MODEL_DEPLOYMENT_UPDATE' | 'MODEL_DEPLOYMENT_ACTIVATE' | 'MODEL_DEPLOYMENT_DEACTIVATE' | 'MODEL_DEPLOYMENT_DELETE';

const bandwidthOf = (c: ModelDeploymentConfigurationDetails) => bandwidthMbpsOf(c.modelConfigurationDetails);

/** Which states the operation ends in, decided by the state it started from. */
function targets(op: Op, ctx: JobContext<DeploymentOperationType>): { onSuccess: ModelDeploymentLifecycleState; onFailure: ModelDeploymentLifecycleState } {
  const from = ctx.payload.fromState ?? null;
  const t = checkOperation(op, op === 'CREATE' ? null : from);
  return t.ok ? t.data : { onSuccess: 'FAILED', onFailure: 'FAILED' };
}

function load(deps: RolloutDeps, ctx: JobContext): Result<ModelDeploymentRow, DomainError> {
  const id = ctx.workRequest.resourceId;
  const row = getModelDeploymentRow(deps.db, id);
  return row ? ok(row) : err(domainError('NotAuthorizedOrNotFound', `Model deployment ${id} was not found.`));
}

function settle(deps: RolloutDeps, id: string, state: ModelDeploymentLifecycleState, details: string, instances?: number) {
  updateModelDeploymentRow(deps.db, id, { lifecycleState: state, lifecycleDetails: details, ...(instances !== undefined ? { currentInstanceCount: instances } : {}) });
}

const activeDetails = (notes: string[]) => [ACTIVE_DETAILS, ...notes].join(' ');

/** The cause for lifecycle details: a named startup failure with what to do, or the message. */
const causeOf = (error: DomainError) => (error.failure ? describeStartupFailure(error.failure) : error.message);

/** Brings a configuration up as a new generation and routes traffic to it. */
async function bringUp(deps: RolloutDeps, row: ModelDeploymentRow, config: ModelDeploymentConfigurationDetails, ctx: JobContext) {
  // Leftovers of an interrupted run of this same work are not serving: start clean.
  const route = getRouteRow(deps.db, row.id);
  // An autoscaled deployment that serves keeps the count its scaler reached (within the new bounds).
  const serving = servingInstances(deps, row.id).length;
  const policy = config.modelConfigurationDetails.scalingPolicy;
  const count = policy?.policyType === 'AUTOSCALING' && serving > 0 ? targetInstanceCount(policy, serving) : undefined;
  await removeInstances(deps, route?.serving ? instancesOfOtherGenerations(deps.db, row.id, route.generation) : listInstanceRows(deps.db, row.id));
  const generation = maxGeneration(deps.db, row.id) + 1;
  const started = await startGeneration(deps, row.id, config, generation, ctx, count);
  if (!started.ok) return started;
  await routeTo(deps, row.id, { serving: true, generation, bandwidthMbps: bandwidthOf(config), plan: started.data.plan }, ctx);
  ctx.log('Routed: the endpoint serves the new instances.');
  ctx.progress(90);
  return ok(started.data);
}

function createHandler(deps: RolloutDeps): JobHandler<'MODEL_DEPLOYMENT_CREATE'> {
  return async (ctx) => {
    const loaded = load(deps, ctx);
    if (!loaded.ok) return loaded;
    const row = loaded.data;
    if (row.lifecycleState === 'ACTIVE') return ok(undefined);
    const t0 = Date.now();
    const timed = timeCreate(deps.db, ctx, runtimeKeyOf(deps.db, row.modelDeploymentConfigurationDetails), deps.now);
    ctx.log('Creating compute resources.');
    const up = await bringUp(deps, row, row.modelDeploymentConfigurationDetails, timed.ctx);
    if (!up.ok) {
      settle(deps, row.id, 'FAILED', `Errors occurred while bootstrapping the Model Deployment: ${causeOf(up.error)}`, 0);
      return up;
    }
    settle(deps, row.id, 'ACTIVE', activeDetails(up.data.notes), up.data.instances.length);
    timed.succeeded();
    ctx.log(`Model deployment is active (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
    return ok(undefined);
  };
}

/** Only the scaling policy changed: the serving instances stay, only their number may change. */
const onlyScalingChanged = (a: ModelDeploymentConfigurationDetails, b: ModelDeploymentConfigurationDetails) =>
  deepEqual(
    { ...a, modelConfigurationDetails: { ...a.modelConfigurationDetails, scalingPolicy: undefined } },
    { ...b, modelConfigurationDetails: { ...b.modelConfigurationDetails, scalingPolicy: undefined } },
  );

/** Only the load balancer changed: the same containers keep serving under the new bandwidth. */
const onlyBandwidthChanged = (a: ModelDeploymentConfigurationDetails, b: ModelDeploymentConfigurationDetails) =>
  deepEqual(
    { ...a, modelConfigurationDetails: { ...a.modelConfigurationDetails, bandwidthMbps: 0, maximumBandwidthMbps: 0 } },
    { ...b, modelConfigurationDetails: { ...b.modelConfigurationDetails, bandwidthMbps: 0, maximumBandwidthMbps: 0 } },
  );

function updateHandler(deps: RolloutDeps): JobHandler<'MODEL_DEPLOYMENT_UPDATE'> {
  const scale = scaleJobHandler(deps);
  return async (ctx) => {
    // An autoscaling decision: an update of the instance count alone, carried by the scaler.
    if ('scale' in ctx.payload) return scale({ ...ctx, payload: ctx.payload });
    const loaded = load(deps, ctx);
    if (!loaded.ok) return loaded;
    const row = loaded.data;
    const { merged } = ctx.payload;
    const next = merged.modelDeploymentConfigurationDetails ?? row.modelDeploymentConfigurationDetails;
    const { onSuccess } = targets('UPDATE', ctx);
    const write = (state: ModelDeploymentLifecycleState, details: string, instances?: number) =>
      updateModelDeploymentRow(deps.db, row.id, {
        displayName: merged.displayName,
        description: merged.description ?? null,
        modelId: next.modelConfigurationDetails.modelId,
        modelDeploymentConfigurationDetails: next,
        categoryLogDetails: merged.categoryLogDetails ?? null,
        freeformTags: merged.freeformTags ?? {},
        definedTags: merged.definedTags ?? {},
        lifecycleState: state,
        lifecycleDetails: details,
        ...(instances !== undefined ? { currentInstanceCount: instances } : {}),
      });

    if (onSuccess === 'INACTIVE') {
      write('INACTIVE', 'Updated; the changes take effect when the deployment is activated.');
      ctx.log('Configuration saved; it applies at the next activation.');
      return ok(undefined);
    }
    const current = row.modelDeploymentConfigurationDetails;
    if (deepEqual(current, next)) {
      write('ACTIVE', row.lifecycleDetails?.startsWith(ACTIVE_DETAILS) ? row.lifecycleDetails : ACTIVE_DETAILS);
      ctx.log('Only names, tags or logging changed; the instances are untouched.');
      return ok(undefined);
    }
    const route = getRouteRow(deps.db, row.id);
    if (route && onlyBandwidthChanged(current, next)) {
      await routeTo(deps, row.id, { serving: true, generation: route.generation, bandwidthMbps: bandwidthOf(next) }, ctx);
      write('ACTIVE', row.lifecycleDetails ?? ACTIVE_DETAILS);
      ctx.log(`Load balancer bandwidth is now ${bandwidthOf(next)} Mbps.`);
      return ok(undefined);
    }
    if (route?.serving && onlyScalingChanged(current, next)) {
      const policy = next.modelConfigurationDetails.scalingPolicy;
      const serving = servingInstances(deps, row.id).length;
      // An autoscaled count is the scaler's to change: it corrects one outside the new bounds at its
      // next evaluation, and records why. A fixed size is applied here.
      const target = policy?.policyType === 'AUTOSCALING' ? serving : targetInstanceCount(policy, serving);
      if (target !== targetInstanceCount(policy, serving)) ctx.log(`The scaler brings the ${serving} instances within the new bounds at its next evaluation.`);
      const scaled = await scaleInPlace(deps, row.id, next, target, ctx);
      if (!scaled.ok) {
        settle(deps, row.id, 'NEEDS_ATTENTION', `The update failed: ${causeOf(scaled.error)} The previous instances are still serving.`, servingInstances(deps, row.id).length);
        return scaled;
      }
      write('ACTIVE', row.lifecycleDetails?.startsWith(ACTIVE_DETAILS) ? row.lifecycleDetails : ACTIVE_DETAILS, scaled.data);
      ctx.log('Scaling policy updated; the serving instances were kept.');
      return ok(undefined);
    }
    ctx.log('Starting the new configuration beside the current one (blue/green).');
    const up = await bringUp(deps, row, next, ctx);
    if (!up.ok) {
      // The old generation was never unrouted, so it keeps serving; the user must act.
      settle(deps, row.id, 'NEEDS_ATTENTION', `The update failed: ${causeOf(up.error)} The previous configuration is still serving.`);
      return up;
    }
    await retireOtherGenerations(deps, row.id, up.data.generation, ctx);
    write('ACTIVE', activeDetails(up.data.notes), up.data.instances.length);
    ctx.log('Update complete.');
    return ok(undefined);
  };
}

function activateHandler(deps: RolloutDeps): JobHandler<'MODEL_DEPLOYMENT_ACTIVATE'> {
  return async (ctx) => {
    const loaded = load(deps, ctx);
    if (!loaded.ok) return loaded;
    const row = loaded.data;
    ctx.log('Activating: starting instances on the same endpoint.');
    const up = await bringUp(deps, row, row.modelDeploymentConfigurationDetails, ctx);
    if (!up.ok) {
      settle(deps, row.id, 'INACTIVE', `Activation failed: ${causeOf(up.error)}`, 0);
      return up;
    }
    settle(deps, row.id, 'ACTIVE', activeDetails(up.data.notes), up.data.instances.length);
    return ok(undefined);
  };
}

function stopHandler(deps: RolloutDeps, op: 'DEACTIVATE' | 'DELETE'): JobHandler<'MODEL_DEPLOYMENT_DEACTIVATE' | 'MODEL_DEPLOYMENT_DELETE'> {
  return async (ctx) => {
    const loaded = load(deps, ctx);
    if (!loaded.ok) return loaded;
    const row = loaded.data;
    const route = getRouteRow(deps.db, row.id);
    // Unroute first: the endpoint answers 404 at once, then instances drain and go.
    await routeTo(deps, row.id, { serving: false, generation: route?.generation ?? 0, bandwidthMbps: bandwidthOf(row.modelDeploymentConfigurationDetails) }, ctx);
    updateModelDeploymentRow(deps.db, row.id, { lifecycleDetails: STOP_DRAINING_DETAILS[op] });
    ctx.progress(40);
    await retireOtherGenerations(deps, row.id, null, ctx);
    ctx.progress(90);
    if (op === 'DEACTIVATE') {
      settle(deps, row.id, 'INACTIVE', 'Model Deployment is Inactive. Activate it to serve again on the same endpoint.', 0);
      ctx.log('Deactivated: instances stopped, the endpoint is kept.');
    } else {
      settle(deps, row.id, 'DELETED', 'Model Deployment is Deleted.', 0);
      ctx.log('Deleted.');
    }
    return ok(undefined);
  };
}

/**
 * An unexpected failure (the Docker engine went away, say) must not leave the deployment in a
 * transitional state forever: it lands in the operation's failure state with the cause.
 */
function guarded<T extends DeploymentOperationType>(deps: RolloutDeps, op: Op, handler: JobHandler<T>): JobHandler<T> {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } catch (cause) {
      const message = (cause as Error)?.message ?? String(cause);
      const row = getModelDeploymentRow(deps.db, ctx.workRequest.resourceId);
      if (row && ['CREATING', 'UPDATING', 'DELETING'].includes(row.lifecycleState)) {
        settle(deps, row.id, targets(op, ctx).onFailure, `The operation failed unexpectedly: ${message}`);
      }
      throw cause;
    }
  };
}

/** After work that replaces or drops a configuration, the secret values nothing refers to go. */
function thenPruneSecrets<T extends DeploymentOperationType>(deps: RolloutDeps, handler: JobHandler<T>): JobHandler<T> {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } finally {
      pruneSecrets(deps.db, ctx.workRequest.resourceId);
    }
  };
}

export function createDeploymentJobHandlers(deps: RolloutDeps): JobHandlers {
  return {
    MODEL_DEPLOYMENT_CREATE: thenRecordRevision(deps.db, 'CREATE', guarded(deps, 'CREATE', createHandler(deps)), deps.now),
    MODEL_DEPLOYMENT_UPDATE: thenPruneSecrets(deps, thenRecordRevision(deps.db, 'UPDATE', guarded(deps, 'UPDATE', updateHandler(deps)), deps.now)),
    MODEL_DEPLOYMENT_ACTIVATE: guarded(deps, 'ACTIVATE', activateHandler(deps)),
    MODEL_DEPLOYMENT_DEACTIVATE: guarded(deps, 'DEACTIVATE', stopHandler(deps, 'DEACTIVATE')),
    MODEL_DEPLOYMENT_DELETE: thenPruneSecrets(deps, guarded(deps, 'DELETE', stopHandler(deps, 'DELETE'))),
  };
}
