import { beforeEach, describe, expect, it } from 'vitest';
import { listRevisionRows } from '@/db/queries/deployment-revisions';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { updateWorkRequestRow } from '@/db/queries/work-requests';
import type { AppContext } from '@/server/services/context';
import { authzContextPerTest } from '@/tests/support/authz-context';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { checkRollbackTarget, deploymentForRollback, listRevisions, markRollback } from './revisions';

// Revisions through the authorizing provider on a real SQLite file: the principal who asked is
// recorded (the OCI-compatible API and the console's actions both go through it), and only who may
// read the deployment sees its revisions or rolls back to one.

const authz = authzContextPerTest();
let ctx: AppContext;
beforeEach(() => {
  ctx = authz.ctx();
});

async function inactiveDeployment() {
  // Seeded unchecked; the create's work request is closed so no container starts.
  const created = await createEchoDeployment({ ...ctx, provider: ctx.system });
  updateWorkRequestRow(ctx.db, created.workRequestId, { status: 'SUCCEEDED', percentComplete: 100 });
  updateModelDeploymentRow(ctx.db, created.md.id, { lifecycleState: 'INACTIVE' });
  return created;
}

describe('revisions as a principal', () => {
  it('records who updated, lists them for a reader, and marks a rollback', async () => {
    const { md } = await inactiveDeployment();
    ctx.runner.start();
    authz.as(authz.users().ds);
    const first = await ctx.provider.updateModelDeployment(md.id, { description: 'by dana' });
    if (!first.ok) throw new Error(first.error.message);
    await ctx.runner.idle();
    expect(await checkRollbackTarget(ctx, md.id, 7)).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: 'Revision 7 of this deployment does not exist.' } });
    const target = await deploymentForRollback(ctx, md.id, 1);
    if (!target.ok) throw new Error(target.error.message);
    expect(target.data.deployment.description).toBeUndefined();
    const back = await ctx.provider.updateModelDeployment(md.id, { description: '' });
    if (!back.ok) throw new Error(back.error.message);
    markRollback(ctx, { id: back.data.workRequestId, modelDeploymentId: md.id }, 1);
    await ctx.runner.idle();

    authz.as(authz.users().viewer);
    const listed = await listRevisions(ctx, md.id);
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data.map((r) => [r.revision, r.principalName, r.summary, r.current])).toEqual([
      [1, null, 'Configuration before revisions were recorded', false],
      [2, 'dana', 'Changed description', false],
      [3, 'dana', 'Rollback to revision 1: description', true],
    ]);
    expect(listed.data[0]?.yaml).toContain('kind: deployment');
    expect(listed.data[1]?.yaml).toContain('description: by dana');
  });

  it('answers not found to whoever may not read the deployment', async () => {
    const { md } = await inactiveDeployment();
    updateModelDeploymentRow(ctx.db, md.id, { compartmentId: authz.other() });
    authz.as(authz.users().ds);
    expect(await listRevisions(ctx, md.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await checkRollbackTarget(ctx, md.id, 1)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(listRevisionRows(ctx.db, md.id)).toEqual([]);
  });
});
