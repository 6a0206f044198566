import { describe, expect, it } from 'vitest';
import { listRevisionRows } from '@/db/queries/deployment-revisions';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { getWorkRequestRow, listWorkRequestLogRows, updateWorkRequestRow } from '@/db/queries/work-requests';
import { ok } from '@/server/domain/result';
import type { UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { attributeRevision, refreshRevisionAttribution, thenRecordRevision } from './revisions';

// Revisions recorded by the real update job on a real SQLite file. The deployments are INACTIVE,
// where an update saves the configuration without starting a container.

const { ctx, clock } = tempContextPerTest();

/** A created deployment whose create work request is over (no container ran), now INACTIVE. */
async function inactiveDeployment() {
  const created = await createEchoDeployment(ctx());
  updateWorkRequestRow(ctx().db, created.workRequestId, { status: 'SUCCEEDED', percentComplete: 100 });
  updateModelDeploymentRow(ctx().db, created.md.id, { lifecycleState: 'INACTIVE' });
  return created;
}

async function update(id: string, details: UpdateModelDeploymentDetails): Promise<string> {
  const accepted = await ctx().provider.updateModelDeployment(id, details);
  if (!accepted.ok) throw new Error(accepted.error.message);
  return accepted.data.workRequestId;
}

const bandwidth = (modelId: string, bandwidthMbps: number): UpdateModelDeploymentDetails => ({
  modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId, bandwidthMbps } },
});

describe('revision recording', () => {
  it('records each applied update with what changed and its work request, keeping a baseline of the configuration before', async () => {
    const { md, model } = await inactiveDeployment();
    ctx().runner.start();
    const first = await update(md.id, { displayName: 'renamed' });
    await ctx().runner.idle();
    const second = await update(md.id, bandwidth(model.id, 20));
    await ctx().runner.idle();

    const rows = listRevisionRows(ctx().db, md.id);
    expect(rows.map((r) => [r.revision, r.kind, r.workRequestId])).toEqual([
      [1, 'BASELINE', null],
      [2, 'UPDATE', first],
      [3, 'UPDATE', second],
    ]);
    expect(rows[0]?.snapshot.displayName).toBe(md.displayName);
    expect(rows[1]?.changes.map((c) => [c.path, c.before, c.after])).toEqual([['displayName', md.displayName, 'renamed']]);
    expect(rows[2]?.changes.map((c) => c.path)).toEqual(['modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps']);
    expect(rows[2]?.snapshot.modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps).toBe(20);
    expect(listWorkRequestLogRows(ctx().db, second, 50, 0).map((l) => l.message)).toContain('Recorded as revision 3.');
  });

  it('names who asked and the rollback target, whether that is known before or after the update is applied', async () => {
    const { md, model } = await inactiveDeployment();
    const early = await update(md.id, bandwidth(model.id, 30));
    attributeRevision(ctx().db, { id: early, modelDeploymentId: md.id }, { principalId: 'ocid1.user.oc1..alice', principalName: 'alice' });
    ctx().runner.start();
    await ctx().runner.idle();
    const late = await update(md.id, bandwidth(model.id, 10));
    await ctx().runner.idle();
    attributeRevision(ctx().db, { id: late, modelDeploymentId: md.id }, { principalId: 'ocid1.user.oc1..bob', principalName: 'bob' });
    attributeRevision(ctx().db, { id: late, modelDeploymentId: md.id }, { rollbackOf: 1 });

    const rows = listRevisionRows(ctx().db, md.id);
    expect(rows.map((r) => [r.revision, r.principalName, r.rollbackOf])).toEqual([
      [1, null, null],
      [2, 'alice', null],
      [3, 'bob', 1],
    ]);
    expect(rows[2]?.changes.map((c) => [c.before, c.after])).toEqual([[30, 10]]);
  });

  it('attributes the steps of an update plan to the plan, even a step linked after it was applied', async () => {
    const { md, model } = await inactiveDeployment();
    ctx().runner.start();
    const step = await update(md.id, bandwidth(model.id, 40));
    await ctx().runner.idle();
    attributeRevision(ctx().db, { id: 'plan-1', modelDeploymentId: md.id }, { principalId: 'ocid1.user.oc1..carol', principalName: 'carol', rollbackOf: 1 });
    expect(listRevisionRows(ctx().db, md.id).at(-1)?.principalName).toBeNull();
    // As the plan runner does once the provider has accepted the step.
    updateWorkRequestRow(ctx().db, step, { planId: 'plan-1', planStep: 1 });
    refreshRevisionAttribution(ctx().db, step);
    expect(listRevisionRows(ctx().db, md.id).at(-1)).toMatchObject({ workRequestId: step, principalName: 'carol', rollbackOf: 1 });
  });

  it('records a create as revision 1 once, and nothing for a failed job', async () => {
    const { md, workRequestId } = await createEchoDeployment(ctx());
    const workRequest = getWorkRequestRow(ctx().db, workRequestId)!;
    const jobCtx = { workRequest, payload: {}, resumed: false, log: () => {}, progress: () => {} };
    const record = thenRecordRevision(ctx().db, 'CREATE', async () => ok(undefined), clock);
    await record(jobCtx);
    // A run resumed after a restart does not record it twice.
    await record({ ...jobCtx, resumed: true });
    const failing = thenRecordRevision(ctx().db, 'UPDATE', async () => ({ ok: false, error: { code: 'InternalServerError', message: 'boom' } }), clock);
    await failing({ ...jobCtx, workRequest: { ...workRequest, id: 'ocid1.datascienceworkrequest.oc1.test.other' } });
    const rows = listRevisionRows(ctx().db, md.id);
    expect(rows.map((r) => [r.revision, r.kind, r.workRequestId, r.principalId])).toEqual([[1, 'CREATE', workRequestId, md.createdBy]]);
    expect(rows[0]?.changes).toEqual([]);
  });
});
