import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests, type MonitoringClient } from 'oci-monitoring';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { updateWorkRequestRow } from '@/db/queries/work-requests';
import { loadConfig } from '@/server/config';
import { OCI_ALARMS_NOTE } from '@/server/domain/oci-alarm';
import { OCI_CAPABILITIES } from '@/server/providers/oci';
import { openProfile } from '@/server/providers/oci/profiles';
import type { DataScienceProvider } from '@/server/providers/types';
import { createOciAlarmsService } from '@/server/services/alarms/oci-alarms';
import { createAppContext } from '@/server/services/context';
import { upsertPoints } from '@/db/queries/metric-points';
import { monitoringClient, ociError } from '@/tests/support/oci-sdk';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { startOciCloud, type OciCloud } from './oci-cloud';

// OCI Monitoring's alarms on a running console (the production build, the route at /20180401),
// through the official oci-monitoring SDK, and through the OCI provider the console uses on an OCI
// context, with that console as the cloud. Its alarm engine evaluates every second, on metric
// points written into its database as the sampler writes them, so the alarm really fires there.

const PORT = 7210;
const GATEWAY_PORT = 7211;
const MIN = 60_000;

let cloud: OciCloud | undefined;
let oci: DataScienceProvider;
let client: MonitoringClient;
let compartmentId = '';
let mdId = '';

function ok<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

/** The cloud's own database, for what its provider would otherwise need containers for. */
function cloudContext() {
  return createAppContext(loadConfig({ BERTH_DATA_DIR: cloud!.cloud.dataDir, BERTH_REGION: 'it', BERTH_LOAD_CHECK_S: '0' }));
}

/** Memory at 95 % for the last two minutes: over the threshold for the whole pending duration. */
function highMemory() {
  const ctx = cloudContext();
  const now = Date.now();
  const minute = now - (now % MIN);
  upsertPoints(
    ctx.db.$client,
    [minute - MIN, minute].map((timestamp) => ({ name: 'MemoryUtilization', resourceId: mdId, dimensions: { resourceId: mdId, instanceId: `${mdId}-i0` }, timestamp, count: 1, sum: 95, min: 95, max: 95, histogram: null })),
  );
  ctx.db.$client.close();
}

beforeAll(async () => {
  cloud = await startOciCloud({ port: PORT, gatewayPort: GATEWAY_PORT, env: { BERTH_ALARM_INTERVAL_S: '1' } });
  compartmentId = cloud.compartmentId;
  client = monitoringClient(cloud.cloud.url, cloud.tenancyId, cloud.userId, cloud.key);
  const opened = openProfile(cloud.source, 'DEFAULT');
  if (!opened.provider) throw new Error(`The DEFAULT profile cannot be used: ${opened.problem ?? 'no provider'}`);
  oci = opened.provider;
  // An ACTIVE deployment in the cloud's database: the alarms need its row, not its containers.
  const ctx = cloudContext();
  const { md, workRequestId } = await createEchoDeployment({ ...ctx, provider: ctx.system });
  updateWorkRequestRow(ctx.db, workRequestId, { status: 'SUCCEEDED', timeFinished: new Date().toISOString() });
  updateModelDeploymentRow(ctx.db, md.id, { lifecycleState: 'ACTIVE', lifecycleDetails: 'Model Deployment is Active.', currentInstanceCount: 1 });
  ctx.db.$client.close();
  mdId = md.id;
});

afterAll(async () => {
  await cloud?.stop();
});

