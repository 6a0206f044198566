import crypto from 'node:crypto';
import type { Db } from '@/db/client';
import { getUpdatePlanRow, insertUpdatePlanRow, listRunningUpdatePlanRows, runningUpdatePlanRowOf, updateUpdatePlanRow, type UpdatePlanRow } from '@/db/queries/update-plans';
import { linkWorkRequestToPlan } from '@/db/queries/work-requests';
import { checkOperation, isTransitional } from '@/server/domain/md-lifecycle';
import type { ModelDeployment, UpdateModelDeploymentDetails, WorkRequest } from '@/server/domain/oci-types';
import { TERMINAL_WORK_REQUEST_STATUSES } from '@/server/domain/oci-types';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import { applyModelDeploymentUpdate } from '@/server/domain/shallow-merge';
import { describeUpdateSteps, type UpdatePlanStep, type UpdatePlanView } from '@/server/domain/update-plan';
import type { JobHandler, WorkRequestRunner } from '@/server/jobs/runner';
import type { LocalPlatform } from '@/server/providers/platform';
import type { DataScienceProvider } from '@/server/providers/types';
import type { AppContext } from './context';
import { authorizeDeployment } from './identity/access';
import { recordAudit } from './identity/audit';
import { LOCAL_CONTEXT_ID } from './provider-contexts';

// Runs a multi-group update of a serving deployment as consecutive single-group updates: step 1
// goes to the provider, its work request is followed to the end, then step 2, and so on. A plan is
// a job of the work-request runner (BERTH_UPDATE_PLAN, one per plan), so it is queued, resumed
// after a restart and waited on like every other background work; the plan row holds each step's
// status and work request, so a resumed job carries on from the step it had reached.

type PlanRow = UpdatePlanRow;

export type PlanProvider = Pick<DataScienceProvider, 'getModelDeployment' | 'updateModelDeployment' | 'getWorkRequest' | 'listWorkRequestErrors'>;

export interface UpdatePlansDeps {
  db: Db;
  /** Where a plan's job is queued; its handler is this service's jobHandler. */
  jobs: Pick<WorkRequestRunner, 'enqueue' | 'busyResources'>;
  /** The local provider, unchecked: the steps run on after the request that started them. */
  provider: PlanProvider;
  /** The provider of another context (an OCI profile) by its id; null when it is no longer offered. */
  providerOf?: (contextId: string) => PlanProvider | null;
  /** Where a step's revision learns who started the plan; left out, revisions are not attributed. */
  attribution?: Pick<LocalPlatform, 'refreshRevisionAttribution'>;
  now?: () => Date;
  /** How often a running step looks at its work request. */
  pollMs?: number;
  logger?: Pick<Console, 'error'>;
}

