import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '@/db/queries/audit';
import type { AuditOutcome } from '@/server/domain/audit';
import { auditSearchParamsSchema } from '@/server/validation/audit-params';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { adminPrincipal, asPrincipal, memberOf, userWithoutGroups } from '@/tests/support/principals';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { auditLogPage, resourceHistory } from './audit-log';

// The audit log's pages on a real SQLite file: who may read it, order, paging and filters.

const { ctx } = tempContextPerTest();

const event = (i: number, over: Partial<{ principalId: string | null; principalName: string; action: string; resourceId: string; outcome: AuditOutcome }> = {}) =>
  appendAuditEvent(ctx().db, {
    time: new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString(),
    principalId: 'ocid1.user.oc1..alice',
    principalName: 'alice',
    action: 'UpdateModel',
    resourceId: 'ocid1.datasciencemodel.oc1.test.m1',
    outcome: 'SUCCEEDED',
    ...over,
  });

const params = (raw: Record<string, string>) => auditSearchParamsSchema.parse(raw);

describe('the audit log page', () => {
  it('is for ops only: anyone else is answered as if it did not exist', () => {
    event(0);
    expect(auditLogPage(ctx(), adminPrincipal(ctx()), params({}))).toMatchObject({ ok: true, data: { total: 1 } });
    expect(auditLogPage(ctx(), memberOf(ctx(), 'olga', 'Ops'), params({}))).toMatchObject({ ok: true });
    for (const p of [memberOf(ctx(), 'vera', 'Viewers'), memberOf(ctx(), 'dana', 'DataScientists'), userWithoutGroups(ctx(), 'nobody')]) {
      expect(auditLogPage(ctx(), p, params({}))).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    }
  });

  it('lists newest first, 50 a page, with the total', () => {
    for (let i = 0; i < 120; i++) event(i, { action: `Action${String(i).padStart(3, '0')}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? '') });
    const admin = adminPrincipal(ctx());
    const first = auditLogPage(ctx(), admin, params({}));
    const third = auditLogPage(ctx(), admin, params({ page: '3' }));
    if (!first.ok || !third.ok) throw new Error('refused');
    expect(first.data).toMatchObject({ total: 120, page: 1, pageSize: 50 });
    expect(first.data.rows).toHaveLength(50);
    expect(first.data.rows[0]?.time).toBe('2026-06-01T00:01:59.000Z');
    expect(first.data.rows.map((r) => r.time)).toEqual([...first.data.rows.map((r) => r.time)].sort().reverse());
    expect(third.data.rows).toHaveLength(20);
    expect(third.data.rows.at(-1)?.time).toBe('2026-06-01T00:00:00.000Z');
    expect(first.data.actions).toHaveLength(120);
  });

  it('filters by principal (OCID or name), action, resource, outcome and time range', () => {
    event(1);
    event(2, { principalId: 'ocid1.user.oc1..bob', principalName: 'bob', action: 'DeleteModel' });
    event(3, { principalId: null, principalName: 'mallory', action: 'SignInFailed', outcome: 'FAILED', resourceId: '' });
    event(4, { action: 'RevealSecret', resourceId: 'ocid1.datasciencemodeldeployment.oc1.test.d1', outcome: 'DENIED' });
    const admin = adminPrincipal(ctx());
    const times = (raw: Record<string, string>) => {
      const r = auditLogPage(ctx(), admin, params(raw));
      if (!r.ok) throw new Error('refused');
      return r.data.rows.map((e) => Number(e.time.slice(17, 19)));
    };
    expect(times({})).toEqual([4, 3, 2, 1]);
    expect(times({ principal: 'ocid1.user.oc1..bob' })).toEqual([2]);
    expect(times({ principal: 'mallory' })).toEqual([3]);
    expect(times({ action: 'RevealSecret' })).toEqual([4]);
    expect(times({ resourceId: 'ocid1.datasciencemodel.oc1.test.m1' })).toEqual([2, 1]);
    expect(times({ outcome: 'FAILED' })).toEqual([3]);
    // The form's datetime-local value is read as UTC; from is inclusive, to exclusive.
    expect(times({ from: '2026-06-01T00:00:02', to: '2026-06-01T00:00:04' })).toEqual([3, 2]);
    expect(times({ from: '2026-06-01T02:00:02+02:00' })).toEqual([4, 3, 2]);
    expect(times({ principal: 'alice', outcome: 'SUCCEEDED' })).toEqual([1]);
    // A value that does not parse is dropped, as on the list pages.
    expect(times({ outcome: 'MAYBE', from: 'yesterday', page: '-1' })).toEqual([4, 3, 2, 1]);
  });
});

describe('a resource’s history', () => {
  it('lists the deployment’s and the model’s own events for whoever may read them, and hides them from anyone else', async () => {
    const admin = asPrincipal(ctx(), adminPrincipal(ctx()));
    const { md, model } = await createEchoDeployment(admin);
    const renamed = await admin.provider.updateModel(model.id, { displayName: 'renamed' });
    expect(renamed.ok).toBe(true);

    const deploymentEvents = await resourceHistory(admin, 'deployment', md.id);
    expect(deploymentEvents).toMatchObject({ ok: true, data: [{ action: 'CreateModelDeployment', outcome: 'SUCCEEDED', principalName: 'admin', resourceId: md.id }] });
    const modelEvents = await resourceHistory(admin, 'model', model.id);
    expect(modelEvents.ok && modelEvents.data.map((e) => e.action)).toEqual(['UpdateModel', 'CreateModelArtifact', 'CreateModel']);

    const viewer = asPrincipal(ctx(), memberOf(ctx(), 'vera', 'Viewers'));
    expect((await resourceHistory(viewer, 'model', model.id)).ok).toBe(true);
    const stranger = asPrincipal(ctx(), userWithoutGroups(ctx(), 'nobody'));
    expect(await resourceHistory(stranger, 'deployment', md.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(await resourceHistory(stranger, 'model', model.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});
