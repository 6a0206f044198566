import { getModelDeploymentRow, updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { describeStartupFailure } from '@/server/domain/startup-failure';
import type { ScalePayload } from '@/server/domain/job-payload';
import type { JobContext } from '@/server/jobs/runner';
import { scaleInPlace, servingInstances } from './scale';
import type { RolloutDeps } from './rollout';

// The work request of one autoscaling decision (a MODEL_DEPLOYMENT_UPDATE, as OCI shows
// autoscaling, whose payload carries the decision). The deployment is UPDATING while it runs and
// ACTIVE again at its end, which is when the cooldown starts.


const ACTIVE_DETAILS = 'Model Deployment is Active.';

/** An update's job whose payload is an autoscaling decision (the update handler tells them apart). */
export type ScaleJobContext = Omit<JobContext<'MODEL_DEPLOYMENT_UPDATE'>, 'payload'> & { payload: { scale: ScalePayload } };

export function scaleJobHandler(deps: RolloutDeps) {
  return async (ctx: ScaleJobContext): Promise<Result<void, DomainError>> => {
    const { targetCount, reason, fromDetails } = ctx.payload.scale;
    const id = ctx.workRequest.resourceId;
    const row = getModelDeploymentRow(deps.db, id);
    if (!row) return err(domainError('NotAuthorizedOrNotFound', `Model deployment ${id} was not found.`));
    ctx.log(`Autoscaling: ${reason}`);
    const details = fromDetails?.startsWith(ACTIVE_DETAILS) ? fromDetails : ACTIVE_DETAILS;
    try {
      const scaled = await scaleInPlace(deps, id, row.modelDeploymentConfigurationDetails, targetCount, ctx);
      const serving = scaled.ok ? scaled.data : servingInstances(deps, id).length;
      // A failed scale out leaves the instances that served serving: the deployment stays ACTIVE
      // and says so; the scaler may try again once the cooldown has passed.
      const cause = scaled.ok ? null : scaled.error.failure ? describeStartupFailure(scaled.error.failure) : scaled.error.message;
      updateModelDeploymentRow(deps.db, id, {
        lifecycleState: 'ACTIVE',
        lifecycleDetails: cause ? `${ACTIVE_DETAILS} Scaling to ${targetCount} instances failed: ${cause} ${serving} serve.` : details,
        currentInstanceCount: serving,
      });
      if (!scaled.ok) return scaled;
      ctx.log(`${serving} instance${serving === 1 ? '' : 's'} serve.`);
      return ok(undefined);
    } catch (cause) {
      // The engine went away mid-way: the deployment must not stay UPDATING.
      updateModelDeploymentRow(deps.db, id, { lifecycleState: 'ACTIVE', lifecycleDetails: details, currentInstanceCount: servingInstances(deps, id).length });
      throw cause;
    }
  };
}
