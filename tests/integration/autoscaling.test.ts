import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { listGroupedMeans, listScalingEvents, type ScalingEventView } from '@/db/queries/scaling-events';
import { getWorkRequestRow } from '@/db/queries/work-requests';
import type { AutoScalingPolicy } from '@/server/domain/oci-types';
import { servingInstances } from '@/server/providers/local/deployments/scale';
import { startDockerStats } from '@/server/providers/local/telemetry/docker-stats';
import { MODEL_DEPLOY_NAMESPACE } from '@/db/queries/metric-points';
import { autoscalingLimits, makeScalingPolicySchema } from '@/server/validation/scaling';
import { buildServerImage, newContainerModel, pythonJsonServer, waitUntil } from './custom-server';
import { docker, postJson, startHarness, type Harness } from './support';

// The scaler end to end: a real model whose predict burns CPU, real containers behind the real
// gateway, CPU sampled by the console's Docker stats sampler into metric_points, and the scaler
// reading them back. Under a bounded load it scales out, every request succeeding while the new
// instance joins; once the load stops and the cooldown has passed it scales back in, draining the
// removed instance under a trickle of requests that must all succeed too.

const MIN_SECONDS = 4;
const STATS_INTERVAL_S = 2;
const SCALER_INTERVAL_S = 1;
const PENDING_MS = MIN_SECONDS * 1000;

// Burns `burn` seconds of CPU per request; says which container answered. Saturated or not it
// answers /health at once, since every request has its own thread: so what is measured is the
// scaler, not a health check starved by a busy model server on a loaded machine.
const SERVER_PY = pythonJsonServer(
  `
  end = time.thread_time() + float(data.get("burn", 0))
  k = 0
  while time.thread_time() < end:
      k += 1
  self._send(200 if self.path == "/predict" else 404, {"host": socket.gethostname(), "n": k})
`,
  ['socket', 'time'],
);

let h: Harness;
let stopStats: (() => void) | undefined;
let image: string;

beforeAll(async () => {
  h = await startHarness({
    // Each instance gets a quarter CPU, which its busy predict fills even on a host busy with other
    // work (a whole CPU it could not, and the CPU rule would never be crossed).
    BERTH_HOST_CPUS: '0.25',
    BERTH_AUTOSCALING_MIN_SECONDS: String(MIN_SECONDS),
    BERTH_AUTOSCALING_INTERVAL_S: String(SCALER_INTERVAL_S),
    BERTH_INSTANCE_STATS_INTERVAL_S: String(STATS_INTERVAL_S),
  });
  image = await buildServerImage('cpu-burner', SERVER_PY);
}, 900_000);

const container = () => ({ environmentConfigurationType: 'OCIR_CONTAINER' as const, image, serverPort: 8080, healthCheckPort: 8080 });
const shape = { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } };

afterAll(async () => {
  h?.ctx.scaler.stop();
  stopStats?.();
  await h?.dispose();
}, 120_000);

interface Load {
  statuses: number[];
  hosts: Set<string>;
  done: Promise<void>;
  stop(): void;
}

/** `concurrency` clients in a closed loop until stopped or `max` requests have been sent, all to 127.0.0.1. */
function load(url: string, body: unknown, concurrency: number, max: number, pauseMs = 0): Load {
  const statuses: number[] = [];
  const hosts = new Set<string>();
  let stopped = false;
  let sent = 0;
  const client = async () => {
    while (!stopped && sent < max) {
      sent++;
      // A request that fails outright (a reset connection) is a failed request, status 0, never an
      // error thrown out of the loop after the test has moved on.
      const res = await postJson(url, body).catch(() => ({ status: 0, json: null }));
      statuses.push(res.status);
      const host = (res.json as { host?: string } | null)?.host;
      if (host) hosts.add(host);
      // A trickle, not a load: the scale-in must see the CPU fall.
      if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, client)).then(() => undefined);
  return { statuses, hosts, done, stop: () => (stopped = true) };
}

const policy = (): AutoScalingPolicy => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 10,
  isEnabled: true,
  autoScalingPolicies: [
    {
      autoScalingPolicyType: 'THRESHOLD',
      minimumInstanceCount: 1,
      maximumInstanceCount: 2,
      initialInstanceCount: 1,
      rules: [
        {
          metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
          metricType: 'CPU_UTILIZATION',
          // Low enough that a busy shared host, which slows the burning workers, still crosses it.
          scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 25, pendingDuration: `PT${MIN_SECONDS}S` },
          scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 10, pendingDuration: `PT${MIN_SECONDS}S` },
        },
      ],
    },
  ],
});