describe('OCI Monitoring alarms on a running console', () => {
  it('creates, reads, updates with if-match, fires, shows status and history, and deletes through oci-monitoring', async () => {
    const createAlarmDetails = {
      displayName: 'md high memory',
      compartmentId,
      metricCompartmentId: compartmentId,
      namespace: 'oci_datascience_modeldeploy',
      query: `MemoryUtilization[1m]{resourceId = "${mdId}"}.max() > 80`,
      pendingDuration: 'PT1M',
      severity: 'CRITICAL',
      body: 'Memory is high: consider the next shape.',
      destinations: ['ocid1.onstopic.oc1.it.aaaaaaaatopic'],
      isEnabled: true,
    };
    const created = await client.createAlarm({ createAlarmDetails, opcRetryToken: 'create-md-high-memory' });
    const alarm = created.alarm;
    expect(alarm).toMatchObject({ lifecycleState: 'ACTIVE', severity: 'CRITICAL', pendingDuration: 'PT1M', metricCompartmentId: compartmentId, destinations: ['ocid1.onstopic.oc1.it.aaaaaaaatopic'] });
    expect(created.etag).toMatch(/^[0-9a-f]{64}$/);
    expect(created.opcRequestId).toBeTruthy();
    // The same retry token and body: the first answer again, not a second alarm.
    const again = await client.createAlarm({ createAlarmDetails, opcRetryToken: 'create-md-high-memory' });
    expect(again.alarm.id).toBe(alarm.id);

    const got = await client.getAlarm({ alarmId: alarm.id });
    expect([got.alarm.id, got.etag]).toEqual([alarm.id, created.etag]);
    expect((await client.listAlarms({ compartmentId })).items.map((a) => a.id)).toEqual([alarm.id]);

    const updated = await client.updateAlarm({ alarmId: alarm.id, ifMatch: got.etag, updateAlarmDetails: { severity: 'WARNING', repeatNotificationDuration: 'PT1H' } });
    expect(updated.alarm).toMatchObject({ severity: 'WARNING', repeatNotificationDuration: 'PT1H', body: 'Memory is high: consider the next shape.' });
    const stale = await ociError(client.updateAlarm({ alarmId: alarm.id, ifMatch: got.etag, updateAlarmDetails: { severity: 'INFO' } }));
    expect([stale.statusCode, stale.serviceCode]).toEqual([412, 'PreconditionFailed']);
    const bad = await ociError(client.updateAlarm({ alarmId: alarm.id, updateAlarmDetails: { query: `MemoryUtilization[1m]{resourceId = "${mdId}"}.max() >> 80` } }));
    expect([bad.statusCode, bad.serviceCode, bad.message]).toEqual([400, 'InvalidParameter', expect.stringMatching(/^query: Expected a number after the comparison at column \d+/)]);
    const unsigned = await fetch(`${cloud!.cloud.url}/20180401/alarms?compartmentId=${compartmentId}`);
    expect([unsigned.status, ((await unsigned.json()) as { code: string }).code, unsigned.headers.get('opc-request-id')]).toEqual([401, 'NotAuthenticated', expect.any(String)]);

    expect((await client.listAlarmsStatus({ compartmentId, resourceId: mdId })).items).toEqual([expect.objectContaining({ id: alarm.id, status: 'OK' })]);
    highMemory();
    await expect
      .poll(async () => (await client.listAlarmsStatus({ compartmentId, resourceId: mdId })).items[0]?.status, { timeout: 60_000, interval: 500 })
      .toBe('FIRING');
    const history = await client.getAlarmHistory({ alarmId: alarm.id, alarmHistorytype: requests.GetAlarmHistoryRequest.AlarmHistorytype.StateTransitionHistory });
    expect(history.alarmHistoryCollection.entries).toEqual([expect.objectContaining({ summary: 'State transitioned from OK to Firing', alarmSummary: expect.stringContaining('95') })]);

    // The OCI provider, as the deployment's Alarms tab on an OCI context uses it: the same alarm, firing, with its transition.
    const tab = createOciAlarmsService({ provider: oci, alarms: oci.monitoringAlarms! });
    const seen = ok(await tab.list(mdId));
    expect(seen.alarms).toEqual([expect.objectContaining({ id: alarm.id, state: 'FIRING', severity: 'WARNING', pendingSeconds: 60, repeatSeconds: 3600, action: { type: 'NONE' }, destinations: ['ocid1.onstopic.oc1.it.aaaaaaaatopic'] })]);
    expect(seen.history).toEqual([expect.objectContaining({ alarmId: alarm.id, kind: 'OK_TO_FIRING' })]);

    await client.deleteAlarm({ alarmId: alarm.id, ifMatch: (await client.getAlarm({ alarmId: alarm.id })).etag });
    const gone = await ociError(client.getAlarm({ alarmId: alarm.id }));
    expect([gone.statusCode, gone.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
  }, 180_000);

  it('creates, edits, disables and deletes an OCI alarm from the Alarms tab, notify-only', async () => {
    expect([OCI_CAPABILITIES.alarmActions, OCI_CAPABILITIES.scalingDecisions]).toEqual([false, false]);
    const tab = createOciAlarmsService({ provider: oci, alarms: oci.monitoringAlarms! });
    const form = {
      displayName: 'tab alarm',
      query: 'CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() > 70',
      severity: 'ERROR',
      pendingDuration: 'PT5M',
      repeatDuration: '',
      coolDownInSeconds: '300',
      isEnabled: true,
      action: { type: 'NONE' },
      destinations: 'ocid1.onstopic.oc1.it.aaaaaaaaops',
      body: '',
    };
    const refused = await tab.create(mdId, { ...form, action: { type: 'SCALE_INSTANCES', direction: 'UP', count: '1', minInstances: '1', maxInstances: '2' } });
    expect(refused.ok ? null : refused.error.fieldErrors).toEqual({ 'action.type': OCI_ALARMS_NOTE });
    const noTopic = await tab.create(mdId, { ...form, destinations: '' });
    expect(noTopic.ok ? null : noTopic.error.fieldErrors).toEqual({ destinations: 'Name at least one topic for the alarm to notify.' });

    const made = ok(await tab.create(mdId, form));
    const direct = (await client.getAlarm({ alarmId: made.id })).alarm;
    expect(direct).toMatchObject({ query: `CpuUtilization[1m]{resourceId = "${mdId}"}.mean() > 70`, pendingDuration: 'PT5M', severity: 'ERROR', destinations: ['ocid1.onstopic.oc1.it.aaaaaaaaops'], compartmentId });
    expect(ok(await tab.update(made.id, { ...form, displayName: 'tab alarm renamed', body: 'See the runbook.' }))).toMatchObject({ displayName: 'tab alarm renamed', body: 'See the runbook.' });
    expect(ok(await tab.setEnabled(made.id, false)).isEnabled).toBe(false);
    expect(ok(await tab.list(mdId)).alarms.map((a) => [a.displayName, a.isEnabled])).toEqual([['tab alarm renamed', false]]);
    expect(ok(await tab.remove(made.id))).toEqual({ modelDeploymentId: mdId });
    expect(ok(await tab.list(mdId)).alarms).toEqual([]);
  }, 120_000);
});
