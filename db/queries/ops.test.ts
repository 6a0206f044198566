import { describe, expect, it } from 'vitest';
import { modelDeployments } from '@/db/schema/model-deployments';
import { metricPoints } from '@/db/schema/telemetry';
import { RESERVING_STATES, reservationOf } from '@/server/domain/host-reservation';
import { getOpsDashboard } from '@/server/services/ops-dashboard';
import { seedDeployments } from '@/scripts/bench/scale-seed';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { configurationGroups, countLiveDeployments, deploymentNames, pageLiveDeployments, trafficTotals } from './ops';

// The operations page's SQL aggregates against the per-row computation they replaced, on a small
// seeded set in a real SQLite file.

const { ctx } = tempContextPerTest();
const HOST = { cpus: 64, memoryBytes: 256 * 2 ** 30, nvidiaRuntime: false };
const NOW = new Date(Date.UTC(2026, 5, 1, 12, 0, 30));
const WINDOW_MS = 5 * 60_000;

function seed(n = 95) {
  const c = ctx();
  const seeded = seedDeployments(c.db, { compartmentId: c.installation.defaultCompartmentId, createdBy: c.installation.userId, deployments: n, projects: 4, now: NOW });
  // Configurations the seeder does not make: autoscaling, no scaling policy, a shape that is not valid.
  const base = c.db.select().from(modelDeployments).limit(1).get();
  if (!base) throw new Error('nothing seeded');
  const mc = base.modelDeploymentConfigurationDetails.modelConfigurationDetails;
  const extra = [
    { scalingPolicy: { policyType: 'AUTOSCALING' as const, autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD' as const, initialInstanceCount: 3, minimumInstanceCount: 1, maximumInstanceCount: 5, rules: [] }] } },
    { scalingPolicy: undefined },
    { instanceConfiguration: { instanceShapeName: 'VM.NoSuchShape' } },
  ];
  extra.forEach((patch, i) => {
    const { scalingPolicy: _drop, ...rest } = mc;
    const details = { ...rest, ...('instanceConfiguration' in patch ? { instanceConfiguration: patch.instanceConfiguration, scalingPolicy: mc.scalingPolicy } : {}), ...(patch.scalingPolicy ? { scalingPolicy: patch.scalingPolicy } : {}) };
    c.db.insert(modelDeployments).values({ ...base, id: `${base.id}x${i}`, lifecycleState: 'CREATING', currentInstanceCount: null, modelDeploymentConfigurationDetails: { ...base.modelDeploymentConfigurationDetails, modelConfigurationDetails: details } }).run();
  });
  return seeded;
}

const allRows = () => ctx().db.select().from(modelDeployments).all();

describe('operations aggregates', () => {
  it('counts the reservation per configuration group as the per-row sum did', () => {
    seed();
    const before = reservationOf(
      allRows().map((d) => ({ lifecycleState: d.lifecycleState, modelConfigurationDetails: d.modelDeploymentConfigurationDetails.modelConfigurationDetails, currentInstanceCount: d.currentInstanceCount })),
      HOST,
    );
    const groups = configurationGroups(ctx().db, RESERVING_STATES);
    expect(groups.length).toBeLessThan(allRows().length);
    const after = reservationOf(
      groups.map((g) => ({
        lifecycleState: g.lifecycleState,
        modelConfigurationDetails: { modelId: '', instanceConfiguration: JSON.parse(g.instanceConfiguration ?? 'null'), ...(g.scalingPolicy ? { scalingPolicy: JSON.parse(g.scalingPolicy) } : {}) },
        currentInstanceCount: g.currentInstanceCount,
        count: g.deployments,
      })),
      HOST,
    );
    expect(before.deployments).toBeGreaterThan(40);
    expect(after.deployments).toBe(before.deployments);
    expect(after.instances).toBe(before.instances);
    expect(after.memoryBytes).toBe(before.memoryBytes);
    expect(after.cpus).toBeCloseTo(before.cpus, 9);
  });

  it('sums the five-minute traffic per deployment as the per-point loop did', () => {
    const { ids } = seed();
    const since = NOW.getTime() - WINDOW_MS;
    // An old point outside the window, which neither side may count.
    const first = ids[0] ?? '';
    ctx().db.insert(metricPoints).values({ namespace: 'n', name: 'PredictRequestCount', resourceId: first, dimensions: {}, timestamp: since - 60_000, count: 1, sum: 999, min: 0, max: 0 }).run();
    const before = new Map<string, { requests: number; responses: number; failures: number }>();
    for (const p of ctx().db.select().from(metricPoints).all()) {
      if (p.timestamp < since || !ids.includes(p.resourceId)) continue;
      const t = before.get(p.resourceId) ?? { requests: 0, responses: 0, failures: 0 };
      if (p.name === 'PredictRequestCount') t.requests += p.sum;
      else if (p.name === 'PredictResponse') {
        t.responses += p.count;
        if (p.dimensions.result === 'Failure') t.failures += p.count;
      }
      before.set(p.resourceId, t);
    }
    const after = new Map(trafficTotals(ctx().db, ids, since).map(({ resourceId, ...t }) => [resourceId, t]));
    expect(before.size).toBe(ids.length);
    expect(after).toEqual(before);
    expect(after.get(first)?.failures).toBe(5);
  });

  it('pages the deployments that are not DELETED, each exactly once, newest first, with project names', () => {
    seed();
    const live = allRows()
      .filter((d) => d.lifecycleState !== 'DELETED')
      .sort((a, b) => (a.timeCreated === b.timeCreated ? (a.id < b.id ? 1 : -1) : a.timeCreated < b.timeCreated ? 1 : -1));
    expect(countLiveDeployments(ctx().db)).toBe(live.length);
    const seen: string[] = [];
    for (let offset = 0; offset < live.length + 10; offset += 10) seen.push(...pageLiveDeployments(ctx().db, 10, offset).map((r) => r.id));
    expect(seen).toEqual(live.map((d) => d.id));
    expect(pageLiveDeployments(ctx().db, 1, 0)[0]?.projectName).toMatch(/^project-\d$/);
  });

  it('names only deployments that are not DELETED, and takes more ids than SQLite takes parameters', () => {
    const { ids } = seed(20);
    const many = [...ids, ...Array.from({ length: 33_000 }, (_, i) => `ocid1.datasciencemodeldeployment.oc1.test.none${i}`)];
    const names = deploymentNames(ctx().db, many);
    const deleted = allRows().filter((d) => d.lifecycleState === 'DELETED').map((d) => d.id);
    expect(deleted.length).toBeGreaterThan(0);
    expect(names.size).toBe(allRows().filter((d) => d.lifecycleState !== 'DELETED' && ids.includes(d.id)).length);
    for (const id of deleted) expect(names.has(id)).toBe(false);
  });

  it('shows one page of the table with the total, and clamps a page past the end to the last', async () => {
    seed();
    const total = countLiveDeployments(ctx().db);
    const first = await getOpsDashboard(ctx(), NOW, { pageSize: 20 });
    expect(first.deployments).toMatchObject({ total, page: 1, pageSize: 20 });
    expect(first.deployments.rows).toHaveLength(20);
    const last = Math.ceil(total / 20);
    const past = await getOpsDashboard(ctx(), NOW, { page: last + 5, pageSize: 20 });
    expect(past.deployments.page).toBe(last);
    expect(past.deployments.rows).toHaveLength(total - (last - 1) * 20);
    // Traffic of a row as the old per-deployment computation gave it: requests over 300 s, failures over responses.
    const row = first.deployments.rows.find((r) => r.requestsPerSecond !== null && r.requestsPerSecond > 0);
    expect(row).toBeDefined();
    const t = trafficTotals(ctx().db, [row?.id ?? ''], NOW.getTime() - WINDOW_MS)[0];
    expect(row?.requestsPerSecond).toBeCloseTo((t?.requests ?? 0) / 300, 9);
    expect(row?.errorRate).toBeCloseTo((t?.failures ?? 0) / (t?.responses ?? 1), 9);
  });
});
