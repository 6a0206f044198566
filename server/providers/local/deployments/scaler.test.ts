import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getModelDeploymentRow, updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { listScalingEvents } from '@/db/queries/scaling-events';
import { insertInstanceRow, upsertRoute } from '@/db/queries/serving';
import { getWorkRequestRow, listWorkRequestRows, listWorkRequestRowsByStatus, updateWorkRequestRow } from '@/db/queries/work-requests';
import type { AutoScalingPolicy, ModelDeploymentLifecycleState, ScalingPolicy } from '@/server/domain/oci-types';
import { upsertPoints } from '@/db/queries/metric-points';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { createScaler } from './scaler';

// The scaler's decision loop on a real SQLite file, with the metric points written as the sampler
// writes them. No Docker: the runner is not started, so the scaling work requests it queues stay
// ACCEPTED, which is what "one at a time" is about.

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
let nowMs = T0;
let c: TempContext;

beforeEach(() => {
  nowMs = T0;
  c = createTempContext(() => new Date(nowMs));
});
afterEach(() => c.dispose());

const policy = (o: { min?: number; max?: number; coolDown?: number; enabled?: boolean } = {}): AutoScalingPolicy => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: o.coolDown ?? 300,
  isEnabled: o.enabled ?? true,
  autoScalingPolicies: [
    {
      autoScalingPolicyType: 'THRESHOLD',
      minimumInstanceCount: o.min ?? 1,
      maximumInstanceCount: o.max ?? 3,
      initialInstanceCount: o.min ?? 1,
      rules: [
        {
          metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
          metricType: 'CPU_UTILIZATION',
          scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 70, pendingDuration: 'PT3M' },
          scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 20, pendingDuration: 'PT3M' },
        },
      ],
    },
  ],
});

/** An ACTIVE deployment serving `instances` RUNNING instances of generation 1, its create finished. */
async function deployment(scalingPolicy: ScalingPolicy, instances = 1, state: ModelDeploymentLifecycleState = 'ACTIVE') {
  const { md, workRequestId } = await createEchoDeployment(c);
  const row = getModelDeploymentRow(c.db, md.id);
  if (!row) throw new Error('no row');
  const config = row.modelDeploymentConfigurationDetails;
  updateModelDeploymentRow(c.db, md.id, {
    lifecycleState: state,
    lifecycleDetails: 'Model Deployment is Active.',
    currentInstanceCount: instances,
    modelDeploymentConfigurationDetails: { ...config, modelConfigurationDetails: { ...config.modelConfigurationDetails, scalingPolicy } },
  });
  updateWorkRequestRow(c.db, workRequestId, { status: 'SUCCEEDED', timeFinished: new Date(nowMs).toISOString() });
  upsertRoute(c.db, { modelDeploymentId: md.id, serving: true, generation: 1, bandwidthMbps: 10, predictPath: '/predict', healthPath: '/health', containerType: null, timeUpdated: new Date(nowMs).toISOString() });
  for (let i = 0; i < instances; i++) {
    const time = new Date(nowMs).toISOString();
    insertInstanceRow(c.db, { id: `${md.id}-i${i}`, modelDeploymentId: md.id, generation: 1, ordinal: i, containerName: `c${i}`, containerId: `x${i}`, serverPort: 40000 + i, healthPort: 40000 + i, status: 'RUNNING', detail: null, timeCreated: time, timeUpdated: time });
  }
  return md.id;
}

/** One CpuUtilization point per instance and minute, ending at the current minute. */
function cpu(id: string, instances: number, ...perMinute: number[]) {
  const last = nowMs - (nowMs % MIN);
  upsertPoints(
    c.db.$client,
    perMinute.flatMap((v, k) =>
      Array.from({ length: instances }, (_, i) => ({
        name: 'CpuUtilization',
        resourceId: id,
        dimensions: { resourceId: id, instanceId: `${id}-i${i}` },
        timestamp: last - (perMinute.length - 1 - k) * MIN,
        count: 1,
        sum: v,
        min: v,
        max: v,
        histogram: null,
      })),
    ),
  );
}

const scaler = () => createScaler(c.local, c.runner, { error: () => undefined, info: () => undefined });
const scalingRequests = (id: string) => listWorkRequestRows(c.db, { resourceId: id, operationType: 'MODEL_DEPLOYMENT_UPDATE', limit: 50, offset: 0 });

