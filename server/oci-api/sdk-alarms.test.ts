import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests, type MonitoringClient } from 'oci-monitoring';
import { getAlarmRow } from '@/db/queries/alarms';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { createAlarmEngine } from '@/server/services/alarms/engine';
import { createAlarmsService } from '@/server/services/alarms/alarms';
import type { AppContext } from '@/server/services/context';
import { upsertPoints } from '@/db/queries/metric-points';
import { createSdkTestContext, type SdkTestContext } from '@/tests/support/sdk-context';
import { addApiKey, monitoringClient, ociError, serveFetch } from '@/tests/support/oci-sdk';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { createMonitoringApi } from './monitoring';

// OCI Monitoring's alarm operations through the official oci-monitoring SDK over real HTTP and a
// real SQLite file: what the mapping refuses by name, paging and sorting, the history types, and an
// alarm made in the console read back through the API. The same flow against a running console is
// tests/integration/oci-alarms.test.ts.

const PORT = 7201;
const TIMEOUT = 30_000;
const MIN = 60_000;

let ctx: AppContext;
let temp: SdkTestContext | undefined;
let server: { url: string; close(): Promise<void> };
let client: MonitoringClient;
let compartmentId: string;
let mdId: string;

const details = (o: Record<string, unknown> = {}) => ({
  displayName: 'high cpu',
  compartmentId,
  metricCompartmentId: compartmentId,
  namespace: 'oci_datascience_modeldeploy',
  query: `CpuUtilization[1m]{resourceId = "${mdId}"}.mean() > 80`,
  severity: 'CRITICAL',
  destinations: ['ocid1.onstopic.oc1.test.aaaatopic'],
  isEnabled: true,
  ...o,
});

beforeAll(async () => {
  temp = createSdkTestContext('alarms');
  ctx = temp.ctx;
  compartmentId = ctx.installation.defaultCompartmentId;
  const { md } = await createEchoDeployment({ ...ctx, provider: ctx.system });
  mdId = md.id;
  updateModelDeploymentRow(ctx.db, mdId, { lifecycleState: 'ACTIVE', currentInstanceCount: 1 });
  server = await serveFetch(createMonitoringApi({ db: ctx.db, provider: ctx.provider, tenancyId: ctx.installation.tenancyId, region: 'test' }), PORT);
  client = monitoringClient(server.url, ctx.installation.tenancyId, ctx.installation.userId, addApiKey(ctx.db, ctx.installation.userId));
}, TIMEOUT);

afterAll(async () => {
  await server?.close();
  temp?.dispose();
});

