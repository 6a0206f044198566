import crypto from 'node:crypto';
import { listModelDeploymentRowsInStates, getModelDeploymentRow, updateModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { deleteInstanceRow, getRouteRow, insertInstanceRow, listAllInstanceRows, setInstanceStatus, upsertRoute, type InstanceRow } from '@/db/queries/serving';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import { removeLeftoverChecks } from '../checks/check-container';
import { listManagedContainers, removeContainer, type ManagedContainer } from './containers';
import { DATA_PLANE_DOWN_PREFIX } from './data-plane';
import { redactFor } from './secrets';
import type { GatewayStatus } from './gateway-client';
import { launch, prepare, waitHealthy, type RolloutDeps } from './rollout';
import { servingInstances } from './scale';

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

/** Between passes while one fails (the engine away): short, so a restarted engine is noticed at once. */
const RETRY_MS = 500;

/**
 * NEEDS_ATTENTION that a healthy instance ends: none passed its check, or no gateway answered (a
 * mark a previous console left when it stopped before the gateway came back).
 */
const isHealable = (details: string | null) => Boolean(details?.startsWith(UNHEALTHY_PREFIX) || details?.startsWith(DATA_PLANE_DOWN_PREFIX));

/** Waits for every promise, then fails with the first failure if there was one. */
async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const quiet = { log: () => undefined, progress: () => undefined };

export function createReconciler(deps: RolloutDeps, runner: Pick<WorkRequestRunner, 'busyResources'>, logger: Pick<Console, 'error' | 'info'> = console) {
  let timer: NodeJS.Timeout | null = null;
  let started = false;
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
      setInstanceStatus(deps.db, row.id, 'FAILED', redactFor(deps.db, md.id, f ? `${f.failureClass}: ${f.message}` : healthy.error.message), deps.now().toISOString());
      return;
    }
    setInstanceStatus(deps.db, row.id, 'RUNNING', row.detail, deps.now().toISOString());
    const route = getRouteRow(deps.db, md.id);
    if (route) upsertRoute(deps.db, { ...route, timeUpdated: deps.now().toISOString() });
    await deps.gateway.reload();
    // Counted back once the gateway routes to it, not merely once the container answers.
    await deps.gateway.waitFor((s) => Boolean(s.routes.find((r) => r.modelDeploymentId === md.id)?.instances.some((i) => i.id === row.id && i.healthy)), 10_000);
    report.replaced.push(dead.containerName);
  }

  function judgeHealth(md: ModelDeploymentRow, status: GatewayStatus | null, report: ReconcileReport) {
    const route = status?.routes.find((r) => r.modelDeploymentId === md.id);
    if (!status || !route || !route.serving || route.instances.length === 0) return;
    const healthy = route.instances.filter((i) => i.healthy).length;
    // A gateway that has just started has not checked its instances yet: "unhealthy" means unknown.
    if (healthy === 0 && route.instances.some((i) => i.lastCheckedAt === null)) return;
    const current = getModelDeploymentRow(deps.db, md.id);
    if (!current) return;
    if (healthy === 0 && current.lifecycleState === 'ACTIVE') {
      const cause = route.instances.map((i) => i.lastError).find(Boolean) ?? 'no answer';
      updateModelDeploymentRow(deps.db, md.id, { lifecycleState: 'NEEDS_ATTENTION', lifecycleDetails: `${UNHEALTHY_PREFIX} (${cause}). Berth is replacing failed instances.` });
      report.needsAttention.push(md.id);
    } else if (healthy > 0 && current.lifecycleState === 'NEEDS_ATTENTION' && isHealable(current.lifecycleDetails)) {
      updateModelDeploymentRow(deps.db, md.id, { lifecycleState: 'ACTIVE', lifecycleDetails: 'Model Deployment is Active.', currentInstanceCount: route.instances.length });
      report.healed.push(md.id);
    }
  }

  /** currentInstanceCount says how many instances really serve: a dead one not yet replaced is not counted. */
  function syncInstanceCount(id: string, dead: Set<string>) {
    // A dead row still here is one whose replacement could not even be prepared.
    const running = servingInstances(deps, id).filter((i) => i.status === 'RUNNING' && !dead.has(i.id)).length;
    const current = getModelDeploymentRow(deps.db, id);
    if (current && ['ACTIVE', 'NEEDS_ATTENTION'].includes(current.lifecycleState) && current.currentInstanceCount !== running) {
      updateModelDeploymentRow(deps.db, id, { currentInstanceCount: running });
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

    // Deployments and their dead instances are replaced side by side (after an engine restart
    // every container is gone at once; one after another would take minutes), and settled, not
    // raced: a pass ends only when its replacements do, or the next pass would take this one's
    // new STARTING rows for dead ones.
    await settleAll(
      serving.map(async (md) => {
        if (busy.has(md.id)) return;
        const route = getRouteRow(deps.db, md.id);
        const mine = instances.filter((i) => i.modelDeploymentId === md.id && i.generation === route?.generation);
        // With no work in flight nothing is starting this row's container, so the row's status is
        // not evidence: a STARTING row over an exited (or missing) container is as dead as any.
        const dead = mine.filter((i) => !byInstance.get(i.id)?.running);
        // Judged first, on what the gateway saw as the pass began: a deployment with nothing
        // healthy says so while its instances are being replaced, and heals on the next pass.
        judgeHealth(md, status, report);
        await settleAll(dead.map((d) => replace(md, d, report)));
        syncInstanceCount(md.id, new Set(dead.map((d) => d.id)));
      }),
    );

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
    // Throwaway check containers a stopped console left behind.
    report.removedOrphans.push(...(await removeLeftoverChecks(deps.docker, deps.tenancyId, deps.now())));
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
    /**
     * Reconciles every intervalMs; after a failed pass (the engine not answering, say while dockerd
     * restarts) it tries again every RETRY_MS, so the gap closes as soon as the engine is back.
     */
    start(intervalMs: number) {
      if (started || intervalMs <= 0) return;
      started = true;
      let failing = false;
      const schedule = (ms: number) => {
        if (!started) return;
        timer = setTimeout(tick, ms);
        timer.unref();
      };
      const tick = () => {
        this.reconcileOnce()
          .then((r) => {
            if (failing) logger.info('reconciliation works again');
            failing = false;
            if (r.replaced.length || r.removedOrphans.length) logger.info('reconciled', JSON.stringify(r));
            // After replacing, the next pass comes soon: it sees the new instances healthy and
            // ends a NEEDS_ATTENTION this pass set, instead of leaving it for a whole interval.
            schedule(r.replaced.length || r.needsAttention.length ? Math.min(RETRY_MS, intervalMs) : intervalMs);
          })
          .catch((e: unknown) => {
            // Logged once per outage, not every RETRY_MS.
            if (!failing) logger.error('reconciliation failed; retrying until it works', e);
            failing = true;
            schedule(Math.min(RETRY_MS, intervalMs));
          });
      };
      tick();
    },
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