describe('autoscaling on live CPU', () => {
  it('scales out under load with no failed request, and back in once the load stops and the cooldown passes', async () => {
    const c = h.ctx;
    // The policy is one the console accepts with the shortened minimums (and OCI's API would not).
    const scalingPolicy = makeScalingPolicySchema({ limits: autoscalingLimits(c.config.autoscalingMinSeconds) }).parse(policy()) as AutoScalingPolicy;
    expect(makeScalingPolicySchema().safeParse(policy()).success).toBe(false);

    const { compartmentId, projectId, modelId } = await newContainerModel(h, 'autoscaling');
    const created = await c.provider.createModelDeployment({
      compartmentId,
      projectId,
      displayName: 'autoscaled',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId, instanceConfiguration: shape, scalingPolicy, bandwidthMbps: 10 },
        environmentConfigurationDetails: container(),
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.resource.id;
    await c.runner.idle();
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 1 });

    stopStats = startDockerStats(docker, c.db.$client, c.installation.tenancyId, c.config.instanceStatsIntervalMs);
    c.scaler.start(c.config.autoscalingIntervalMs);
    const url = `${created.data.resource.modelDeploymentUrl}/predict`;
    const events = () => listScalingEvents(c.db, id, 100);
    const decided = (action: string) => events().find((e) => e.action === action && e.workRequestId);
    const finished = (e: ScalingEventView | undefined) => {
      const wr = e?.workRequestId ? getWorkRequestRow(c.db, e.workRequestId) : undefined;
      return wr && wr.status !== 'ACCEPTED' && wr.status !== 'IN_PROGRESS' ? wr : undefined;
    };

    // Four clients, each request burning 50 ms of CPU: the instance's one CPU stays busy.
    const heavy = load(url, { burn: 0.05 }, 4, 800);
    const loadStarted = Date.now();
    // On a timeout, say what the scaler had to go on: the CPU means it read.
    const cpuSeen = () =>
      `CPU means: ${listGroupedMeans(c.db, { resourceId: id, name: 'CpuUtilization', namespace: MODEL_DEPLOY_NAMESPACE, since: loadStarted - 10_000, until: Date.now() })
        .map((p) => p.value.toFixed(0))
        .join(' ')}; ${heavy.statuses.length} requests sent`;
    const out = await waitUntil('the scale out', () => decided('SCALE_OUT'), 90_000, cpuSeen);
    const outWr = await waitUntil('the scale out to finish', () => finished(out), 90_000);
    const outAt = Date.now();
    expect(outWr.status).toBe('SUCCEEDED');
    // Some load on the new instance too before it stops.
    const served = heavy.statuses.length;
    await waitUntil('requests on two instances', () => heavy.hosts.size === 2 || heavy.statuses.length >= served + 200, 60_000);
    heavy.stop();
    await heavy.done;

    expect(out).toMatchObject({ fromCount: 1, toCount: 2 });
    expect(out.reason).toMatch(/^Scale out 1 -> 2: rule 1 \(CPU_UTILIZATION >= 25/);
    // Decided at the first evaluation after the breach covered the pending duration: the breach
    // it saw is no longer than that plus a sampling step (the sampler's points are 2 s apart).
    const seen = out.observations.find((o) => o.direction === 'SCALE_OUT');
    expect(seen?.met).toBe(true);
    expect(seen?.breachingForMs).toBeGreaterThanOrEqual(PENDING_MS);
    expect(seen?.breachingForMs).toBeLessThanOrEqual(PENDING_MS + 2 * STATS_INTERVAL_S * 1000);
    expect(heavy.statuses.length).toBeGreaterThan(0);
    expect(heavy.statuses.filter((s) => s !== 200)).toEqual([]);
    expect(heavy.hosts.size).toBe(2);
    expect(getModelDeploymentRow(c.db, id)?.currentInstanceCount).toBe(2);
    const md = await c.provider.getModelDeployment(id);
    expect(md.ok && md.data.modelDeploymentSystemData?.currentInstanceCount).toBe(2);
    // The load goes on at the maximum: any decision meanwhile was held by the bounds, not carried out.
    expect(events().filter((e) => e.workRequestId && e.id !== out.id && e.action === 'SCALE_OUT')).toEqual([]);

    // The load stops; a trickle keeps coming while the scaler scales in and the instance drains.
    const trickle = load(url, { burn: 0 }, 1, 400, 400);
    const inEvent = await waitUntil('the scale in', () => decided('SCALE_IN'), 90_000, cpuSeen);
    const inWr = await waitUntil('the scale in to finish', () => finished(inEvent), 90_000);
    trickle.stop();
    await trickle.done;
    expect(inWr.status).toBe('SUCCEEDED');
    expect(inEvent).toMatchObject({ fromCount: 2, toCount: 1 });
    expect(inEvent.reason).toMatch(/^Scale in 2 -> 1: rule 1 \(CPU_UTILIZATION < 10/);
    // Not before the cooldown that began when the scale out ended.
    expect(Date.parse(inEvent.time) - Date.parse(outWr.timeFinished ?? '')).toBeGreaterThanOrEqual(10_000);
    expect(trickle.statuses.length).toBeGreaterThan(0);
    expect(trickle.statuses.filter((s) => s !== 200)).toEqual([]);
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 1 });
    expect(servingInstances(c.local, id)).toHaveLength(1);
    const containers = await docker.listContainers({ filters: { label: [`berth.deployment=${id}`] } });
    expect(containers).toHaveLength(1);

    console.info(
      `autoscaling: scale out decided ${Date.parse(out.time) - loadStarted} ms after the load began, serving after ${outAt - loadStarted} ms; ` +
        `${heavy.statuses.length} + ${trickle.statuses.length} requests, 0 failed; scale in decided ${Date.parse(inEvent.time) - Date.parse(outWr.timeFinished ?? '')} ms after the scale out ended`,
    );
  });

  it('scales a fixed-size deployment in place when only its instance count changes, the first instance serving throughout', async () => {
    const c = h.ctx;
    const { compartmentId, projectId, modelId } = await newContainerModel(h, 'manual scale');
    const modelConfigurationDetails = (instanceCount: number) => ({
      modelId,
      instanceConfiguration: shape,
      scalingPolicy: { policyType: 'FIXED_SIZE' as const, instanceCount },
      bandwidthMbps: 10,
    });
    const created = await c.provider.createModelDeployment({
      compartmentId,
      projectId,
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: modelConfigurationDetails(1), environmentConfigurationDetails: container() },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.resource.id;
    await c.runner.idle();
    const [first] = servingInstances(c.local, id);
    const trickle = load(`${created.data.resource.modelDeploymentUrl}/predict`, { burn: 0 }, 2, 1000, 20);

    for (const count of [2, 1]) {
      const updated = await c.provider.updateModelDeployment(id, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: modelConfigurationDetails(count) } });
      if (!updated.ok) throw new Error(updated.error.message);
      await c.runner.idle();
      const serving = servingInstances(c.local, id);
      expect(serving).toHaveLength(count);
      // In place: the same generation, the instance that served before still serving.
      expect(serving.map((i) => i.id)).toContain(first?.id);
      expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: count });
      expect(getWorkRequestRow(c.db, updated.data.workRequestId)?.status).toBe('SUCCEEDED');
    }
    trickle.stop();
    await trickle.done;
    expect(trickle.statuses.length).toBeGreaterThan(0);
    expect(trickle.statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('leaves an autoscaled count to the scaler when only the policy changes: it corrects one below the new minimum at once, saying so', async () => {
    const c = h.ctx;
    const { compartmentId, projectId, modelId } = await newContainerModel(h, 'new bounds');
    const withBounds = (min: number, max: number): AutoScalingPolicy => {
      const p = policy();
      const [details] = p.autoScalingPolicies;
      if (!details) throw new Error('no policy details');
      return { ...p, autoScalingPolicies: [{ ...details, minimumInstanceCount: min, initialInstanceCount: min, maximumInstanceCount: max }] };
    };
    const modelConfigurationDetails = (scalingPolicy: AutoScalingPolicy) => ({ modelId, instanceConfiguration: shape, scalingPolicy, bandwidthMbps: 10 });
    const created = await c.provider.createModelDeployment({
      compartmentId,
      projectId,
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: modelConfigurationDetails(withBounds(1, 2)), environmentConfigurationDetails: container() },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.resource.id;
    await c.runner.idle();
    const [first] = servingInstances(c.local, id);

    const updated = await c.provider.updateModelDeployment(id, {
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: modelConfigurationDetails(withBounds(2, 3)) },
    });
    if (!updated.ok) throw new Error(updated.error.message);
    const decision = await waitUntil('the correction', () => listScalingEvents(c.db, id, 10).find((e) => e.action === 'SCALE_OUT'), 60_000);
    expect(getWorkRequestRow(c.db, updated.data.workRequestId)?.status).toBe('SUCCEEDED');
    expect(decision).toMatchObject({ fromCount: 1, toCount: 2, reason: '1 instance(s) is below the minimum of 2.' });
    await waitUntil('the correction to finish', () => getWorkRequestRow(c.db, decision.workRequestId ?? '')?.status === 'SUCCEEDED', 60_000);
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 2 });
    // In place both times: the first instance never stopped serving.
    expect(servingInstances(c.local, id).map((i) => i.id)).toContain(first?.id);
  });
});
