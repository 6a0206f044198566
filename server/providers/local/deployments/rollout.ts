import crypto from 'node:crypto';
import type Docker from 'dockerode';
import type { Db } from '@/db/client';
import { getModelArtifactRow } from '@/db/queries/models';
import {
  deleteInstanceRow,
  getRouteRow,
  insertInstanceRow,
  instancesOfOtherGenerations,
  setInstanceStatus,
  updateInstanceRow,
  upsertRoute,
  type InstanceRow,
} from '@/db/queries/serving';
import { fitResources, type FittedResources, type HostCapacity } from '@/server/domain/fit-resources';
import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { startingInstanceCount } from '@/server/domain/scaling-instances';
import { resolveShapeResources } from '@/server/domain/shapes';
import { domainError, err, ok, startupError, type DomainError, type Result } from '@/server/domain/result';
import { removeContainer, startInstanceContainer } from './containers';
import { applyInstanceFaults } from './instance-faults';
import type { GatewayClient } from './gateway-client';
import { redactErrorFor, unsealConfiguration } from './secrets';
import { planServing, type ServingPlan } from './serving-plan';
import { watchStartup } from './startup-watch';

export interface RolloutDeps {
  db: Db;
  docker: Docker;
  gateway: GatewayClient;
  tenancyId: string;
  refuseOversizedShapes: boolean;
  startupTimeoutMs: number;
  hostCapacity: () => Promise<HostCapacity>;
  ensureRuntimeImage: (slug: string, onProgress: (line: string) => void) => Promise<Result<{ image: string }, DomainError>>;
  now: () => Date;
}

export interface Phase {
  log(message: string): void;
  progress(pct: number): void;
}

export interface Generation {
  generation: number;
  plan: ServingPlan;
  instances: InstanceRow[];
  notes: string[];
}

const stamp = (deps: RolloutDeps) => deps.now().toISOString();

/** Everything a configuration needs before a container can start: shape fit, serving plan, image. */
export async function prepare(deps: RolloutDeps, deploymentId: string, config: ModelDeploymentConfigurationDetails, phase: Phase) {
  const mc = config.modelConfigurationDetails;
  const shape = resolveShapeResources(mc.instanceConfiguration);
  if (!shape.ok) return shape;
  const fitted = fitResources(shape.data, await deps.hostCapacity(), deps.refuseOversizedShapes);
  if (!fitted.ok) return fitted;
  const artifactRow = getModelArtifactRow(deps.db, mc.modelId);
  const artifact = artifactRow ? { unpackedDir: artifactRow.unpackedDir, introspection: artifactRow.introspection } : null;
  // The only place secret values leave their table: into the container's environment.
  const plan = planServing({ deploymentId, tenancyId: deps.tenancyId, config: unsealConfiguration(deps.db, config), artifact, cpus: fitted.data.nanoCpus / 1e9 });
  if (!plan.ok) return plan;
  let image = plan.data.image;
  if (plan.data.kind === 'conda' && plan.data.runtime) {
    phase.log(`Preparing the conda environment ${plan.data.runtime.slug}.`);
    const built = await deps.ensureRuntimeImage(plan.data.runtime.slug, (line) => phase.log(line));
    if (!built.ok) return built;
    image = built.data.image;
  }
  if (!image) return err(domainError('InvalidParameter', 'No image to run.'));
  return ok({ plan: plan.data, fitted: fitted.data, image });
}

export type StartedInstance = InstanceRow & { containerId: string; serverPort: number; healthPort: number };

/**
 * Watches a started instance until it passes its health check, or names why it cannot (its
 * container exited, OOM, the model server's load failure, a port nobody listens on...).
 */
