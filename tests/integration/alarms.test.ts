import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAlarmRow, listAlarmHistory } from '@/db/queries/alarms';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { getWorkRequestRow } from '@/db/queries/work-requests';
import { servingInstances } from '@/server/providers/local/deployments/scale';
import { createAlarmsService } from '@/server/services/alarms/alarms';
import { startDockerStats } from '@/server/providers/local/telemetry/docker-stats';
import { buildServerImage, newContainerModel, pythonJsonServer, waitUntil } from './custom-server';
import { docker, postJson, startHarness, type Harness } from './support';

// Seed 004's vertical scaling end to end: a real model server, its memory sampled by the console's
// Docker stats sampler into metric_points, an alarm on MemoryUtilization whose threshold an idle
// server crosses, evaluated by the alarm engine with the shortened minimums; it fires and moves the
// shape one step up the ladder through the update code (a blue/green rollout), the deployment
// serving throughout and ACTIVE at the end, on the new shape.

const MIN_SECONDS = 4;
const GATEWAY_PORT = 6911;

// Answers every predict with {"ok": true}.
const SERVER_PY = pythonJsonServer('self._send(200 if self.path == "/predict" else 404, {"ok": True})');

let h: Harness;
let stopStats: (() => void) | undefined;
let image: string;

beforeAll(async () => {
  h = await startHarness({
    BERTH_GATEWAY_PORT: String(GATEWAY_PORT),
    BERTH_AUTOSCALING_MIN_SECONDS: String(MIN_SECONDS),
    BERTH_ALARM_INTERVAL_S: '1',
    BERTH_INSTANCE_STATS_INTERVAL_S: '2',
  });
  image = await buildServerImage('alarm-server', SERVER_PY);
}, 900_000);

afterAll(async () => {
  h?.ctx.alarms.stop();
  stopStats?.();
  await h?.dispose();
}, 120_000);

const E4 = 'VM.Standard.E4.Flex';

describe('a memory alarm', () => {
  it('fires on an idle model server and moves the shape one step up the ladder, the deployment serving throughout', async () => {
    const c = h.ctx;
    const { compartmentId, projectId, modelId } = await newContainerModel(h, 'alarms');
    const created = await c.provider.createModelDeployment({
      compartmentId,
      projectId,
      displayName: 'vertical',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId,
          instanceConfiguration: { instanceShapeName: E4, modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
        environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image, serverPort: 8080, healthCheckPort: 8080 },
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.resource.id;
    await c.runner.idle();
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 1 });
    const [before] = servingInstances(c.local, id);

    const service = createAlarmsService({ db: c.db, provider: c.provider, principal: c.principal, region: c.config.region, minSeconds: c.config.autoscalingMinSeconds });
    const input = {
      displayName: 'model_deployment_high_mem',
      // An idle Python server holds some megabytes: well above 0.01 % of any shape's memory.
      query: 'MemoryUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() > 0.01',
      severity: 'WARNING',
      pendingDuration: `PT${MIN_SECONDS}S`,
      isEnabled: true,
      coolDownInSeconds: MIN_SECONDS,
      action: { type: 'CHANGE_SHAPE', direction: 'UP', ladder: `${E4} 1 6\n${E4} 1 12\n${E4} 2 24` },
    };
    // The shortened minimum is the local setting's: OCI's one-minute minimum refuses it, naming the field.
    const strict = await createAlarmsService({ db: c.db, provider: c.provider, principal: c.principal, region: c.config.region, minSeconds: null }).create(id, input);
    expect(strict.ok).toBe(false);
    expect(!strict.ok && strict.error.fieldErrors).toMatchObject({ pendingDuration: expect.stringContaining('PT1M'), coolDownInSeconds: expect.stringContaining('300') });
    const alarm = await service.create(id, input);
    if (!alarm.ok) throw new Error(alarm.error.message);

    stopStats = startDockerStats(docker, c.db.$client, c.installation.tenancyId, c.config.instanceStatsIntervalMs);
    // A trickle of predictions across the whole change: none may fail.
    const statuses: number[] = [];
    let stopped = false;
    const url = `${created.data.resource.modelDeploymentUrl}/predict`;
    const trickle = (async () => {
      while (!stopped) {
        statuses.push((await postJson(url, { x: 1 })).status);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = Date.now();
    c.alarms.start(c.config.alarmIntervalMs);

    const history = () => listAlarmHistory(c.db, id, 50);
    const seen = () => `alarm: ${JSON.stringify(getAlarmRow(c.db, alarm.data.id))}; history: ${JSON.stringify(history())}`;
    let action: ReturnType<typeof history>[number];
    let wr: NonNullable<ReturnType<typeof getWorkRequestRow>>;
    try {
      action = await waitUntil('the alarm action', () => history().find((e) => e.kind === 'ACTION'), 120_000, seen);
      const workRequestId = action.workRequestId ?? '';
      wr = await waitUntil('the shape change', () => {
        const w = getWorkRequestRow(c.db, workRequestId);
        return w && w.status !== 'ACCEPTED' && w.status !== 'IN_PROGRESS' ? w : undefined;
      }, 180_000);
      // A little serving on the new shape before the trickle stops.
      const served = statuses.length;
      await waitUntil('requests on the new shape', () => statuses.length >= served + 10, 30_000);
    } finally {
      // Stopped on a failure too: it would go on posting to a disposed harness.
      stopped = true;
      await trickle;
    }

    expect(wr.status).toBe('SUCCEEDED');
    expect(wr.operationType).toBe('MODEL_DEPLOYMENT_UPDATE');
    const fired = history().find((e) => e.kind === 'OK_TO_FIRING');
    expect(fired?.value).toBeGreaterThan(0.01);
    expect(Date.parse(fired?.time ?? '') - started).toBeGreaterThanOrEqual(MIN_SECONDS * 1000);
    expect(action.summary).toBe(`Shape up: ${E4} 1 OCPU / 6 GB -> ${E4} 1 OCPU / 12 GB.`);
    const row = getModelDeploymentRow(c.db, id);
    expect(row).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 1 });
    expect(row?.modelDeploymentConfigurationDetails.modelConfigurationDetails.instanceConfiguration).toEqual({ instanceShapeName: E4, modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 12 } });
    // Blue/green: a new instance serves, the old one is gone.
    const after = servingInstances(c.local, id);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before?.id);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Still firing without a repeat interval: one step, not a climb up the whole ladder.
    expect(getAlarmRow(c.db, alarm.data.id)?.state).toBe('FIRING');
    expect(history().filter((e) => e.kind === 'ACTION')).toHaveLength(1);
    console.info(`alarms: fired ${Date.parse(fired?.time ?? '') - started} ms after the engine started; shape change took ${Date.parse(wr.timeFinished ?? '') - Date.parse(action.time)} ms; ${statuses.length} requests, 0 failed`);
  });
});
