import fs from 'node:fs/promises';
import { anyMetricPoint, configurationGroups, countLiveDeployments, deploymentNames, knownInstanceIds, pageLiveDeployments, trafficTotals } from '@/db/queries/ops';
import { listFailedWorkRequestRows } from '@/db/queries/work-requests';
import { relativizePaths } from '@/server/domain/data-paths';
import { RESERVING_STATES, reservationOf, type ReservingDeployment } from '@/server/domain/host-reservation';
import type { InstanceConfiguration, ScalingPolicy } from '@/server/domain/oci-types';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import type { PlatformContainer, PlatformRuntimeImage } from '@/server/providers/platform';
import type { AppContext } from './context';
import { listImageBuilds, type ImageBuildView } from './image-builds';

// What the operator of this host needs on one page: capacity against reservations, the deployments'
// health and traffic (a page of them at a time), the containers and images Berth manages, and recent
// failures. Each section gathers on its own, so one unreachable source (Docker, the gateway) blanks
// only its part. Totals are counted in SQL and per-row reads cover only the rows shown, so the page
// costs about the same with 10,000 deployments as with 5 (scripts/bench/scale-bench.ts).

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

export interface ContainerRow extends PlatformContainer {
  /** The owning deployment's name, when it still exists. */
  deploymentName: string | null;
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

/** One page of the deployments that are not DELETED, newest first. */
export interface DeploymentsPage {
  rows: DeploymentOpsRow[];
  /** Every deployment that is not DELETED, across pages. */
  total: number;
  /** 1-based, clamped to the last page. */
  page: number;
  pageSize: number;
}

export interface OpsDashboard {
  host: Section<HostSection>;
  deployments: DeploymentsPage;
  /** False when the gateway did not answer: instance health is unknown. */
  gatewayReachable: boolean;
  /** False when no metric point was ever recorded: traffic columns show "—". */
  metricsAvailable: boolean;
  containers: Section<ContainerRow[]>;
  images: Section<{ managed: PlatformRuntimeImage[]; catalog: CatalogImageRow[] }>;
  failedWorkRequests: FailedWorkRequestRow[];
  builds: ImageBuildView[];
}

const TRAFFIC_WINDOW_MS = 5 * 60_000;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

/** The reserving deployments as groups of equal configurations, counted in SQL. */
function reservingGroups(ctx: AppContext): ReservingDeployment[] {
  return configurationGroups(ctx.db, RESERVING_STATES).flatMap((g) => {
    if (g.instanceConfiguration === null) return [];
    const scalingPolicy = g.scalingPolicy === null ? undefined : (JSON.parse(g.scalingPolicy) as ScalingPolicy);
    return [
      {
        lifecycleState: g.lifecycleState,
        modelConfigurationDetails: { modelId: '', instanceConfiguration: JSON.parse(g.instanceConfiguration) as InstanceConfiguration, ...(scalingPolicy ? { scalingPolicy } : {}) },
        currentInstanceCount: g.currentInstanceCount,
        count: g.deployments,
      },
    ];
  });
}

async function hostSection(ctx: AppContext): Promise<Section<HostSection>> {
  let capacity;
  try {
    capacity = await ctx.platform.hostCapacity();
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
  const reserved = reservationOf(reservingGroups(ctx), capacity);
  return { ok: true, data: { cpus: capacity.cpus, memoryBytes: capacity.memoryBytes, disk, reserved } };
}

async function containersSection(ctx: AppContext): Promise<Section<ContainerRow[]>> {
  try {
    const list = await ctx.platform.listContainers();
    const names = deploymentNames(ctx.db, list.flatMap((c) => c.deploymentId ?? []));
    const known = knownInstanceIds(ctx.db, list.flatMap((c) => c.instanceId ?? []));
    return {
      ok: true,
      data: list.map((c) => ({
        ...c,
        deploymentName: names.get(c.deploymentId ?? '') ?? null,
        orphan: c.instanceId !== null && !known.has(c.instanceId),
      })),
    };
  } catch (e) {
    return { ok: false, error: `Docker did not list containers: ${message(e)}` };
  }
}

async function imagesSection(ctx: AppContext): Promise<OpsDashboard['images']> {
  try {
    const managed = await ctx.platform.listRuntimeImages();
    const catalog = RUNTIME_ENVIRONMENTS.map((env) => {
      const tag = ctx.platform.runtimeImageTag(env.slug) ?? '';
      const image = managed.find((i) => i.tag === tag);
      return { slug: env.slug, tag, present: Boolean(image), sizeBytes: image?.sizeBytes ?? null, createdAt: image ? image.createdAt.toISOString() : null };
    });
    return { ok: true, data: { managed, catalog } };
  } catch (e) {
    return { ok: false, error: `Docker did not list images: ${message(e)}` };
  }
}

function failedWorkRequests(ctx: AppContext, limit: number): FailedWorkRequestRow[] {
  const rows = listFailedWorkRequestRows(ctx.db, limit);
  const names = deploymentNames(ctx.db, rows.map((r) => r.resourceId));
  return rows.map((r) => ({
    id: r.id,
    operationType: r.operationType,
    resourceId: r.resourceId,
    resourceName: names.get(r.resourceId) ?? null,
    timeFinished: iso(r.timeFinished),
    errors: r.errors.map((e) => ({ code: e.code, message: relativizePaths(e.message, ctx.config.dataDir) })),
  }));
}

export const OPS_PAGE_SIZE = 50;

export interface OpsDashboardOptions {
  /** 1-based page of the deployments table. */
  page?: number;
  pageSize?: number;
}

export async function getOpsDashboard(ctx: AppContext, now: Date = new Date(), options: OpsDashboardOptions = {}): Promise<OpsDashboard> {
  const pageSize = options.pageSize ?? OPS_PAGE_SIZE;
  const total = countLiveDeployments(ctx.db);
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), Math.max(1, Math.ceil(total / pageSize)));
  const rows = pageLiveDeployments(ctx.db, pageSize, (page - 1) * pageSize);
  // The builds are read before the engine is asked for its images: a build that ends in between
  // then shows as still running (the page refreshes again), never as succeeded beside its image
  // listed as missing (the page would stop refreshing on that contradiction).
  const builds = listImageBuilds(ctx);
  const [host, gateway, containers, images] = await Promise.all([hostSection(ctx), ctx.platform.gatewayStatus(), containersSection(ctx), imagesSection(ctx)]);
  const available = anyMetricPoint(ctx.db);
  const by = new Map(available ? trafficTotals(ctx.db, rows.map((r) => r.id), now.getTime() - TRAFFIC_WINDOW_MS).map((t) => [t.resourceId, t]) : []);
  const routes = new Map((gateway?.routes ?? []).map((r) => [r.modelDeploymentId, r]));
  const deployments = rows.map((d): DeploymentOpsRow => {
    const route = routes.get(d.id);
    const t = by.get(d.id);
    const responses = t?.responses ?? 0;
    return {
      id: d.id,
      displayName: d.displayName,
      projectName: d.projectName,
      lifecycleState: d.lifecycleState,
      healthyInstances: gateway ? (route?.instances.filter((i) => i.healthy).length ?? 0) : null,
      totalInstances: gateway ? (route?.instances.length ?? 0) : null,
      requestsPerSecond: available ? (t?.requests ?? 0) / (TRAFFIC_WINDOW_MS / 1000) : null,
      errorRate: available && responses > 0 ? (t?.failures ?? 0) / responses : null,
    };
  });
  return {
    host,
    deployments: { rows: deployments, total, page, pageSize },
    gatewayReachable: gateway !== null,
    metricsAvailable: available,
    containers,
    images,
    failedWorkRequests: failedWorkRequests(ctx, 10),
    builds,
  };
}
