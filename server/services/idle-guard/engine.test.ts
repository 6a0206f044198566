import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getIdleGuardRow } from '@/db/queries/idle-guards';
import { getModelDeploymentRow, updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { listScalingEvents } from '@/db/queries/scaling-events';
import { getWorkRequestRow, updateWorkRequestRow } from '@/db/queries/work-requests';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { upsertPoints } from '@/db/queries/metric-points';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { createIdleGuardEngine } from './engine';
import { createIdleGuardService } from './service';

// The idle guard engine on a real SQLite file, PredictRequestCount written as the gateway writes
// it (one point a minute). The runner is not started: the guard's work request stays ACCEPTED,
// which is what "a work request is in progress" is about; the test finishes it by hand.

const MIN = 60_000;
// Tuesday.
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
let nowMs = T0;
let c: TempContext;

beforeEach(() => {
  nowMs = T0;
  c = createTempContext(() => new Date(nowMs));
});
afterEach(() => c.dispose());

async function deployment(state: ModelDeploymentLifecycleState = 'ACTIVE') {
  const { md, workRequestId } = await createEchoDeployment(c);
  updateModelDeploymentRow(c.db, md.id, { lifecycleState: state, lifecycleDetails: 'Model Deployment is Active.', currentInstanceCount: 1 });
  updateWorkRequestRow(c.db, workRequestId, { status: 'SUCCEEDED', timeFinished: new Date(nowMs).toISOString() });
  return md.id;
}

function requests(id: string, minuteStart: number, count: number) {
  upsertPoints(c.db.$client, [{ name: 'PredictRequestCount', resourceId: id, dimensions: { resourceId: id }, timestamp: minuteStart, count: 1, sum: count, min: count, max: count, histogram: null }]);
}

const service = (minMinutes: number | null = null) => createIdleGuardService({ db: c.db, provider: c.provider, principal: c.principal, minMinutes, now: () => new Date(nowMs) });
const engine = () => createIdleGuardEngine({ db: c.db, provider: c.system, runner: c.runner, now: () => new Date(nowMs), logger: { error: () => undefined, info: () => undefined } });
const events = (id: string) => listScalingEvents(c.db, id, 50).reverse();
const finish = (id: string, workRequestId: string, state: ModelDeploymentLifecycleState) => {
  updateWorkRequestRow(c.db, workRequestId, { status: 'SUCCEEDED', timeFinished: new Date(nowMs).toISOString() });
  updateModelDeploymentRow(c.db, id, { lifecycleState: state, currentInstanceCount: state === 'ACTIVE' ? 1 : 0 });
};

describe('the idle guard engine', () => {
  it('deactivates after N idle minutes through a DEACTIVATE work request, records it, and activates at the scheduled time', async () => {
    const id = await deployment();
    const saved = await service().save(id, { isEnabled: true, idleMinutes: '30', scheduleEnabled: true, days: ['TUE'], time: '13:30' });
    expect(saved.ok).toBe(true);
    requests(id, T0 + 5 * MIN, 12);
    nowMs = T0 + 35 * MIN;
    expect(await engine().evaluateOnce()).toMatchObject([{ decision: { kind: 'NONE' }, recorded: false }]);
    expect(events(id)).toEqual([]);

    nowMs = T0 + 36 * MIN + 1000;
    const [off] = await engine().evaluateOnce();
    expect(off).toMatchObject({ decision: { kind: 'DEACTIVATE' }, recorded: true });
    const wr = getWorkRequestRow(c.db, off?.workRequestId ?? '');
    expect(wr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_DEACTIVATE', status: 'ACCEPTED', resourceId: id });
    expect(getModelDeploymentRow(c.db, id)?.lifecycleState).toBe('UPDATING');
    expect(events(id)).toMatchObject([{ action: 'DEACTIVATE', fromCount: 1, toCount: 0, heldBy: null, workRequestId: off?.workRequestId, reason: 'Idle guard: no predict requests for 30 min (last at 12:05 UTC).' }]);

    // Its own deactivation in progress: nothing more to say.
    nowMs += MIN;
    await engine().evaluateOnce();
    expect(events(id)).toHaveLength(1);
    finish(id, off?.workRequestId ?? '', 'INACTIVE');
    const url = getModelDeploymentRow(c.db, id)?.modelDeploymentUrl;

    nowMs = T0 + 89 * MIN;
    expect(await engine().evaluateOnce()).toMatchObject([{ decision: { kind: 'NONE' } }]);
    nowMs = T0 + 90 * MIN + 5000;
    const [on] = await engine().evaluateOnce();
    expect(on).toMatchObject({ decision: { kind: 'ACTIVATE', slot: T0 + 90 * MIN }, recorded: true });
    expect(getWorkRequestRow(c.db, on?.workRequestId ?? '')).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_ACTIVATE', status: 'ACCEPTED' });
    expect(events(id).at(-1)).toMatchObject({ action: 'ACTIVATE', fromCount: 0, toCount: 1, reason: 'Idle guard: scheduled activation (Tue at 13:30 UTC).' });
    expect(getIdleGuardRow(c.db, id)?.handledSlot).toBe(T0 + 90 * MIN);
    finish(id, on?.workRequestId ?? '', 'ACTIVE');
    expect(getModelDeploymentRow(c.db, id)?.modelDeploymentUrl).toBe(url);

    // Freshly activated: idle again only N minutes after the activation, and the same time is not acted on twice.
    nowMs += 10 * MIN;
    expect(await engine().evaluateOnce()).toMatchObject([{ decision: { kind: 'NONE' } }]);
    expect(events(id)).toHaveLength(2);
  });

  it('records a hold once while other work runs, and again only after it cleared', async () => {
    const id = await deployment();
    await service().save(id, { isEnabled: true, idleMinutes: 5 });
    const busy = await c.system.updateModelDeployment(id, { displayName: 'renamed' });
    if (!busy.ok) throw new Error(busy.error.message);
    nowMs += 6 * MIN;
    await engine().evaluateOnce();
    nowMs += MIN;
    await engine().evaluateOnce();
    expect(events(id)).toMatchObject([{ action: 'DEACTIVATE', heldBy: 'BUSY', workRequestId: null }]);
    expect(events(id)[0]?.reason).toMatch(/^Idle guard: deactivation held back: another work request is in progress on the deployment; no predict requests for 6 min/);
    expect(getModelDeploymentRow(c.db, id)?.lifecycleState).toBe('UPDATING');
    finish(id, busy.data.workRequestId, 'ACTIVE');
    // Requests meanwhile: not idle, which clears the hold; the next idle period deactivates.
    requests(id, nowMs - (nowMs % MIN), 3);
    nowMs += MIN;
    await engine().evaluateOnce();
    expect(getIdleGuardRow(c.db, id)?.lastHoldKey).toBeNull();
    nowMs += 6 * MIN;
    const [off] = await engine().evaluateOnce();
    expect(off?.decision.kind).toBe('DEACTIVATE');
    expect(events(id).map((e) => [e.action, e.heldBy])).toEqual([['DEACTIVATE', 'BUSY'], ['DEACTIVATE', null]]);
  });

  it('says once why a state it cannot act in holds it back; leaves a disabled guard and an unsaved deployment alone', async () => {
    const id = await deployment('NEEDS_ATTENTION');
    await service().save(id, { isEnabled: true, idleMinutes: 5 });
    nowMs += 10 * MIN;
    await engine().evaluateOnce();
    await engine().evaluateOnce();
    expect(events(id)).toMatchObject([{ action: 'DEACTIVATE', heldBy: 'STATE' }]);
    expect(events(id)[0]?.reason).toContain('the deployment is NEEDS_ATTENTION, and only an ACTIVE one is deactivated');

    const other = await deployment();
    await service().save(other, { isEnabled: false, idleMinutes: 5 });
    await deployment();
    nowMs += 60 * MIN;
    const outcomes = await engine().evaluateOnce();
    expect(outcomes.map((o) => o.deploymentId)).toEqual([id]);
    expect(getModelDeploymentRow(c.db, other)?.lifecycleState).toBe('ACTIVE');
  });

  it('refuses bad input with the field named and changes nothing; the lowered minimum is the local setting\'s', async () => {
    const id = await deployment();
    const good = await service().save(id, { isEnabled: true, idleMinutes: 30 });
    expect(good.ok && good.data.words[0]).toBe('Deactivates after 30 min without requests; no request recorded. Without requests it deactivates in 30 min.');
    const bad = await service().save(id, { isEnabled: true, idleMinutes: 2, scheduleEnabled: true, days: [], time: '25:00' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.fieldErrors).toEqual({
      idleMinutes: 'Idle minutes must be a whole number from 5 to 10080.',
      time: 'Time must be HH:MM in UTC, for example 08:00.',
      days: 'Choose at least one day for the scheduled activation.',
    });
    expect(getIdleGuardRow(c.db, id)).toMatchObject({ isEnabled: true, idleMinutes: 30, schedule: null });
    const lowered = await service(1).save(id, { isEnabled: true, idleMinutes: 1 });
    expect(lowered.ok && lowered.data).toMatchObject({ lowered: true, minMinutes: 1, settings: { idleMinutes: 1 } });
    expect((await service().get('ocid1.datasciencemodeldeployment.test.local.nope')).ok).toBe(false);
  });

  it('is refused, and saves nothing, in a context whose provider has no idle guard', async () => {
    const id = await deployment();
    const elsewhere = createIdleGuardService({ db: c.db, provider: c.provider, principal: c.principal, minMinutes: null, offered: () => Promise.resolve({ idleGuard: false, label: 'cloud' }) });
    const saved = await elsewhere.save(id, { isEnabled: true, idleMinutes: 30 });
    expect(saved.ok ? null : [saved.error.code, saved.error.message]).toEqual(['NotImplemented', 'The idle guard is not offered in the cloud context.']);
    expect(getIdleGuardRow(c.db, id)).toBeUndefined();
    expect((await elsewhere.get(id)).ok).toBe(false);
    const here = createIdleGuardService({ db: c.db, provider: c.provider, principal: c.principal, minMinutes: null, offered: () => Promise.resolve({ idleGuard: true, label: 'Local' }) });
    expect((await here.save(id, { isEnabled: true, idleMinutes: 30 })).ok).toBe(true);
  });
});
