// Benchmark of the scaler's cost per evaluation, printed as figures (not a test): one pass over
// 100 ACTIVE autoscaled deployments (2 instances each; a CPU, a memory and a custom
// PredictRequestCount rule; an hour of one-minute points per instance) on a real SQLite file,
// reading the metrics and evaluating, values in the middle band so nothing is queued.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/scaler-bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelDeployments } from '@/db/schema';
import { insertInstanceRow, upsertRoute } from '@/db/queries/serving';
import type { AutoScalingPolicy, MetricExpressionRule } from '@/server/domain/oci-types';
import { loadConfig } from '@/server/config';
import { createScaler } from '@/server/providers/local/deployments/scaler';
import { createAppContext } from '@/server/services/context';
import { upsertPoints, type PointWrite } from '@/db/queries/metric-points';

const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const NOW = Date.UTC(2026, 11, 1, 12);
const threshold = (t: number) => ({ scalingConfigurationType: 'THRESHOLD' as const, threshold: t, pendingDuration: 'PT3M' });
const rules: MetricExpressionRule[] = [
  { metricExpressionRuleType: 'PREDEFINED_EXPRESSION', metricType: 'CPU_UTILIZATION', scaleInConfiguration: threshold(30), scaleOutConfiguration: threshold(70) },
  { metricExpressionRuleType: 'PREDEFINED_EXPRESSION', metricType: 'MEMORY_UTILIZATION', scaleInConfiguration: threshold(40), scaleOutConfiguration: threshold(80) },
  {
    metricExpressionRuleType: 'CUSTOM_EXPRESSION',
    scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.grouping().sum() > 6000', pendingDuration: 'PT3M' },
    scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.grouping().sum() < 60', pendingDuration: 'PT3M' },
  },
];
const policy: AutoScalingPolicy = {
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', rules, minimumInstanceCount: 1, maximumInstanceCount: 10, initialInstanceCount: 2 }],
};

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-scaler-bench-'));
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', BERTH_LOAD_CHECK_S: '0' }), () => new Date(NOW));
try {
  const stamp = new Date(NOW - 3_600_000).toISOString();
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const id = `ocid1.datasciencemodeldeployment.oc1.test.bench${String(d).padStart(5, '0')}`;
    ctx.db
      .insert(modelDeployments)
      .values({
        id,
        compartmentId: ctx.installation.defaultCompartmentId,
        projectId: 'ocid1.datascienceproject.oc1.test.bench',
        modelId: 'ocid1.datasciencemodel.oc1.test.bench',
        displayName: `md-${d}`,
        createdBy: ctx.installation.userId,
        timeCreated: stamp,
        lifecycleState: 'ACTIVE',
        modelDeploymentUrl: `http://127.0.0.1/${id}`,
        modelDeploymentConfigurationDetails: {
          deploymentType: 'SINGLE_MODEL',
          modelConfigurationDetails: { modelId: 'ocid1.datasciencemodel.oc1.test.bench', instanceConfiguration: { instanceShapeName: 'VM.Standard2.1' }, scalingPolicy: policy },
        },
        currentInstanceCount: 2,
      })
      .run();
    upsertRoute(ctx.db, { modelDeploymentId: id, serving: true, generation: 1, bandwidthMbps: 10, predictPath: '/predict', healthPath: '/health', containerType: null, timeUpdated: stamp });
    const points: PointWrite[] = [];
    for (let i = 0; i < 2; i++) {
      insertInstanceRow(ctx.db, { id: `${id}-i${i}`, modelDeploymentId: id, generation: 1, ordinal: i, containerName: `c${d}-${i}`, containerId: null, serverPort: 1, healthPort: 1, status: 'RUNNING', detail: null, timeCreated: stamp, timeUpdated: stamp });
      for (let m = 0; m < 60; m++) {
        const timestamp = NOW - (59 - m) * 60_000;
        const dims = { resourceId: id, instanceId: `${id}-i${i}` };
        const gauge = (name: string, v: number): PointWrite => ({ name, resourceId: id, dimensions: dims, timestamp, count: 1, sum: v, min: v, max: v, histogram: null });
        points.push(gauge('CpuUtilization', 50 + 10 * Math.sin(d + m / 7)), gauge('MemoryUtilization', 60 + 5 * Math.sin(d + m / 5)));
      }
    }
    for (let m = 0; m < 60; m++) points.push({ name: 'PredictRequestCount', resourceId: id, dimensions: { resourceId: id }, timestamp: NOW - (59 - m) * 60_000, count: 1, sum: 600, min: 600, max: 600, histogram: null, mode: 'total' });
    upsertPoints(ctx.db.$client, points);
  }
  const scaler = createScaler(ctx.local, ctx.runner, { error: console.error, info: () => undefined });
  const warm = await scaler.evaluateOnce();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await scaler.evaluateOnce();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time too: on a shared machine the wall time mostly measures the other tenants.
  const cpuMedian = cpu[Math.floor(cpu.length / 2)] ?? NaN;
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  const actions = warm.outcomes.reduce<Record<string, number>>((a, o) => ({ ...a, [o.decision.action]: (a[o.decision.action] ?? 0) + 1 }), {});
  console.log(`scaler: one pass over ${DEPLOYMENTS} deployments x ${rules.length} rules, 2 instances, an hour of one-minute points`);
  console.log(`  median ${median.toFixed(1)} ms (${((median / DEPLOYMENTS) * 1000).toFixed(0)} us per deployment), range ${times[0]?.toFixed(1)}-${times.at(-1)?.toFixed(1)} ms over ${ROUNDS} passes`);
  console.log(`  CPU time: median ${cpuMedian.toFixed(1)} ms (${((cpuMedian / DEPLOYMENTS) * 1000).toFixed(0)} us per deployment)`);
  console.log(`  decisions in a pass: ${JSON.stringify(actions)}`);
} finally {
  ctx.db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
}

void main();