const toView = (row: PlanRow): UpdatePlanView => ({
  id: row.id,
  modelDeploymentId: row.modelDeploymentId,
  status: row.status,
  message: row.message,
  steps: row.steps,
  timeCreated: row.timeCreated,
  timeFinished: row.timeFinished,
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createUpdatePlansService(deps: UpdatePlansDeps) {
  const { db } = deps;
  const providerOf = (contextId: string): PlanProvider | null => (contextId === LOCAL_CONTEXT_ID ? deps.provider : (deps.providerOf?.(contextId) ?? null));
  const now = deps.now ?? (() => new Date());
  const pollMs = deps.pollMs ?? 500;
  const logger = deps.logger ?? console;

  const stamp = () => now().toISOString();
  const load = (id: string) => getUpdatePlanRow(db, id);
  const save = (id: string, patch: Partial<PlanRow>) => updateUpdatePlanRow(db, id, patch);

  function patchStep(row: PlanRow, index: number, patch: Partial<UpdatePlanStep>): PlanRow {
    const steps = row.steps.map((s, i) => (i === index ? { ...s, ...patch } : s));
    save(row.id, { steps });
    return { ...row, steps };
  }

  function fail(row: PlanRow, index: number, reason: string): void {
    const time = stamp();
    const step = row.steps[index];
    const steps = row.steps.map((s, i): UpdatePlanStep => {
      if (i === index) return { ...s, status: 'FAILED', message: reason, timeFinished: time };
      if (i > index) return { ...s, status: 'SKIPPED', message: `Not run: step ${index + 1} failed.` };
      return s;
    });
    const applied = index === 0 ? 'Nothing was changed.' : `The changes of step${index === 1 ? '' : 's'} 1${index > 1 ? `-${index}` : ''} were applied.`;
    const message =
      `Step ${index + 1} (${step?.label ?? 'update'}) failed: ${reason} ${applied} ` +
      'The remaining steps were skipped; fix the cause, then edit the deployment again to apply them.';
    save(row.id, { steps, status: 'FAILED', message, timeFinished: time });
  }

  /** Waits until the deployment is not in the middle of other work, so the next update is accepted. */
  async function settled(provider: PlanProvider, deploymentId: string): Promise<Result<ModelDeployment, DomainError>> {
    for (;;) {
      const md = await provider.getModelDeployment(deploymentId);
      if (!md.ok) return md;
      if (md.data.lifecycleState === 'DELETED') return err(domainError('NotAuthorizedOrNotFound', 'The model deployment was deleted.'));
      if (!isTransitional(md.data.lifecycleState)) return md;
      await delay(pollMs);
    }
  }

  async function finished(provider: PlanProvider, workRequestId: string): Promise<Result<WorkRequest, DomainError>> {
    for (;;) {
      const wr = await provider.getWorkRequest(workRequestId);
      if (!wr.ok || TERMINAL_WORK_REQUEST_STATUSES.includes(wr.data.status)) return wr;
      await delay(pollMs);
    }
  }

  async function failureReason(provider: PlanProvider, wr: WorkRequest): Promise<string> {
    const errors = await provider.listWorkRequestErrors(wr.id, { limit: 100 });
    const last = errors.ok ? errors.data.items.at(-1) : undefined;
    return last?.message ?? `Its work request ended ${wr.status}.`;
  }

  type Reporter = Pick<Parameters<JobHandler<'BERTH_UPDATE_PLAN'>>[0], 'log' | 'progress'>;

  async function runSteps(planId: string, job: Reporter): Promise<void> {
    for (;;) {
      let row = load(planId);
      if (!row || row.status !== 'RUNNING') return;
      const index = row.steps.findIndex((s) => s.status === 'PENDING' || s.status === 'RUNNING');
      const step = row.steps[index];
      job.progress(Math.round((100 * (index === -1 ? row.steps.length : index)) / Math.max(1, row.steps.length)));
      if (!step) {
        save(planId, { status: 'SUCCEEDED', timeFinished: stamp(), message: null });
        job.log(`All ${row.steps.length} steps were applied.`);
        return;
      }
      const provider = providerOf(row.contextId);
      if (!provider) return fail(row, index, `The context ${row.contextId} that started the plan is no longer offered (its OCI profile was removed or cannot be used).`);
      let workRequestId = step.status === 'RUNNING' ? step.workRequestId : undefined;
      if (!workRequestId) {
        // A step marked RUNNING without a work request was cut off by a restart: sending it again
        // is harmless, since a shallow merge applied twice gives the same deployment.
        row = patchStep(row, index, { status: 'RUNNING', timeStarted: step.timeStarted ?? stamp() });
        const ready = await settled(provider, row.modelDeploymentId);
        if (!ready.ok) return fail(row, index, ready.error.message);
        const accepted = await provider.updateModelDeployment(row.modelDeploymentId, step.details);
        if (!accepted.ok) return fail(row, index, accepted.error.message);
        workRequestId = accepted.data.workRequestId;
        row = patchStep(row, index, { workRequestId });
        job.log(`Step ${index + 1} of ${row.steps.length} (${step.label}): work request ${workRequestId}.`);
        linkWorkRequestToPlan(db, workRequestId, planId, index + 1);
        // The step may have been applied already: its revision takes the plan's attribution now.
        deps.attribution?.refreshRevisionAttribution(workRequestId);
      }
      const wr = await finished(provider, workRequestId);
      if (!wr.ok) return fail(row, index, wr.error.message);
      if (wr.data.status !== 'SUCCEEDED') return fail(row, index, await failureReason(provider, wr.data));
      patchStep(row, index, { status: 'SUCCEEDED', timeFinished: stamp() });
    }
  }

  /** Runs (or, after a restart, resumes) a plan; the runner gives one plan one run at a time. */
  const jobHandler: JobHandler<'BERTH_UPDATE_PLAN'> = async (job) => {
    const { planId } = job.payload;
    try {
      await runSteps(planId, job);
    } catch (cause) {
      logger.error(`update plan ${planId} failed unexpectedly`, cause);
      const row = load(planId);
      const index = row?.steps.findIndex((s) => s.status === 'PENDING' || s.status === 'RUNNING') ?? -1;
      if (row && index >= 0) fail(row, index, `Unexpected failure: ${(cause as Error)?.message ?? String(cause)}`);
    }
    const row = load(planId);
    if (!row) return err(notFound('Update plan', planId));
    if (row.status === 'SUCCEEDED') return ok(undefined);
    // The plan's row has the whole story (which step, why, what was applied); the job says it too.
    return err(domainError(row.status === 'RUNNING' ? 'InternalServerError' : 'IncorrectState', row.message ?? `The plan ended ${row.status}.`));
  };

  const enqueue = (row: Pick<PlanRow, 'id' | 'compartmentId'>) =>
    deps.jobs.enqueue({ operationType: 'BERTH_UPDATE_PLAN', compartmentId: row.compartmentId, resourceId: row.id, resources: [], payload: { planId: row.id } });

  const runningPlanOf = (deploymentId: string) => runningUpdatePlanRowOf(db, deploymentId);

  return {
    /** Splits the update into steps, records the plan and starts running it in that context; answers at once. */
    async start(deploymentId: string, request: UpdateModelDeploymentDetails, contextId: string = LOCAL_CONTEXT_ID): Promise<Result<UpdatePlanView, DomainError>> {
      const provider = providerOf(contextId);
      if (!provider) return err(domainError('InvalidParameter', `The context ${contextId} is not offered.`));
      const md = await provider.getModelDeployment(deploymentId);
      if (!md.ok) return md;
      const current = md.data;
      const allowed = checkOperation('UPDATE', current.lifecycleState);
      if (!allowed.ok) return allowed;
      const busy = runningPlanOf(deploymentId);
      if (busy) return err(domainError('Conflict', 'An update plan is already running for this deployment; wait for it to finish.'));
      const whole = applyModelDeploymentUpdate(current, request);
      if (!whole.ok) return whole;
      const planned = describeUpdateSteps(current, request);
      if (planned.every((s) => s.changes.length === 0)) return err(domainError('InvalidParameter', 'Nothing to change: the update leaves the deployment as it is.'));
      const row: PlanRow = {
        id: crypto.randomUUID(),
        modelDeploymentId: deploymentId,
        compartmentId: current.compartmentId,
        contextId,
        status: 'RUNNING',
        request,
        steps: planned.map((s) => ({ ...s, status: 'PENDING' })),
        message: null,
        timeCreated: stamp(),
        timeFinished: null,
      };
      // One transaction: a plan is never recorded without the job that runs it.
      db.transaction(() => {
        insertUpdatePlanRow(db, row);
        enqueue(row);
      });
      return ok(toView(row));
    },

    get(planId: string): Result<UpdatePlanView, DomainError> {
      const row = load(planId);
      return row ? ok(toView(row)) : err(notFound('Update plan', planId));
    },

    /** The plan still running for a deployment, if any: the edit page shows it instead of the form. */
    running(deploymentId: string): UpdatePlanView | null {
      const row = runningPlanOf(deploymentId);
      return row ? toView(row) : null;
    },

    jobHandler,

    /**
     * At boot, after the runner has started (and so resumed its own unfinished jobs): a plan left
     * running with no job to run it (recorded before plans were jobs) gets one.
     */
    adoptOrphans(): number {
      const queued = deps.jobs.busyResources();
      const orphans = listRunningUpdatePlanRows(db).filter((row) => !queued.has(row.id));
      for (const row of orphans) enqueue(row);
      return orphans.length;
    },
  };
}

export type UpdatePlansService = ReturnType<typeof createUpdatePlansService>;

/** At boot, after the runner started: a plan left running without its job gets one. */
export const resumeUpdatePlans = (ctx: Pick<AppContext, 'updatePlans'>): void => {
  const adopted = ctx.updatePlans.adoptOrphans();
  if (adopted) console.info(`Berth: resuming ${adopted} update plan(s) left running without a job`);
};

type AccessCtx = Pick<AppContext, 'db' | 'provider' | 'system' | 'principal' | 'platform' | 'updatePlans'> & Partial<Pick<AppContext, 'session'>>;

/** Starts a plan as the request's principal: it needs use on the deployment, as UpdateModelDeployment does. */
export async function startUpdatePlan(
  ctx: AccessCtx,
  deploymentId: string,
  request: UpdateModelDeploymentDetails,
  options: { rollbackOf?: number } = {},
): Promise<Result<UpdatePlanView, DomainError>> {
  const allowed = await authorizeDeployment(ctx, 'use', deploymentId, 'UpdateModelDeployment');
  if (!allowed.ok) return allowed;
  // The plan runs in the context the request's session works in.
  const contextId = ctx.session ? (await ctx.session()).id : LOCAL_CONTEXT_ID;
  const plan = await ctx.updatePlans.start(deploymentId, request, contextId);
  const { principal, deployment } = allowed.data;
  // The steps run as the process: their revisions name who started the plan.
  if (plan.ok) {
    ctx.platform.attributeRevision({ id: plan.data.id, modelDeploymentId: deploymentId }, { principalId: principal.userId, principalName: principal.userName, rollbackOf: options.rollbackOf ?? null });
  }
  recordAudit(ctx.db, principal, {
    action: 'StartUpdatePlan',
    resourceType: 'data-science-model-deployments',
    resourceId: deploymentId,
    compartmentId: deployment.compartmentId,
    outcome: plan.ok ? 'SUCCEEDED' : 'FAILED',
    detail: plan.ok ? plan.data.id : plan.error.code,
  });
  return plan;
}

/** A plan, for whoever may read its deployment; to anyone else it does not exist. */
export async function readUpdatePlan(ctx: AccessCtx, planId: string): Promise<Result<UpdatePlanView, DomainError>> {
  const plan = ctx.updatePlans.get(planId);
  if (!plan.ok) return plan;
  const allowed = await authorizeDeployment(ctx, 'read', plan.data.modelDeploymentId);
  return allowed.ok ? plan : err(notFound('Update plan', planId));
}
