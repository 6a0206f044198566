import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertWorkRequestRow } from '@/db/queries/work-requests';
import { updatePlans, workRequestLogs, workRequests } from '@/db/schema';
import type { ModelDeployment, UpdateModelDeploymentDetails, WorkRequest, WorkRequestStatus } from '@/server/domain/oci-types';
import { domainError, err, notFound, ok } from '@/server/domain/result';
import { applyModelDeploymentUpdate } from '@/server/domain/shallow-merge';
import { FIXTURE_MODEL_ID, modelDeploymentFixture } from '@/tests/support/model-deployment';
import { createTempContext } from '@/tests/support/temp-context';
import { createWorkRequestRunner } from '@/server/jobs/runner';
import { createUpdatePlansService, type PlanProvider, type UpdatePlansDeps } from './update-plans';

const MODEL = FIXTURE_MODEL_ID;
const deployment = () => modelDeploymentFixture();

// Instance count and bandwidth: two option groups, so two steps while ACTIVE.
const twoGroups: UpdateModelDeploymentDetails = {
  displayName: 'renamed',
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: { modelId: MODEL, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 }, bandwidthMbps: 20 },
  },
};

/** A provider whose work requests end, on their second look, with the next scripted outcome. */
function fakeProvider(ctx: ReturnType<typeof createTempContext>, outcomes: WorkRequestStatus[]) {
  let md = deployment();
  const wrs = new Map<string, WorkRequest & { looks: number; outcome: WorkRequestStatus; pending: ModelDeployment }>();
  const calls: UpdateModelDeploymentDetails[] = [];
  const provider: PlanProvider = {
    async getModelDeployment(id) {
      return id === md.id ? ok(md) : err(notFound('Model deployment', id));
    },
    async updateModelDeployment(_id, details) {
      calls.push(details);
      if (md.lifecycleState !== 'ACTIVE') return err(domainError('IncorrectState', `Cannot update while ${md.lifecycleState}.`));
      const next = applyModelDeploymentUpdate(md, details);
      if (!next.ok) return next;
      const id = `ocid1.datascienceworkrequest.oc1.test.wr${wrs.size + 1}`;
      const time = new Date().toISOString();
      const wr: WorkRequest = { id, operationType: 'MODEL_DEPLOYMENT_UPDATE', status: 'ACCEPTED', compartmentId: md.compartmentId, percentComplete: 0, resources: [], timeAccepted: time };
      // Recorded so the plan can link it; IN_PROGRESS, so the plan's runner leaves it to this fake.
      insertWorkRequestRow(ctx.db, { ...wr, status: 'IN_PROGRESS', resources: [], resourceId: md.id, payload: {}, timeStarted: null, timeFinished: null, planId: null, planStep: null });
      wrs.set(id, { ...wr, looks: 0, outcome: outcomes.shift() ?? 'SUCCEEDED', pending: next.data });
      md = { ...md, lifecycleState: 'UPDATING' };
      return ok({ workRequestId: id, resource: undefined });
    },
    async getWorkRequest(id) {
      const wr = wrs.get(id);
      if (!wr) return err(notFound('Work request', id));
      wr.looks += 1;
      if (wr.looks === 2) {
        wr.status = wr.outcome;
        md = wr.outcome === 'SUCCEEDED' ? { ...wr.pending, lifecycleState: 'ACTIVE' } : { ...md, lifecycleState: 'NEEDS_ATTENTION' };
      } else if (wr.looks === 1) {
        wr.status = 'IN_PROGRESS';
      }
      return ok(wr);
    },
    async listWorkRequestErrors(id) {
      const failed = wrs.get(id)?.status === 'FAILED';
      return ok({ items: failed ? [{ code: 'InternalServerError', message: 'The container did not become healthy.', timestamp: '' }] : [], offset: 0 });
    },
  };
  return { provider, calls, current: () => md };
}

