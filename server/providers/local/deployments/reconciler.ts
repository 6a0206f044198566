import crypto from 'node:crypto';
import { listModelDeploymentRowsInStates, getModelDeploymentRow, updateModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { deleteInstanceRow, getRouteRow, insertInstanceRow, listAllInstanceRows, setInstanceStatus, upsertRoute, type InstanceRow } from '@/db/queries/serving';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import { listManagedContainers, removeContainer, type ManagedContainer } from './containers';
import type { GatewayStatus } from './gateway-client';
import { launch, prepare, waitHealthy, type RolloutDeps } from './rollout';

// Compares what the database says should run with what Docker runs, and closes the gap: dead or
// missing instances are replaced, containers nobody owns are removed, and a deployment with no
// healthy instance shows NEEDS_ATTENTION until it heals. Deployments with work in flight are left
// to that work.

export const UNHEALTHY_PREFIX = 'No instance passes its health check';

export interface ReconcileReport {
  replaced: string[];
  removedOrphans: string[];
  needsAttention: string[];
  healed: string[];
}

const quiet = { log: () => undefined, progress: () => undefined };

export function createReconciler(deps: RolloutDeps, runner: Pick<WorkRequestRunner, 'busyResources'>, logger: Pick<Console, 'error' | 'info'> = console) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ReconcileReport> | null = null;

  async function replace(md: ModelDeploymentRow, dead: InstanceRow, report: ReconcileReport) {
    const prepared = await prepare(deps, md.id, md.modelDeploymentConfigurationDetails, quiet);
    if (!prepared.ok) return;
    const now = deps.now().toISOString();
    const row: InstanceRow = {
      ...dead,
      id: `${md.id.slice(-12)}-g${dead.generation}-${dead.ordinal}-${crypto.randomBytes(3).toString('hex')}`,
      containerName: `berth-${md.id.slice(-10)}-g${dead.generation}-i${dead.ordinal}-${crypto.randomBytes(2).toString('hex')}`,
      containerId: null,
      serverPort: null,
      healthPort: null,
      status: 'STARTING',
      detail: `Replaces ${dead.containerName}.`,
      timeCreated: now,
      timeUpdated: now,
    };
    if (dead.containerId) await removeContainer(deps.docker, dead.containerId);
    deleteInstanceRow(deps.db, dead.id);
    insertInstanceRow(deps.db, row);
    const started = await launch(deps, row, prepared.data.image, prepared.data.plan, prepared.data.fitted);
    if (!started.ok) return;
    const healthy = await waitHealthy(deps, started.data, prepared.data.plan, prepared.data.fitted);
    if (!healthy.ok) {
      const f = healthy.error.failure;
      setInstanceStatus(deps.db, row.id, 'FAILED', f ? `${f.failureClass}: ${f.message}` : healthy.error.message, deps.now().toISOString());
      return;
    }
    setInstanceStatus(deps.db, row.id, 'RUNNING', row.detail, deps.now().toISOString());
    const route = getRouteRow(deps.db, md.id);
    if (route) upsertRoute(deps.db, { ...route, timeUpdated: deps.now().toISOString() });
    await deps.gateway.reload();
    report.replaced.push(dead.containerName);
  }

  function judgeHealth(md: ModelDeploymentRow, status: GatewayStatus | null, report: ReconcileReport) {
    const route = status?.routes.find((r) => r.modelDeploymentId === md.id);
    if (!status || !route || !route.serving || route.instances.length === 0) return;
    const healthy = route.instances.filter((i) => i.healthy).length;
    const current = getModelDeploymentRow(deps.db, md.id);
    if (!current) return;
    if (healthy === 0 && current.lifecycleState === 'ACTIVE') {
      const cause = route.instances.map((i) => i.lastError).find(Boolean) ?? 'no answer';
      updateModelDeploymentRow(deps.db, md.id, { lifecycleState: 'NEEDS_ATTENTION', lifecycleDetails: `${UNHEALTHY_PREFIX} (${cause}). Berth is replacing failed instances.` });
      report.needsAttention.push(md.id);
    } else if (healthy > 0 && current.lifecycleState === 'NEEDS_ATTENTION' && current.lifecycleDetails?.startsWith(UNHEALTHY_PREFIX)) {
      updateModelDeploymentRow(deps.db, md.id, { lifecycleState: 'ACTIVE', lifecycleDetails: 'Model Deployment is Active.', currentInstanceCount: route.instances.length });
      report.healed.push(md.id);
    }
  }

  async function once(): Promise<ReconcileReport> {
    const report: ReconcileReport = { replaced: [], removedOrphans: [], needsAttention: [], healed: [] };
    const containers = await listManagedContainers(deps.docker, deps.tenancyId);
    const byInstance = new Map<string, ManagedContainer>(containers.map((c) => [c.instanceId, c]));
    const instances = listAllInstanceRows(deps.db);
    const serving = listModelDeploymentRowsInStates(deps.db, ['ACTIVE', 'NEEDS_ATTENTION']);
    const status = await deps.gateway.status();
    // One read of the queue per pass, not one per deployment and container.
    const busy = runner.busyResources();

    for (const md of serving) {
      if (busy.has(md.id)) continue;
      const route = getRouteRow(deps.db, md.id);
      const mine = instances.filter((i) => i.modelDeploymentId === md.id && i.generation === route?.generation);
      const dead = mine.filter((i) => i.status !== 'STARTING' && !byInstance.get(i.id)?.running);
      for (const d of dead) await replace(md, d, report);
      judgeHealth(md, status, report);
    }

    // Containers and rows that no serving deployment owns. The queue is read again: work may
    // have started while dead instances were being replaced above.
    const busyNow = runner.busyResources();
    const known = new Map(instances.map((i) => [i.id, i]));
    for (const c of containers) {
      const owner = known.get(c.instanceId);
      const md = owner ? getModelDeploymentRow(deps.db, owner.modelDeploymentId) : undefined;
      if (busyNow.has(md?.id ?? c.deploymentId)) continue;
      const route = md ? getRouteRow(deps.db, md.id) : undefined;
      const owned = owner && md && ['ACTIVE', 'NEEDS_ATTENTION'].includes(md.lifecycleState) && route?.generation === owner.generation;
      if (!owned) {
        await removeContainer(deps.docker, c.id);
        if (owner) deleteInstanceRow(deps.db, owner.id);
        report.removedOrphans.push(c.name);
      }
    }
    return report;
  }

  return {
    /** One pass; concurrent callers share it. */
    reconcileOnce(): Promise<ReconcileReport> {
      running ??= once().finally(() => {
        running = null;
      });
      return running;
    },
    start(intervalMs: number) {
      if (timer || intervalMs <= 0) return;
      const tick = () =>
        this.reconcileOnce()
          .then((r) => {
            if (r.replaced.length || r.removedOrphans.length) logger.info('reconciled', JSON.stringify(r));
          })
          .catch((e) => logger.error('reconciliation failed', e));
      void tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