export async function waitHealthy(deps: RolloutDeps, inst: StartedInstance, plan: ServingPlan, resources: FittedResources, signal?: AbortSignal): Promise<Result<void, DomainError>> {
  const declared = [{ port: plan.serverPort, role: 'server port' }];
  if (plan.healthPort !== plan.serverPort) declared.push({ port: plan.healthPort, role: 'health check port' });
  const watched = await watchStartup(
    deps.docker,
    {
      containerId: inst.containerId,
      subject: subjectOf(inst),
      image: plan.image ?? plan.runtime?.slug ?? '',
      hostHealthPort: inst.healthPort,
      healthPath: plan.healthPath,
      healthPort: plan.healthPort,
      declared,
      memoryLimitBytes: resources.memoryBytes,
    },
    { timeoutMs: deps.startupTimeoutMs, ...(signal ? { signal } : {}) },
  );
  return watched.ok ? ok(undefined) : err(startupError(watched.error));
}

const subjectOf = (row: Pick<InstanceRow, 'ordinal'>) => `Instance ${row.ordinal + 1}`;

/** Logs a named failure with its excerpt and what to do, the way the work request shows it. */
export function logFailure(phase: Phase, error: DomainError): void {
  const f = error.failure;
  if (!f) return;
  phase.log(`${f.failureClass}: ${f.message}`);
  if (f.excerpt) phase.log(f.excerpt);
  phase.log(`What to do: ${f.hint}`);
}

/**
 * Starts `count` new instances of a configuration as a new generation and waits until every one
 * answers its health check. Nothing routes to them yet. On failure the new containers are removed.
 */
export async function startGeneration(
  deps: RolloutDeps,
  deploymentId: string,
  config: ModelDeploymentConfigurationDetails,
  generation: number,
  phase: Phase,
  /** Instead of the policy's count (an autoscaled deployment keeps the count it reached). */
  instanceCount?: number,
): Promise<Result<Generation, DomainError>> {
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const prepared = await prepare(deps, deploymentId, config, phase);
  if (!prepared.ok) return prepared;
  const { plan, fitted, image } = prepared.data;
  phase.log(`Image ready: ${image} (${since()}).`);
  if (plan.artifactDir) phase.log(`Artifact unpacked at ${plan.artifactDir}, mounted read-only (${since()}).`);
  phase.progress(30);

  const count = instanceCount ?? startingInstanceCount(config.modelConfigurationDetails.scalingPolicy);
  const rows: InstanceRow[] = Array.from({ length: count }, (_, ordinal) => ({
    id: `${deploymentId.slice(-12)}-g${generation}-${ordinal}-${crypto.randomBytes(3).toString('hex')}`,
    modelDeploymentId: deploymentId,
    generation,
    ordinal,
    containerName: `berth-${deploymentId.slice(-10)}-g${generation}-i${ordinal}-${crypto.randomBytes(2).toString('hex')}`,
    containerId: null,
    serverPort: null,
    healthPort: null,
    status: 'STARTING',
    detail: null,
    timeCreated: stamp(deps),
    timeUpdated: stamp(deps),
  }));
  for (const r of rows) insertInstanceRow(deps.db, r);

  const started = await Promise.all(rows.map((r) => launch(deps, r, image, plan, fitted)));
  const failed = started.find((s) => !s.ok);
  if (failed && !failed.ok) {
    logFailure(phase, failed.error);
    await removeInstances(deps, rows);
    return failed;
  }
  phase.log(`${count} instance${count === 1 ? '' : 's'} started (${since()}).`);
  phase.progress(55);

  const live = started.flatMap((s) => (s.ok ? [s.data] : []));
  // The first instance to fail names the failure for all: the others stop being watched.
  const stop = new AbortController();
  const health = await Promise.all(
    live.map(async (r) => {
      const h = await waitHealthy(deps, r, plan, fitted, stop.signal);
      if (!h.ok) stop.abort();
      return h;
    }),
  );
  const sick = health.find((h) => !h.ok);
  if (sick && !sick.ok) {
    // The container's output is in the message and excerpt: a model that prints its environment
    // must not put a secret into the work request's log and errors or the lifecycle details.
    const error = redactErrorFor(deps.db, deploymentId, sick.error);
    logFailure(phase, error);
    await removeInstances(deps, live);
    return err(error);
  }
  for (const r of live) setInstanceStatus(deps.db, r.id, 'RUNNING', null, stamp(deps));
  phase.log(`Health check passed on every instance (${since()}).`);
  phase.progress(75);
  return ok({ generation, plan, instances: live.map((r) => ({ ...r, status: 'RUNNING' as const })), notes: fitted.notes });
}