describe('update plans', () => {
  let ctx: ReturnType<typeof createTempContext>;
  beforeEach(() => {
    ctx = createTempContext();
  });
  afterEach(() => ctx.dispose());

  /** A plans service on a runner of its own (as the composition root wires them), started. */
  function plansOn(deps: Omit<UpdatePlansDeps, 'db' | 'jobs' | 'pollMs'>) {
    let plans: ReturnType<typeof createUpdatePlansService> | undefined;
    const runner = createWorkRequestRunner({ db: ctx.db, region: 'test', handlers: { BERTH_UPDATE_PLAN: (job) => plans!.jobHandler(job) } });
    plans = createUpdatePlansService({ db: ctx.db, jobs: runner, pollMs: 1, ...deps });
    runner.start();
    return Object.assign(plans, { idle: () => runner.idle() });
  }
  const planJob = (planId: string) => ctx.db.select().from(workRequests).where(eq(workRequests.resourceId, planId)).get();

  it('runs one step per option group, in order, as linked work requests', async () => {
    const fake = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const plans = plansOn({ provider: fake.provider });
    const started = await plans.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    expect(started.data.steps.map((s) => [s.label, s.status])).toEqual([
      ['Scaling policy (with name, description and tags)', 'PENDING'],
      ['Load balancer or container', 'PENDING'],
    ]);
    await plans.idle();

    const done = plans.get(started.data.id);
    expect(done.ok && done.data.status).toBe('SUCCEEDED');
    expect(done.ok && done.data.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(fake.calls).toHaveLength(2);
    const whole = applyModelDeploymentUpdate(deployment(), twoGroups);
    expect(whole.ok && fake.current()).toEqual(whole.ok ? whole.data : null);

    const linked = ctx.db.select().from(workRequests).where(eq(workRequests.planId, started.data.id)).all();
    expect(linked.map((w) => w.planStep).sort()).toEqual([1, 2]);
    expect(done.ok && done.data.steps.map((s) => s.workRequestId)).toEqual(linked.sort((a, b) => (a.planStep ?? 0) - (b.planStep ?? 0)).map((w) => w.id));
  });

  it('stops at the first failure and says why; the rest is skipped', async () => {
    const fake = fakeProvider(ctx, ['FAILED']);
    const plans = plansOn({ provider: fake.provider });
    const started = await plans.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    await plans.idle();

    const done = plans.get(started.data.id);
    if (!done.ok) throw new Error(done.error.message);
    expect(done.data.status).toBe('FAILED');
    expect(done.data.steps.map((s) => s.status)).toEqual(['FAILED', 'SKIPPED']);
    expect(done.data.steps[0]?.message).toBe('The container did not become healthy.');
    expect(done.data.steps[1]?.message).toBe('Not run: step 1 failed.');
    expect(done.data.message).toMatch(/^Step 1 \(Scaling policy.*\) failed: The container did not become healthy\. Nothing was changed\..*edit the deployment again/);
    expect(fake.calls).toHaveLength(1);
  });

  it('refuses a second plan while one runs, and deployments that cannot be updated', async () => {
    const fake = fakeProvider(ctx, []);
    const plans = plansOn({ provider: fake.provider });
    const first = await plans.start(deployment().id, twoGroups);
    expect(first.ok).toBe(true);
    const second = await plans.start(deployment().id, twoGroups);
    expect(second.ok ? null : second.error.code).toBe('Conflict');
    if (first.ok) await plans.idle();

    const nothing = await plans.start(deployment().id, { displayName: fake.current().displayName });
    expect(nothing.ok ? null : nothing.error.message).toMatch(/Nothing to change/);
  });

  it('resumes a plan a previous process left running', async () => {
    const fake = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const before = plansOn({ provider: fake.provider });
    const started = await before.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    await before.idle();
    // Rewind to "step 2 was never sent", as if the process had stopped there.
    const row = ctx.db.select().from(updatePlans).where(eq(updatePlans.id, started.data.id)).get();
    const steps = (row?.steps ?? []).map((s, i) => (i === 1 ? { ...s, status: 'RUNNING' as const, workRequestId: undefined } : s));
    ctx.db.update(updatePlans).set({ status: 'RUNNING', steps, timeFinished: null }).where(eq(updatePlans.id, started.data.id)).run();
    // ...and its job as a stopped process leaves it: in progress.
    expect(planJob(started.data.id)).toMatchObject({ operationType: 'BERTH_UPDATE_PLAN', status: 'SUCCEEDED', percentComplete: 100 });
    ctx.db.update(workRequests).set({ status: 'IN_PROGRESS', timeFinished: null }).where(eq(workRequests.resourceId, started.data.id)).run();

    // The next process's runner resumes the job; no plan is adopted twice.
    const after = plansOn({ provider: fake.provider });
    expect(after.adoptOrphans()).toBe(0);
    await after.idle();
    expect(planJob(started.data.id)?.status).toBe('SUCCEEDED');
    const done = after.get(started.data.id);
    expect(done.ok && done.data.status).toBe('SUCCEEDED');
    expect(fake.calls).toHaveLength(3);
  });

  it("runs a plan through the provider of the context that started it, and fails it when that context is gone", async () => {
    const local = fakeProvider(ctx, []);
    const cloud = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const plans = plansOn({ provider: local.provider, providerOf: (id) => (id === 'oci:CLOUD' ? cloud.provider : null) });
    const started = await plans.start(deployment().id, twoGroups, 'oci:CLOUD');
    if (!started.ok) throw new Error(started.error.message);
    await plans.idle();
    expect(plans.get(started.data.id)).toMatchObject({ ok: true, data: { status: 'SUCCEEDED' } });
    expect(cloud.calls).toHaveLength(2);
    expect(local.calls).toHaveLength(0);
    expect(ctx.db.select().from(updatePlans).where(eq(updatePlans.id, started.data.id)).get()?.contextId).toBe('oci:CLOUD');

    const unknown = await plans.start(deployment().id, twoGroups, 'oci:GONE');
    expect(unknown.ok ? null : unknown.error).toEqual({ code: 'InvalidParameter', message: 'The context oci:GONE is not offered.' });

    // A plan left running whose profile has since gone: the next process fails it, saying so.
    const done = ctx.db.select().from(updatePlans).where(eq(updatePlans.id, started.data.id)).get();
    if (!done) throw new Error('The plan row is missing.');
    const left = { ...done, id: 'left-running', status: 'RUNNING' as const, steps: done.steps.map((st) => ({ ...st, status: 'PENDING' as const, workRequestId: undefined })), timeFinished: null };
    ctx.db.insert(updatePlans).values(left).run();
    // Recorded with no job (as a plan of an older version was): the next process adopts it.
    const after = plansOn({ provider: local.provider, providerOf: () => null });
    expect(after.adoptOrphans()).toBe(1);
    await after.idle();
    expect(planJob(left.id)).toMatchObject({ operationType: 'BERTH_UPDATE_PLAN', status: 'FAILED' });
    const failed = after.get(left.id);
    expect(failed.ok && failed.data.status).toBe('FAILED');
    expect(failed.ok && failed.data.steps[0]?.message).toMatch(/^The context oci:CLOUD that started the plan is no longer offered/);
  });

  it('queues each plan as a job of the runner, which no work-request list or lookup shows', async () => {
    const fake = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const plans = plansOn({ provider: fake.provider });
    const started = await plans.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    const job = planJob(started.data.id);
    expect(job).toMatchObject({ operationType: 'BERTH_UPDATE_PLAN', payload: { planId: started.data.id }, compartmentId: deployment().compartmentId });
    await plans.idle();

    const logs = ctx.db.select().from(workRequestLogs).where(eq(workRequestLogs.workRequestId, job!.id)).all().map((l) => l.message);
    expect(logs).toEqual([expect.stringMatching(/^Step 1 of 2 \(Scaling policy.*\): work request ocid1\./), expect.stringMatching(/^Step 2 of 2 \(Load balancer or container\): work request /), 'All 2 steps were applied.']);
    expect(planJob(started.data.id)).toMatchObject({ status: 'SUCCEEDED', percentComplete: 100 });

    const listed = await ctx.provider.listWorkRequests({ compartmentId: deployment().compartmentId });
    expect(listed.ok && listed.data.items.map((w) => w.operationType)).toEqual(['MODEL_DEPLOYMENT_UPDATE', 'MODEL_DEPLOYMENT_UPDATE']);
    expect(await ctx.provider.getWorkRequest(job!.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.listWorkRequestLogs(job!.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await ctx.provider.cancelWorkRequest(job!.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});