describe('alarms through oci-monitoring', () => {
  it('refuses what Berth cannot represent, naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ namespace: 'oci_computeagent' }, /^namespace: must be oci_datascience_modeldeploy/],
      [{ query: 'CpuUtilization[1m].mean() > 80' }, /^query: The query must name one model deployment/],
      [{ query: `CpuUtilization[1m]{resourceId = "${mdId}"}.mean() >` }, /^query: Expected a number after the comparison at column \d+/],
      [{ query: `Nope[1m]{resourceId = "${mdId}"}.mean() > 1` }, /^query: Unknown metric "Nope"/],
      [{ pendingDuration: 'PT2H' }, /^pendingDuration: must be an ISO-8601 duration from PT1M to PT1H/],
      [{ repeatNotificationDuration: 'P2D' }, /^repeatNotificationDuration: .*PT24H/],
      [{ suppression: { timeSuppressFrom: new Date(), timeSuppressUntil: new Date() } }, /^suppression: Berth does not suppress alarms/],
      [{ metricCompartmentId: ctx.installation.tenancyId }, /^metricCompartmentId: the deployment the query names is in compartment/],
      [{ messageFormat: 'PRETTY_JSON' }, /^messageFormat: Berth offers RAW only/],
      [{ freeformTags: { team: 'a' } }, /^freeformTags: Berth's alarms carry no tags/],
      [{ destinations: ['not-an-ocid'] }, /^destinations\.0: each destination must be an OCID/],
    ];
    for (const [change, message] of cases) {
      const e = await ociError(client.createAlarm({ createAlarmDetails: details(change) }));
      expect([e.statusCode, e.serviceCode, e.message], JSON.stringify(change)).toEqual([400, 'InvalidParameter', expect.stringMatching(message)]);
    }
    expect((await client.listAlarms({ compartmentId })).items).toEqual([]);
    const elsewhere = await ociError(client.createAlarm({ createAlarmDetails: details({ query: 'CpuUtilization[1m]{resourceId = "ocid1.datasciencemodeldeployment.oc1.test.aaaanothere"}.mean() > 1' }) }));
    expect([elsewhere.statusCode, elsewhere.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
  }, TIMEOUT);

  it('creates, pages, sorts and filters; a console alarm reads back with its OCID in the query and no action', async () => {
    const a = (await client.createAlarm({ createAlarmDetails: details({ displayName: 'b alarm', severity: 'INFO', body: 'Look at the runbook.' }) })).alarm;
    expect(a).toMatchObject({ lifecycleState: 'ACTIVE', pendingDuration: 'PT1M', resolution: '1m', body: 'Look at the runbook.', destinations: ['ocid1.onstopic.oc1.test.aaaatopic'], metricCompartmentId: compartmentId, ruleName: 'BASE' });
    expect(getAlarmRow(ctx.db, a.id)).toMatchObject({ action: { type: 'NONE' }, coolDownSeconds: 300, modelDeploymentId: mdId });
    const local = await createAlarmsService({ db: ctx.db, provider: ctx.system, principal: async () => null, region: 'test', minSeconds: null }).create(mdId, {
      displayName: 'a console alarm',
      query: 'MemoryUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() > 80',
      severity: 'WARNING',
      pendingDuration: 'PT2M',
      isEnabled: true,
      coolDownInSeconds: 300,
      action: { type: 'SCALE_INSTANCES', direction: 'UP', count: 1, minInstances: 1, maxInstances: 3 },
    });
    if (!local.ok) throw new Error(local.error.message);
    const got = (await client.getAlarm({ alarmId: local.data.id })).alarm;
    expect(got).toMatchObject({ query: `MemoryUtilization[1m]{resourceId = "${mdId}"}.max() > 80`, pendingDuration: 'PT2M', destinations: [], compartmentId });
    expect(Object.keys(got)).not.toContain('action');

    const bySeverity = await client.listAlarms({ compartmentId, sortBy: requests.ListAlarmsRequest.SortBy.Severity, sortOrder: requests.ListAlarmsRequest.SortOrder.Asc, limit: 1 });
    expect(bySeverity.items.map((x) => x.displayName)).toEqual(['a console alarm']);
    const next = await client.listAlarms({ compartmentId, sortBy: requests.ListAlarmsRequest.SortBy.Severity, sortOrder: requests.ListAlarmsRequest.SortOrder.Asc, limit: 1, page: bySeverity.opcNextPage });
    expect([next.items.map((x) => x.displayName), next.opcNextPage]).toEqual([['b alarm'], undefined]);
    expect((await client.listAlarms({ compartmentId, displayName: 'b alarm' })).items.map((x) => x.id)).toEqual([a.id]);
    expect((await client.listAlarms({ compartmentId, lifecycleState: 'DELETED' })).items).toEqual([]);
    expect((await client.listAlarms({ compartmentId: ctx.installation.tenancyId })).items).toEqual([]);
    expect((await client.listAlarms({ compartmentId: ctx.installation.tenancyId, compartmentIdInSubtree: true })).items).toHaveLength(2);

    // An update through OCI keeps the console's action: OCI's API does not show it, so it cannot drop it.
    const { etag } = await client.getAlarm({ alarmId: local.data.id });
    await client.updateAlarm({ alarmId: local.data.id, ifMatch: etag, updateAlarmDetails: { severity: 'CRITICAL' } });
    expect(getAlarmRow(ctx.db, local.data.id)).toMatchObject({ severity: 'CRITICAL', action: { type: 'SCALE_INSTANCES', count: 1 } });
    const moved = await ociError(client.updateAlarm({ alarmId: a.id, updateAlarmDetails: { query: 'CpuUtilization[1m]{resourceId = "ocid1.datasciencemodeldeployment.oc1.test.aaaaother"}.mean() > 1' } }));
    expect([moved.statusCode, moved.message]).toEqual([400, expect.stringMatching(/^query: an alarm stays on the deployment it was made for/)]);
    await client.deleteAlarm({ alarmId: a.id });
    await client.deleteAlarm({ alarmId: local.data.id });
  }, TIMEOUT);

  it('shows the status and the history once the engine fires it, by history type', async () => {
    const a = (await client.createAlarm({ createAlarmDetails: details({ query: `MemoryUtilization[1m]{resourceId = "${mdId}"}.max() > 80` }) })).alarm;
    const now = Date.now();
    const minute = now - (now % MIN);
    upsertPoints(
      ctx.db.$client,
      [minute - MIN, minute].map((timestamp) => ({ name: 'MemoryUtilization', resourceId: mdId, dimensions: { resourceId: mdId, instanceId: `${mdId}-i0` }, timestamp, count: 1, sum: 95, min: 95, max: 95, histogram: null })),
    );
    const engine = createAlarmEngine({ db: ctx.db, provider: ctx.system, runner: ctx.runner, now: () => new Date(), logger: { error: () => undefined, info: () => undefined } });
    await engine.evaluateOnce();
    const status = (await client.listAlarmsStatus({ compartmentId, resourceId: mdId })).items;
    expect(status).toEqual([expect.objectContaining({ id: a.id, status: 'FIRING', severity: 'CRITICAL', ruleName: 'BASE', alarmSummary: expect.stringContaining('95') })]);
    expect((await client.listAlarmsStatus({ compartmentId, status: requests.ListAlarmsStatusRequest.Status.Ok })).items).toEqual([]);
    const history = (await client.getAlarmHistory({ alarmId: a.id, alarmHistorytype: requests.GetAlarmHistoryRequest.AlarmHistorytype.StateTransitionHistory })).alarmHistoryCollection;
    expect(history).toMatchObject({ alarmId: a.id, isEnabled: true, entries: [{ summary: 'State transitioned from OK to Firing', timestampTriggered: expect.stringMatching(/^\d{4}-/) }] });
    const e = await ociError(client.getAlarmHistory({ alarmId: a.id, limit: 0 }));
    expect([e.statusCode, e.message]).toEqual([400, 'limit: limit must be 1 to 1000.']);
    const unoffered = await ociError(client.listAlarmSuppressions({ alarmId: a.id }));
    expect([unoffered.statusCode, unoffered.serviceCode, unoffered.message]).toEqual([501, 'NotImplemented', 'The operation listAlarmSuppressions is not offered by the local provider.']);
  }, TIMEOUT);
});
