import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertWorkRequestRow } from '@/db/queries/work-requests';
import { updatePlans, workRequests } from '@/db/schema';
import type { ModelDeployment, UpdateModelDeploymentDetails, WorkRequest, WorkRequestStatus } from '@/server/domain/oci-types';
import { domainError, err, notFound, ok } from '@/server/domain/result';
import { applyModelDeploymentUpdate } from '@/server/domain/shallow-merge';
import { FIXTURE_MODEL_ID, modelDeploymentFixture } from '@/tests/support/model-deployment';
import { createTempContext } from '@/tests/support/temp-context';
import { createUpdatePlansService, type PlanProvider } from './update-plans';

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
      insertWorkRequestRow(ctx.db, { ...wr, resources: [], resourceId: md.id, payload: {}, timeStarted: null, timeFinished: null, planId: null, planStep: null });
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

  it('runs one step per option group, in order, as linked work requests', async () => {
    const fake = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const plans = createUpdatePlansService({ db: ctx.db, provider: fake.provider, pollMs: 1 });
    const started = await plans.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    expect(started.data.steps.map((s) => [s.label, s.status])).toEqual([
      ['Scaling policy (with name, description and tags)', 'PENDING'],
      ['Load balancer or container', 'PENDING'],
    ]);
    await plans.run(started.data.id);

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
    const plans = createUpdatePlansService({ db: ctx.db, provider: fake.provider, pollMs: 1 });
    const started = await plans.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    await plans.run(started.data.id);

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
    const plans = createUpdatePlansService({ db: ctx.db, provider: fake.provider, pollMs: 1 });
    const first = await plans.start(deployment().id, twoGroups);
    expect(first.ok).toBe(true);
    const second = await plans.start(deployment().id, twoGroups);
    expect(second.ok ? null : second.error.code).toBe('Conflict');
    if (first.ok) await plans.run(first.data.id);

    const nothing = await plans.start(deployment().id, { displayName: fake.current().displayName });
    expect(nothing.ok ? null : nothing.error.message).toMatch(/Nothing to change/);
  });

  it('resumes a plan a previous process left running', async () => {
    const fake = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const before = createUpdatePlansService({ db: ctx.db, provider: fake.provider, pollMs: 1 });
    const started = await before.start(deployment().id, twoGroups);
    if (!started.ok) throw new Error(started.error.message);
    await before.run(started.data.id);
    // Rewind to "step 2 was never sent", as if the process had stopped there.
    const row = ctx.db.select().from(updatePlans).where(eq(updatePlans.id, started.data.id)).get();
    const steps = (row?.steps ?? []).map((s, i) => (i === 1 ? { ...s, status: 'RUNNING' as const, workRequestId: undefined } : s));
    ctx.db.update(updatePlans).set({ status: 'RUNNING', steps, timeFinished: null }).where(eq(updatePlans.id, started.data.id)).run();

    const after = createUpdatePlansService({ db: ctx.db, provider: fake.provider, pollMs: 1 });
    after.resumeUnfinished();
    await after.run(started.data.id);
    const done = after.get(started.data.id);
    expect(done.ok && done.data.status).toBe('SUCCEEDED');
    expect(fake.calls).toHaveLength(3);
  });

  it("runs a plan through the provider of the context that started it, and fails it when that context is gone", async () => {
    const local = fakeProvider(ctx, []);
    const cloud = fakeProvider(ctx, ['SUCCEEDED', 'SUCCEEDED']);
    const plans = createUpdatePlansService({ db: ctx.db, provider: local.provider, providerOf: (id) => (id === 'oci:CLOUD' ? cloud.provider : null), pollMs: 1 });
    const started = await plans.start(deployment().id, twoGroups, 'oci:CLOUD');
    if (!started.ok) throw new Error(started.error.message);
    await plans.run(started.data.id);
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
    const after = createUpdatePlansService({ db: ctx.db, provider: local.provider, providerOf: () => null, pollMs: 1 });
    after.resumeUnfinished();
    await after.run(left.id);
    const failed = after.get(left.id);
    expect(failed.ok && failed.data.status).toBe('FAILED');
    expect(failed.ok && failed.data.steps[0]?.message).toMatch(/^The context oci:CLOUD that started the plan is no longer offered/);
  });
});
