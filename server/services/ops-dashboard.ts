import fs from 'node:fs/promises';
import { and, desc, eq, gte, inArray, ne } from 'drizzle-orm';
import { modelDeployments } from '@/db/schema/model-deployments';
import { projects } from '@/db/schema/projects';
import { deploymentInstances } from '@/db/schema/serving';
import { metricPoints } from '@/db/schema/telemetry';
import { workRequestErrors, workRequests } from '@/db/schema/work-requests';
import { relativizePaths } from '@/server/domain/data-paths';
import { reservationOf } from '@/server/domain/host-reservation';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import { LABELS } from '@/server/providers/local/deployments/containers';
import { listRuntimeImages, runtimeImageTag, type RuntimeImage } from '@/server/providers/local/docker/runtime-images';
import type { AppContext } from './context';
import { listImageBuilds, type ImageBuildView } from './image-builds';

// What the operator of this host needs on one page: capacity against reservations, every
// deployment's health and traffic, the containers and images Berth manages, and recent failures.
// Each section gathers on its own, so one unreachable source (Docker, the gateway) blanks only its part.

export type Section<T> = { ok: true; data: T } | { ok: false; error: string };

export interface HostSection {
  cpus: number;
  memoryBytes: number;
  disk: { totalBytes: number; freeBytes: number; path: string } | null;
  reserved: { cpus: number; memoryBytes: number; deployments: number; instances: number };
}

export interface DeploymentOpsRow {
  id: string;
  displayName: string;
  projectName: string;
  lifecycleState: string;
  healthyInstances: number | null;
  totalInstances: number | null;
  requestsPerSecond: number | null;
  errorRate: number | null;
}

export interface ContainerRow {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  deploymentId: string | null;
  /** The owning deployment's name, when it still exists. */
  deploymentName: string | null;
  instanceId: string | null;
  orphan: boolean;
}

export interface CatalogImageRow {
  slug: string;
  tag: string;
  present: boolean;
  sizeBytes: number | null;
  createdAt: string | null;
}

export interface FailedWorkRequestRow {
  id: string;
  operationType: string;
  resourceId: string;
  /** The resource's display name, when it is a deployment that still exists. */
  resourceName: string | null;
  timeFinished: string | null;
  errors: { code: string; message: string }[];
}

export interface OpsDashboard {
  host: Section<HostSection>;
  deployments: DeploymentOpsRow[];
  /** False when the gateway did not answer: instance health is unknown. */
  gatewayReachable: boolean;
  /** False when no metric point was ever recorded: traffic columns show "—". */
  metricsAvailable: boolean;
  containers: Section<ContainerRow[]>;
  images: Section<{ managed: RuntimeImage[]; catalog: CatalogImageRow[] }>;
  failedWorkRequests: FailedWorkRequestRow[];
  builds: ImageBuildView[];
}

const TRAFFIC_WINDOW_MS = 5 * 60_000;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

async function hostSection(ctx: AppContext, rows: (typeof modelDeployments.$inferSelect)[]): Promise<Section<HostSection>> {
  let capacity;
  try {
    capacity = await ctx.local.hostCapacity();
  } catch (e) {
    return { ok: false, error: `Docker did not report the host's capacity: ${message(e)}` };
  }
  let disk: HostSection['disk'] = null;
  try {
    const s = await fs.statfs(ctx.config.dataDir);
    disk = { totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize, path: ctx.config.dataDir };
  } catch {
    disk = null;
  }
  const reserved = reservationOf(
    rows.map((d) => ({ lifecycleState: d.lifecycleState, modelConfigurationDetails: d.modelDeploymentConfigurationDetails.modelConfigurationDetails, currentInstanceCount: d.currentInstanceCount })),
    capacity,
  );
  return { ok: true, data: { cpus: capacity.cpus, memoryBytes: capacity.memoryBytes, disk, reserved } };
}

function traffic(ctx: AppContext, ids: string[], now: Date) {
  const since = now.getTime() - TRAFFIC_WINDOW_MS;
  const available = ctx.db.select({ id: metricPoints.id }).from(metricPoints).limit(1).all().length > 0;
  const points = ids.length
    ? ctx.db
        .select({ resourceId: metricPoints.resourceId, name: metricPoints.name, dimensions: metricPoints.dimensions, count: metricPoints.count, sum: metricPoints.sum })
        .from(metricPoints)
        .where(and(inArray(metricPoints.resourceId, ids), inArray(metricPoints.name, ['PredictRequestCount', 'PredictResponse']), gte(metricPoints.timestamp, since)))
        .all()
    : [];
  const by = new Map<string, { requests: number; responses: number; failures: number }>();
  for (const p of points) {
    const t = by.get(p.resourceId) ?? { requests: 0, responses: 0, failures: 0 };
    // PredictRequestCount is one sample per minute whose value (sum) is that minute's requests.
    if (p.name === 'PredictRequestCount') t.requests += p.sum;
    else {
      t.responses += p.count;
      if (p.dimensions.result === 'Failure') t.failures += p.count;
    }
    by.set(p.resourceId, t);
  }
  return { available, by };
}

