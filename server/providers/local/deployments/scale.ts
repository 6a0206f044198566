import crypto from 'node:crypto';
import { getRouteRow, insertInstanceRow, listInstanceRows, setInstanceStatus, upsertRoute, type InstanceRow } from '@/db/queries/serving';
import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { launch, logFailure, prepare, removeInstances, waitHealthy, type Phase, type RolloutDeps } from './rollout';
import { redactErrorFor } from './secrets';

// Changing the number of instances of the serving generation in place: what a manual change of the
// instance count and an autoscaling decision both run. Nothing else about the configuration
// changes, so the instances that serve keep serving; new ones take traffic only once they pass
// their health check and the gateway has seen them healthy, and removed ones leave rotation and
// finish their requests in flight before their containers go.

const stamp = (deps: RolloutDeps) => deps.now().toISOString();

/** The serving generation's instances that count: those running or on their way up. */
export function servingInstances(deps: Pick<RolloutDeps, 'db'>, deploymentId: string): InstanceRow[] {
  const route = getRouteRow(deps.db, deploymentId);
  if (!route?.serving) return [];
  return listInstanceRows(deps.db, deploymentId).filter((i) => i.generation === route.generation && (i.status === 'RUNNING' || i.status === 'STARTING'));
}

/** Bumps the route's version so the gateway reloads it, and waits until it holds `check`. */
async function reloadAndWait(deps: RolloutDeps, deploymentId: string, check: (instances: { id: string; healthy: boolean }[]) => boolean, timeoutMs: number) {
  const route = getRouteRow(deps.db, deploymentId);
  if (route) upsertRoute(deps.db, { ...route, timeUpdated: stamp(deps) });
  await deps.gateway.reload();
  return deps.gateway.waitFor((s) => check(s.routes.find((r) => r.modelDeploymentId === deploymentId)?.instances ?? []), timeoutMs);
}

async function scaleOut(deps: RolloutDeps, deploymentId: string, config: ModelDeploymentConfigurationDetails, current: InstanceRow[], add: number, phase: Phase) {
  const route = getRouteRow(deps.db, deploymentId);
  if (!route) return err(domainError('IncorrectState', 'The deployment has no route: it is not serving.'));
  const prepared = await prepare(deps, deploymentId, config, phase);
  if (!prepared.ok) return prepared;
  const { plan, fitted, image } = prepared.data;
  // Ordinals after every row of the generation, so a name is never reused while its container exists.
  const taken = listInstanceRows(deps.db, deploymentId).filter((i) => i.generation === route.generation);
  const first = Math.max(-1, ...taken.map((i) => i.ordinal)) + 1;
  const generation = route.generation;
  const rows: InstanceRow[] = Array.from({ length: add }, (_, k) => ({
    id: `${deploymentId.slice(-12)}-g${generation}-${first + k}-${crypto.randomBytes(3).toString('hex')}`,
    modelDeploymentId: deploymentId,
    generation,
    ordinal: first + k,
    containerName: `berth-${deploymentId.slice(-10)}-g${generation}-i${first + k}-${crypto.randomBytes(2).toString('hex')}`,
    containerId: null,
    serverPort: null,
    healthPort: null,
    // Not RUNNING: the gateway routes only to RUNNING rows, so nothing reaches it yet.
    status: 'STARTING',
    detail: 'Added by scaling out.',
    timeCreated: stamp(deps),
    timeUpdated: stamp(deps),
  }));
  for (const r of rows) insertInstanceRow(deps.db, r);
  const started = await Promise.all(rows.map((r) => launch(deps, r, image, plan, fitted)));
  const live = started.flatMap((s) => (s.ok ? [s.data] : []));
  const failedStart = started.find((s) => !s.ok);
  if (failedStart && !failedStart.ok) {
    logFailure(phase, failedStart.error);
    await removeInstances(deps, rows.map((r) => live.find((l) => l.id === r.id) ?? r));
    return failedStart;
  }
  phase.log(`${add} new instance${add === 1 ? '' : 's'} started beside the ${current.length} serving.`);
  phase.progress(40);
  const health = await Promise.all(live.map((r) => waitHealthy(deps, r, plan, fitted)));
  const sick = health.find((h) => !h.ok);
  if (sick && !sick.ok) {
    const error = redactErrorFor(deps.db, deploymentId, sick.error);
    logFailure(phase, error);
    await removeInstances(deps, live);
    return err(error);
  }
  for (const r of live) setInstanceStatus(deps.db, r.id, 'RUNNING', r.detail, stamp(deps));
  phase.log('Health check passed on the new instances; adding them to the load balancer.');
  phase.progress(70);
  const ids = new Set(live.map((r) => r.id));
  const routed = await reloadAndWait(deps, deploymentId, (instances) => [...ids].every((id) => instances.some((i) => i.id === id && i.healthy)), 15_000);
  phase.log(routed ? 'The gateway routes to the new instances.' : 'The gateway has not confirmed the new instances yet; it adds them once their check passes.');
  return ok(undefined);
}

async function scaleIn(deps: RolloutDeps, current: InstanceRow[], remove: number, deploymentId: string, phase: Phase) {
  // The newest go first; the oldest have served longest and are warm.
  const leaving = [...current].sort((a, b) => b.ordinal - a.ordinal).slice(0, remove);
  for (const r of leaving) setInstanceStatus(deps.db, r.id, 'STOPPING', 'Removed by scaling in.', stamp(deps));
  const ids = new Set(leaving.map((r) => r.id));
  // Out of rotation and done with their requests in flight: gone from the gateway's status.
  const drained = await reloadAndWait(deps, deploymentId, (instances) => !instances.some((i) => ids.has(i.id)), 60_000);
  phase.log(drained ? `${remove} instance${remove === 1 ? '' : 's'} out of rotation, requests in flight finished.` : 'Draining took over 60 s; removing the instances anyway.');
  phase.progress(70);
  await removeInstances(deps, leaving);
  return ok(undefined);
}

/**
 * Brings the serving generation to `target` instances; returns how many serve afterwards. On a
 * failed scale out the instances that served before still serve, and the new ones are removed.
 */
export async function scaleInPlace(
  deps: RolloutDeps,
  deploymentId: string,
  config: ModelDeploymentConfigurationDetails,
  target: number,
  phase: Phase,
): Promise<Result<number, DomainError>> {
  const current = servingInstances(deps, deploymentId);
  const from = current.length;
  if (target === from) {
    phase.log(`${from} instance${from === 1 ? '' : 's'} serve already.`);
    return ok(from);
  }
  phase.log(`Scaling ${target > from ? 'out' : 'in'} from ${from} to ${target} instance${target === 1 ? '' : 's'}.`);
  const done = target > from ? await scaleOut(deps, deploymentId, config, current, target - from, phase) : await scaleIn(deps, current, from - target, deploymentId, phase);
  if (!done.ok) return done;
  phase.progress(90);
  return ok(servingInstances(deps, deploymentId).length);
}