export async function launch(deps: RolloutDeps, row: InstanceRow, image: string, servingPlan: ServingPlan, resources: FittedResources) {
  const faults = await applyInstanceFaults(deps.db, row.modelDeploymentId, servingPlan);
  if (faults.note) setInstanceStatus(deps.db, row.id, row.status, faults.note, stamp(deps));
  const plan = faults.plan;
  const started = await startInstanceContainer(deps.docker, {
    installationId: deps.tenancyId,
    deploymentId: row.modelDeploymentId,
    instanceId: row.id,
    generation: row.generation,
    containerName: row.containerName,
    subject: subjectOf(row),
    image,
    plan,
    resources,
  });
  if (!started.ok) {
    const error = redactErrorFor(deps.db, row.modelDeploymentId, startupError(started.error));
    setInstanceStatus(deps.db, row.id, 'FAILED', error.message, stamp(deps));
    return err(error);
  }
  const patch = { containerId: started.data.containerId, serverPort: started.data.serverPort, healthPort: started.data.healthPort };
  updateInstanceRow(deps.db, row.id, patch);
  return ok<StartedInstance>({ ...row, ...patch });
}

/** Points the deployment's route at a generation (or stops serving) and waits for the gateway. */
export async function routeTo(
  deps: RolloutDeps,
  deploymentId: string,
  route: { serving: boolean; generation: number; bandwidthMbps: number; plan?: ServingPlan },
  phase: Phase,
): Promise<void> {
  const previous = getRouteRow(deps.db, deploymentId);
  upsertRoute(deps.db, {
    modelDeploymentId: deploymentId,
    serving: route.serving,
    generation: route.generation,
    bandwidthMbps: route.bandwidthMbps,
    predictPath: route.plan?.predictPath ?? previous?.predictPath ?? '/predict',
    healthPath: route.plan?.healthPath ?? previous?.healthPath ?? '/health',
    containerType: route.plan ? route.plan.containerType : (previous?.containerType ?? null),
    timeUpdated: stamp(deps),
  });
  await deps.gateway.reload();
  const confirmed = await deps.gateway.waitFor((s) => {
    const r = s.routes.find((x) => x.modelDeploymentId === deploymentId);
    if (!route.serving) return !r || !r.serving;
    return Boolean(r && r.serving && r.generation === route.generation && r.instances.some((i) => i.healthy && !i.draining));
  }, 15_000);
  phase.log(confirmed ? 'The gateway confirmed the route.' : 'The gateway did not confirm the route in time; it applies the route when it next reloads.');
}

/** Removes every instance not of `keep`, after the gateway has drained them of requests in flight. */
export async function retireOtherGenerations(deps: RolloutDeps, deploymentId: string, keep: number | null, phase: Phase): Promise<void> {
  const old = instancesOfOtherGenerations(deps.db, deploymentId, keep ?? -1);
  if (old.length === 0) return;
  for (const r of old) setInstanceStatus(deps.db, r.id, 'STOPPING', null, stamp(deps));
  const ids = new Set(old.map((r) => r.id));
  await deps.gateway.waitFor(
    // Gone from rotation (not handing over) and with nothing in flight.
    (s) => !s.routes.some((r) => r.modelDeploymentId === deploymentId && r.instances.some((i) => ids.has(i.id) && (i.handover || i.inflight > 0))),
    60_000,
  );
  await removeInstances(deps, old);
  phase.log(`Removed ${old.length} instance${old.length === 1 ? '' : 's'} of the previous configuration.`);
}

export async function removeInstances(deps: RolloutDeps, rows: InstanceRow[]): Promise<void> {
  await Promise.all(
    rows.map(async (r) => {
      if (r.containerId) await removeContainer(deps.docker, r.containerId);
      deleteInstanceRow(deps.db, r.id);
    }),
  );
}