async function containersSection(ctx: AppContext, names: Map<string, string>): Promise<Section<ContainerRow[]>> {
  try {
    const list = await ctx.local.docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${ctx.installation.tenancyId}`] } });
    const known = new Set(ctx.db.select({ id: deploymentInstances.id }).from(deploymentInstances).all().map((r) => r.id));
    return {
      ok: true,
      data: list.map((c) => {
        const instanceId = c.Labels[LABELS.instance] ?? null;
        return {
          id: c.Id.slice(0, 12),
          name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
          image: c.Image,
          state: c.State,
          status: c.Status,
          deploymentId: c.Labels[LABELS.deployment] ?? null,
          deploymentName: names.get(c.Labels[LABELS.deployment] ?? '') ?? null,
          instanceId,
          orphan: instanceId !== null && !known.has(instanceId),
        };
      }),
    };
  } catch (e) {
    return { ok: false, error: `Docker did not list containers: ${message(e)}` };
  }
}

async function imagesSection(ctx: AppContext): Promise<OpsDashboard['images']> {
  try {
    const managed = await listRuntimeImages(ctx.local.docker);
    const catalog = RUNTIME_ENVIRONMENTS.map((env) => {
      const tag = runtimeImageTag(env);
      const image = managed.find((i) => i.tag === tag);
      return { slug: env.slug, tag, present: Boolean(image), sizeBytes: image?.sizeBytes ?? null, createdAt: image ? image.createdAt.toISOString() : null };
    });
    return { ok: true, data: { managed, catalog } };
  } catch (e) {
    return { ok: false, error: `Docker did not list images: ${message(e)}` };
  }
}

function failedWorkRequests(ctx: AppContext, limit: number, names: Map<string, string>): FailedWorkRequestRow[] {
  const rows = ctx.db.select().from(workRequests).where(eq(workRequests.status, 'FAILED')).orderBy(desc(workRequests.timeAccepted)).limit(limit).all();
  const errors = rows.length
    ? ctx.db.select().from(workRequestErrors).where(inArray(workRequestErrors.workRequestId, rows.map((r) => r.id))).all()
    : [];
  return rows.map((r) => ({
    id: r.id,
    operationType: r.operationType,
    resourceId: r.resourceId,
    resourceName: names.get(r.resourceId) ?? null,
    timeFinished: iso(r.timeFinished),
    errors: errors.filter((e) => e.workRequestId === r.id).map((e) => ({ code: e.code, message: relativizePaths(e.message, ctx.config.dataDir) })),
  }));
}

export async function getOpsDashboard(ctx: AppContext, now: Date = new Date()): Promise<OpsDashboard> {
  const rows = ctx.db.select().from(modelDeployments).where(ne(modelDeployments.lifecycleState, 'DELETED')).orderBy(desc(modelDeployments.timeCreated)).all();
  const projectNames = new Map(ctx.db.select({ id: projects.id, name: projects.displayName }).from(projects).all().map((p) => [p.id, p.name]));
  const names = new Map(rows.map((r) => [r.id, r.displayName]));
  const [host, gateway, containers, images] = await Promise.all([hostSection(ctx, rows), ctx.local.gateway.status(), containersSection(ctx, names), imagesSection(ctx)]);
  const { available, by } = traffic(ctx, rows.map((r) => r.id), now);
  const routes = new Map((gateway?.routes ?? []).map((r) => [r.modelDeploymentId, r]));
  const deployments = rows.map((d): DeploymentOpsRow => {
    const route = routes.get(d.id);
    const t = by.get(d.id);
    const responses = t?.responses ?? 0;
    return {
      id: d.id,
      displayName: d.displayName,
      projectName: projectNames.get(d.projectId) ?? d.projectId,
      lifecycleState: d.lifecycleState,
      healthyInstances: gateway ? (route?.instances.filter((i) => i.healthy).length ?? 0) : null,
      totalInstances: gateway ? (route?.instances.length ?? 0) : null,
      requestsPerSecond: available ? (t?.requests ?? 0) / (TRAFFIC_WINDOW_MS / 1000) : null,
      errorRate: available && responses > 0 ? (t?.failures ?? 0) / responses : null,
    };
  });
  return { host, deployments, gatewayReachable: gateway !== null, metricsAvailable: available, containers, images, failedWorkRequests: failedWorkRequests(ctx, 10, names), builds: listImageBuilds(ctx) };
}