describe('the scaler', () => {
  it('turns a sustained breach into one scaling work request and records it with what it saw', async () => {
    const id = await deployment(policy());
    nowMs += 10 * MIN;
    cpu(id, 1, 85, 90, 92, 95);
    nowMs += 10_000;
    const report = await scaler().evaluateOnce();

    const outcome = report.outcomes.find((o) => o.deploymentId === id);
    expect(outcome?.decision).toMatchObject({ action: 'SCALE_OUT', targetCount: 2 });
    const wr = getWorkRequestRow(c.db, outcome?.workRequestId ?? '');
    expect(wr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_UPDATE', status: 'ACCEPTED', resourceId: id });
    expect(wr?.payload).toMatchObject({ fromState: 'ACTIVE', scale: { targetCount: 2, fromDetails: 'Model Deployment is Active.' } });
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'UPDATING', lifecycleDetails: expect.stringMatching(/^Autoscaling: Scale out 1 -> 2/) });

    const [event, ...rest] = listScalingEvents(c.db, id, 10);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ action: 'SCALE_OUT', fromCount: 1, toCount: 2, heldBy: null, workRequestId: wr?.id, workRequestStatus: 'ACCEPTED' });
    expect(event?.reason).toMatch(/CPU_UTILIZATION >= 70, now 95\) held for 3m/);
    expect(event?.observations.find((o) => o.direction === 'SCALE_OUT')).toMatchObject({ latest: 95, met: true, breachingForMs: 3 * MIN });
  });

  it('starts no second scaling while one is queued, nor while other work is, and records nothing then', async () => {
    const id = await deployment(policy());
    nowMs += 10 * MIN;
    cpu(id, 1, 90, 90, 90, 90);
    const s = scaler();
    const first = await s.evaluateOnce();
    expect(first.outcomes[0]?.workRequestId).toBeDefined();
    // The deployment is UPDATING and its work is queued: a second pass leaves it alone...
    nowMs += 30_000;
    expect((await s.evaluateOnce()).outcomes).toEqual([]);
    // ...and so it does when the state says ACTIVE again but the work request has not run yet.
    updateModelDeploymentRow(c.db, id, { lifecycleState: 'ACTIVE' });
    expect((await s.evaluateOnce()).outcomes).toEqual([]);
    expect(scalingRequests(id)).toHaveLength(1);
    expect(listScalingEvents(c.db, id, 10)).toHaveLength(1);

    // Two passes at once share one evaluation: they cannot both queue a scaling.
    const other = await deployment(policy());
    cpu(other, 1, 90, 90, 90, 90);
    const [a, b] = await Promise.all([s.evaluateOnce(), s.evaluateOnce()]);
    expect(a).toBe(b);
    expect(scalingRequests(other)).toHaveLength(1);
    expect(listWorkRequestRowsByStatus(c.db, ['ACCEPTED']).filter((w) => w.resourceId === other)).toHaveLength(1);
  });

  it('holds a scale out during the cooldown after the last scaling ended, and records why', async () => {
    const id = await deployment(policy({ coolDown: 300 }));
    nowMs += 10 * MIN;
    cpu(id, 1, 90, 90, 90, 90);
    const s = scaler();
    const first = await s.evaluateOnce();
    const wrId = first.outcomes[0]?.workRequestId ?? '';
    // The scaling ran: two instances serve, and it ended a minute ago.
    updateWorkRequestRow(c.db, wrId, { status: 'SUCCEEDED', timeFinished: new Date(nowMs + 20_000).toISOString() });
    updateModelDeploymentRow(c.db, id, { lifecycleState: 'ACTIVE', currentInstanceCount: 2 });
    const time = new Date(nowMs).toISOString();
    insertInstanceRow(c.db, { id: `${id}-i1`, modelDeploymentId: id, generation: 1, ordinal: 1, containerName: 'c1', containerId: 'x1', serverPort: 40001, healthPort: 40001, status: 'RUNNING', detail: null, timeCreated: time, timeUpdated: time });
    nowMs += 80_000;
    cpu(id, 2, 90, 90, 90, 90);

    const held = await s.evaluateOnce();
    expect(held.outcomes[0]?.decision).toMatchObject({ action: 'NONE', heldBy: 'COOLDOWN', targetCount: 2 });
    expect(held.outcomes[0]?.workRequestId).toBeUndefined();
    expect(scalingRequests(id)).toHaveLength(1);
    expect(getModelDeploymentRow(c.db, id)?.lifecycleState).toBe('ACTIVE');
    const [latest] = listScalingEvents(c.db, id, 10);
    expect(latest).toMatchObject({ action: 'NONE', heldBy: 'COOLDOWN', fromCount: 2, toCount: 2, workRequestId: null });
    expect(latest?.reason).toMatch(/the cooldown has 4m left/);

    // Once the cooldown has passed the same load scales out again.
    nowMs += 5 * MIN;
    cpu(id, 2, 90, 90, 90, 90);
    const again = await s.evaluateOnce();
    expect(again.outcomes[0]?.decision).toMatchObject({ action: 'SCALE_OUT', targetCount: 3 });
    expect(scalingRequests(id)).toHaveLength(2);
  });

  it('holds at the bounds: no scale out at the maximum, no scale in at the minimum, each recorded', async () => {
    const atMax = await deployment(policy({ min: 1, max: 2 }), 2);
    const atMin = await deployment(policy({ min: 1, max: 2 }), 1);
    nowMs += 10 * MIN;
    cpu(atMax, 2, 95, 95, 95, 95);
    cpu(atMin, 1, 3, 3, 3, 3);
    const report = await scaler().evaluateOnce();
    expect(report.outcomes.map((o) => [o.deploymentId, o.decision.action, o.decision.heldBy, o.workRequestId])).toEqual(expect.arrayContaining([
      [atMax, 'NONE', 'BOUNDS', undefined],
      [atMin, 'NONE', 'BOUNDS', undefined],
    ]));
    expect(report.outcomes).toHaveLength(2);
    expect(listScalingEvents(c.db, atMax, 10)[0]?.reason).toMatch(/Scale out wanted: .* but 2 is the maximum/);
    expect(listScalingEvents(c.db, atMin, 10)[0]?.reason).toMatch(/Scale in wanted: .* but 1 is the minimum/);
    expect([...scalingRequests(atMax), ...scalingRequests(atMin)]).toEqual([]);
  });

  it('skips deployments that are not ACTIVE, whose policy is disabled or fixed, and records nothing for a pending breach', async () => {
    const inactive = await deployment(policy(), 1, 'INACTIVE');
    const attention = await deployment(policy(), 1, 'NEEDS_ATTENTION');
    const disabled = await deployment(policy({ enabled: false }));
    const fixed = await deployment({ policyType: 'FIXED_SIZE', instanceCount: 1 });
    const pending = await deployment(policy());
    nowMs += 10 * MIN;
    for (const id of [inactive, attention, disabled, fixed]) cpu(id, 1, 99, 99, 99, 99);
    cpu(pending, 1, 20, 30, 90);

    const report = await scaler().evaluateOnce();
    expect(report.outcomes.map((o) => o.deploymentId)).toEqual([pending]);
    expect(report.outcomes[0]?.decision).toMatchObject({ action: 'NONE', heldBy: 'PENDING' });
    for (const id of [inactive, attention, disabled, fixed, pending]) {
      expect(listScalingEvents(c.db, id, 10)).toEqual([]);
      expect(scalingRequests(id)).toEqual([]);
    }
    expect(getModelDeploymentRow(c.db, inactive)?.lifecycleState).toBe('INACTIVE');
    expect(getModelDeploymentRow(c.db, attention)?.lifecycleState).toBe('NEEDS_ATTENTION');
  });

  it('runs a custom rule by its query: without grouping() any instance breaching counts, as for a Monitoring alarm', async () => {
    const custom = (scaleOut: string, scaleIn: string): AutoScalingPolicy => ({
      ...policy(),
      autoScalingPolicies: [
        {
          autoScalingPolicyType: 'THRESHOLD',
          minimumInstanceCount: 1,
          maximumInstanceCount: 3,
          initialInstanceCount: 1,
          rules: [
            {
              metricExpressionRuleType: 'CUSTOM_EXPRESSION',
              scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: scaleOut, pendingDuration: 'PT3M' },
              scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: scaleIn, pendingDuration: 'PT3M' },
            },
          ],
        },
      ],
    });
    const q = (fn: string, op: string, v: number) => `CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.${fn} ${op} ${v}`;
    const perInstance = await deployment(custom(q('max()', '>', 70), q('max()', '<', 20)), 2);
    const grouped = await deployment(custom(q('grouping().mean()', '>', 70), q('grouping().mean()', '<', 20)), 2);
    nowMs += 10 * MIN;
    for (const id of [perInstance, grouped]) {
      // One hot instance and one idle: the mean over both is 52.5.
      const last = nowMs - (nowMs % MIN);
      upsertPoints(
        c.db.$client,
        [0, 1, 2, 3].flatMap((k) =>
          [95, 10].map((v, i) => ({ name: 'CpuUtilization', resourceId: id, dimensions: { resourceId: id, instanceId: `${id}-i${i}` }, timestamp: last - (3 - k) * MIN, count: 1, sum: v, min: v, max: v, histogram: null })),
        ),
      );
    }
    nowMs += 10_000;
    const report = await scaler().evaluateOnce();
    const decisionOf = (id: string) => report.outcomes.find((o) => o.deploymentId === id)?.decision;
    expect(decisionOf(perInstance)).toMatchObject({ action: 'SCALE_OUT', targetCount: 3 });
    expect(decisionOf(perInstance)?.reason).toContain('.max() > 70, now 95)');
    expect(decisionOf(grouped)).toMatchObject({ action: 'NONE', reason: 'All metrics are within their thresholds.' });
  });
});
