import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAlarmRow, listAlarmHistory } from '@/db/queries/alarms';
import { getModelDeploymentRow, updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { getWorkRequestRow, updateWorkRequestRow } from '@/db/queries/work-requests';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { upsertPoints } from '@/db/queries/metric-points';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { createAlarmsService } from './alarms';
import { createAlarmEngine } from './engine';

// The alarm engine on a real SQLite file, the metric points written as the sampler writes them
// (one per instance and minute). The runner is not started: an action's update work request stays
// ACCEPTED, which is what "a work request is in progress" is about; the test finishes it by hand.

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const E4 = 'VM.Standard.E4.Flex';
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

/** One MemoryUtilization point a minute, ending at the current minute, which then has 10 s gone. */
function memory(id: string, ...perMinute: number[]) {
  const last = nowMs - (nowMs % MIN);
  nowMs = last + 10_000;
  upsertPoints(
    c.db.$client,
    perMinute.map((v, k) => ({
      name: 'MemoryUtilization',
      resourceId: id,
      dimensions: { resourceId: id, instanceId: `${id}-i0` },
      timestamp: last - (perMinute.length - 1 - k) * MIN,
      count: 1,
      sum: v,
      min: v,
      max: v,
      histogram: null,
    })),
  );
}

const service = () => createAlarmsService({ db: c.db, provider: c.provider, principal: c.principal, region: c.config.region, minSeconds: null, now: () => new Date(nowMs) });
const engine = () => createAlarmEngine({ db: c.db, provider: c.system, runner: c.runner, now: () => new Date(nowMs), logger: { error: () => undefined, info: () => undefined } });

async function highMemAlarm(id: string, o: { repeat?: string } = {}) {
  const r = await service().create(id, {
    displayName: 'model_deployment_high_mem',
    query: 'MemoryUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() > 80',
    severity: 'INFO',
    pendingDuration: 'PT1M',
    ...(o.repeat ? { repeatDuration: o.repeat } : {}),
    isEnabled: true,
    coolDownInSeconds: 300,
    action: { type: 'CHANGE_SHAPE', direction: 'UP', ladder: [{ instanceShapeName: E4, ocpus: 1, memoryInGBs: 6 }, { instanceShapeName: E4, ocpus: 2, memoryInGBs: 32 }, { instanceShapeName: E4, ocpus: 4, memoryInGBs: 64 }] },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.data.id;
}

const kinds = (id: string) => listAlarmHistory(c.db, id, 50).map((e) => e.kind).reverse();
const finish = (id: string, workRequestId: string) => {
  updateWorkRequestRow(c.db, workRequestId, { status: 'SUCCEEDED', timeFinished: new Date(nowMs).toISOString() });
  updateModelDeploymentRow(c.db, id, { lifecycleState: 'ACTIVE' });
};

describe('the alarm engine', () => {
  it('fires once the breach spans the pending duration and moves the shape one step up through an update work request', async () => {
    const id = await deployment();
    const alarmId = await highMemAlarm(id);
    nowMs += 10 * MIN;
    memory(id, 50, 85);
    await engine().evaluateOnce();
    expect(getAlarmRow(c.db, alarmId)).toMatchObject({ state: 'OK', lastSummary: 'Pending: 85 > 80 for 0s of 1m.' });

    nowMs += MIN;
    memory(id, 50, 85, 90);
    const [outcome] = await engine().evaluateOnce();
    expect(outcome?.evaluation).toMatchObject({ state: 'FIRING', transition: 'OK_TO_FIRING', latest: 90 });
    const wr = getWorkRequestRow(c.db, outcome?.workRequestId ?? '');
    expect(wr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_UPDATE', status: 'ACCEPTED', resourceId: id });
    const merged = (wr?.payload.merged ?? {}) as { modelDeploymentConfigurationDetails?: { modelConfigurationDetails?: { instanceConfiguration?: unknown } } };
    expect(merged.modelDeploymentConfigurationDetails?.modelConfigurationDetails?.instanceConfiguration).toEqual({ instanceShapeName: E4, modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 32 } });
    expect(getModelDeploymentRow(c.db, id)?.lifecycleState).toBe('UPDATING');
    const history = listAlarmHistory(c.db, id, 10);
    expect(history.map((e) => e.kind)).toEqual(['ACTION', 'OK_TO_FIRING']);
    expect(history[0]).toMatchObject({ value: 90, workRequestId: wr?.id, summary: `Shape up: ${E4} 1 OCPU / 6 GB -> ${E4} 2 OCPU / 32 GB.` });
    expect(getAlarmRow(c.db, alarmId)).toMatchObject({ state: 'FIRING', lastValue: 90 });
  });

  it('goes back to OK with the value seen, and acts again only after the cooldown', async () => {
    const id = await deployment();
    const alarmId = await highMemAlarm(id);
    nowMs += 10 * MIN;
    memory(id, 90, 90);
    const [first] = await engine().evaluateOnce();
    nowMs += MIN;
    finish(id, first?.workRequestId ?? '');
    memory(id, 90, 90, 40);
    await engine().evaluateOnce();
    expect(getAlarmRow(c.db, alarmId)).toMatchObject({ state: 'OK', lastValue: 40 });

    // Fires again 2 minutes after the action ended: the 300 s cooldown holds it.
    nowMs += 2 * MIN;
    memory(id, 40, 95, 95);
    await engine().evaluateOnce();
    const refused = listAlarmHistory(c.db, id, 1)[0];
    expect(refused).toMatchObject({ kind: 'ACTION_REFUSED', workRequestId: null, summary: 'Not carried out: the cooldown after the last alarm action has 3m left.' });
    expect(kinds(id)).toEqual(['OK_TO_FIRING', 'ACTION', 'FIRING_TO_OK', 'OK_TO_FIRING', 'ACTION_REFUSED']);
  });

  it('repeats while it fires and acts at each repeat, up the ladder to its top, where it refuses and says so', async () => {
    const id = await deployment();
    await highMemAlarm(id, { repeat: 'PT5M' });
    nowMs += 10 * MIN;
    memory(id, 90, 90);
    const [first] = await engine().evaluateOnce();
    nowMs += MIN;
    finish(id, first?.workRequestId ?? '');
    // The update itself would have written the new shape; the test plays its part.
    const row = getModelDeploymentRow(c.db, id);
    const config = row?.modelDeploymentConfigurationDetails;
    if (!config) throw new Error('no row');
    const onShape = (ocpus: number, memoryInGBs: number) =>
      updateModelDeploymentRow(c.db, id, { modelDeploymentConfigurationDetails: { ...config, modelConfigurationDetails: { ...config.modelConfigurationDetails, instanceConfiguration: { instanceShapeName: E4, modelDeploymentInstanceShapeConfigDetails: { ocpus, memoryInGBs } } } } });
    onShape(2, 32);
    memory(id, 90, 90, 90);
    await engine().evaluateOnce();
    expect(kinds(id)).toEqual(['OK_TO_FIRING', 'ACTION']);

    nowMs += 5 * MIN;
    memory(id, 90, 90, 90, 90, 90, 90, 90, 90);
    const [repeat] = await engine().evaluateOnce();
    expect(repeat?.evaluation?.transition).toBe('REPEAT');
    expect(listAlarmHistory(c.db, id, 1)[0]).toMatchObject({ kind: 'ACTION', summary: `Shape up: ${E4} 2 OCPU / 32 GB -> ${E4} 4 OCPU / 64 GB.` });
    nowMs += MIN;
    finish(id, repeat?.workRequestId ?? '');
    onShape(4, 64);

    nowMs += 5 * MIN;
    memory(id, ...Array.from({ length: 14 }, () => 90));
    await engine().evaluateOnce();
    expect(listAlarmHistory(c.db, id, 1)[0]).toMatchObject({ kind: 'ACTION_REFUSED', summary: `Not carried out: ${E4} 4 OCPU / 64 GB is the largest shape on the ladder.` });
  });

  it('refuses while a work request is in progress or the deployment is not ACTIVE, recording why', async () => {
    const id = await deployment();
    await highMemAlarm(id);
    const busy = await c.system.updateModelDeployment(id, { displayName: 'renamed' });
    if (!busy.ok) throw new Error(busy.error.message);
    // ACTIVE (an idle-looking row) but with its rename still queued: the queue is what counts.
    updateModelDeploymentRow(c.db, id, { lifecycleState: 'ACTIVE' });
    nowMs += 10 * MIN;
    memory(id, 90, 90);
    await engine().evaluateOnce();
    expect(listAlarmHistory(c.db, id, 1)[0]).toMatchObject({ kind: 'ACTION_REFUSED', summary: 'Not carried out: a work request is in progress on the deployment.' });
    expect(getWorkRequestRow(c.db, busy.data.workRequestId)?.status).toBe('ACCEPTED');

    const other = await deployment('NEEDS_ATTENTION');
    await highMemAlarm(other);
    memory(other, 90, 90);
    await engine().evaluateOnce();
    expect(listAlarmHistory(c.db, other, 1)[0]).toMatchObject({ kind: 'ACTION_REFUSED', summary: 'Not carried out: the deployment is NEEDS_ATTENTION, and only an ACTIVE one is changed.' });
    expect(getModelDeploymentRow(c.db, other)?.lifecycleState).toBe('NEEDS_ATTENTION');
  });

  it('leaves an INACTIVE deployment\'s alarms and a disabled alarm alone; disabling a firing alarm ends its firing', async () => {
    const id = await deployment();
    const alarmId = await highMemAlarm(id);
    nowMs += 10 * MIN;
    memory(id, 90, 90);
    await engine().evaluateOnce();
    expect(getAlarmRow(c.db, alarmId)?.state).toBe('FIRING');
    const off = await service().setEnabled(alarmId, false);
    expect(off.ok && off.data).toMatchObject({ isEnabled: false, state: 'OK' });
    expect(listAlarmHistory(c.db, id, 1)[0]).toMatchObject({ kind: 'FIRING_TO_OK', summary: 'Disabled: the alarm is no longer evaluated.' });
    expect(await engine().evaluateOnce()).toEqual([]);

    // Firing when its deployment stops serving: it rests at OK, saying why.
    await service().setEnabled(alarmId, true);
    memory(id, 90, 90, 90);
    await engine().evaluateOnce();
    expect(getAlarmRow(c.db, alarmId)?.state).toBe('FIRING');
    updateModelDeploymentRow(c.db, id, { lifecycleState: 'INACTIVE' });
    expect(await engine().evaluateOnce()).toEqual([]);
    expect(listAlarmHistory(c.db, id, 1)[0]).toMatchObject({ kind: 'FIRING_TO_OK', summary: 'The deployment is INACTIVE: the alarm rests until it serves again.' });
    expect(getAlarmRow(c.db, alarmId)?.state).toBe('OK');

    const asleep = await deployment('INACTIVE');
    await highMemAlarm(asleep);
    memory(asleep, 90, 90);
    expect(await engine().evaluateOnce()).toEqual([]);
  });
});
