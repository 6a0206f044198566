import type Database from 'better-sqlite3';
import type Docker from 'dockerode';
import { LABELS } from '@/server/providers/local/deployments/containers';
import { instanceGpuUtilization, parseNvidiaSmi, queryContainerGpus } from '@/server/providers/local/telemetry/gpu-stats';
import { MINUTE_MS, upsertPoints, type PointWrite } from '@/db/queries/metric-points';

// CpuUtilization, MemoryUtilization and NetworkBytes per instance container, sampled once a minute
// from the console process with a one-shot `docker stats`; GPUCoreUtilization and
// GPUMemoryUtilization from nvidia-smi in the containers that were given GPUs.

/** What one sample carries over to the next. */
export interface SamplerState {
  /** Per container: the network counters at the last sample, for bytes per second. */
  network: Map<string, { at: number; rx: number; tx: number }>;
  /** Containers whose GPU query failed once: said once, not every minute. */
  gpuWarned: Set<string>;
}

export const newSamplerState = (): SamplerState => ({ network: new Map(), gpuWarned: new Set() });

interface StatsSample {
  cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: { inactive_file?: number; total_inactive_file?: number; cache?: number } };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

export interface InstanceStats {
  cpuPercent: number | null;
  memoryPercent: number | null;
  rxBytes: number;
  txBytes: number;
}

/** Percentages of the container's own limits (NanoCpus / Memory), not of the host. */
export function instanceStats(s: StatsSample, nanoCpus: number, memoryLimit: number): InstanceStats {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const online = s.cpu_stats?.online_cpus ?? 1;
  const limitCpus = nanoCpus > 0 ? nanoCpus / 1e9 : online;
  const cpuPercent = sysDelta > 0 && s.precpu_stats?.system_cpu_usage ? ((cpuDelta / sysDelta) * online * 100) / limitCpus : null;
  const m = s.memory_stats;
  const cache = m?.stats?.inactive_file ?? m?.stats?.total_inactive_file ?? m?.stats?.cache ?? 0;
  const limit = memoryLimit > 0 ? memoryLimit : (m?.limit ?? 0);
  const memoryPercent = m?.usage !== undefined && limit > 0 ? ((m.usage - cache) / limit) * 100 : null;
  let rxBytes = 0;
  let txBytes = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rxBytes += n.rx_bytes ?? 0;
    txBytes += n.tx_bytes ?? 0;
  }
  return { cpuPercent: cpuPercent === null ? null : Math.max(0, cpuPercent), memoryPercent, rxBytes, txBytes };
}

const gauge = (name: string, resourceId: string, dimensions: Record<string, string>, timestamp: number, v: number, resolutionMs = MINUTE_MS): PointWrite => ({
  name,
  resourceId,
  dimensions,
  timestamp,
  count: 1,
  sum: v,
  min: v,
  max: v,
  histogram: null,
  resolutionMs,
});

/** Samples every running instance of this installation once; returns the points written. */
export async function sampleInstances(
  docker: Docker,
  sqlite: Database.Database,
  installationId: string,
  state: SamplerState,
  now = Date.now(),
  /** The period a point covers: a minute, or the sampling interval when that is shorter. */
  resolutionMs = MINUTE_MS,
  /** Ends the sample's Docker calls (startDockerStats bounds each sample with it). */
  signal?: AbortSignal,
): Promise<number> {
  const containers = await docker.listContainers({
    filters: { label: [`${LABELS.installation}=${installationId}`, `${LABELS.role}=instance`], status: ['running'] },
    ...(signal ? { abortSignal: signal } : {}),
  });
  const minute = now - (now % resolutionMs);
  const at = (name: string, resourceId: string, dims: Record<string, string>, v: number) => gauge(name, resourceId, dims, minute, v, resolutionMs);
  const points: PointWrite[] = [];
  await Promise.all(
    containers.map(async (info) => {
      const resourceId = info.Labels[LABELS.deployment];
      const instanceId = info.Labels[LABELS.instance];
      if (!resourceId || !instanceId) return;
      try {
        const c = docker.getContainer(info.Id);
        const [inspect, raw] = await Promise.all([c.inspect(signal ? { abortSignal: signal } : {}), c.stats({ stream: false, ...(signal ? { abortSignal: signal } : {}) })]);
        const s = instanceStats(raw, inspect.HostConfig.NanoCpus ?? 0, inspect.HostConfig.Memory ?? 0);
        const dims = { resourceId, instanceId };
        if (s.cpuPercent !== null) points.push(at('CpuUtilization', resourceId, dims, s.cpuPercent));
        if (s.memoryPercent !== null) points.push(at('MemoryUtilization', resourceId, dims, s.memoryPercent));
        const prev = state.network.get(info.Id);
        state.network.set(info.Id, { at: now, rx: s.rxBytes, tx: s.txBytes });
        if (prev && now > prev.at && s.rxBytes >= prev.rx && s.txBytes >= prev.tx) {
          const secs = (now - prev.at) / 1000;
          points.push(at('NetworkBytes', resourceId, { ...dims, networkType: 'BytesIn' }, (s.rxBytes - prev.rx) / secs));
          points.push(at('NetworkBytes', resourceId, { ...dims, networkType: 'BytesOut' }, (s.txBytes - prev.tx) / secs));
        }
        if (Number(info.Labels[LABELS.gpus] ?? 0) > 0) points.push(...(await gpuPoints(docker, info.Id, state, resourceId, dims, minute, resolutionMs)));
      } catch {
        // The container stopped between the list and the stats call: nothing to sample.
      }
    }),
  );
  // Containers gone since the last sample leave nothing behind.
  const live = new Set(containers.map((c) => c.Id));
  for (const id of state.network.keys()) if (!live.has(id)) state.network.delete(id);
  for (const id of state.gpuWarned) if (!live.has(id)) state.gpuWarned.delete(id);
  if (points.length > 0) upsertPoints(sqlite, points);
  return points.length;
}

async function gpuPoints(
  docker: Docker,
  containerId: string,
  state: SamplerState,
  resourceId: string,
  dims: Record<string, string>,
  minute: number,
  resolutionMs: number,
): Promise<PointWrite[]> {
  try {
    const gpu = instanceGpuUtilization(parseNvidiaSmi(await queryContainerGpus(docker, containerId)));
    if (!gpu) return [];
    return [gauge('GPUCoreUtilization', resourceId, dims, minute, gpu.core, resolutionMs), gauge('GPUMemoryUtilization', resourceId, dims, minute, gpu.memory, resolutionMs)];
  } catch (cause) {
    if (!state.gpuWarned.has(containerId)) {
      state.gpuWarned.add(containerId);
      console.warn(`instance metrics: no GPU metrics for ${dims.instanceId ?? containerId}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    return [];
  }
}

/**
 * Samples every intervalMs (a minute unless BERTH_INSTANCE_STATS_INTERVAL_S lowers it, so a short
 * autoscaling pending duration can be observed) until the returned function is called.
 */
/**
 * Samples every intervalMs, one sample at a time. Each sample's Docker calls are ended after
 * timeoutMs: a call the engine never answers (a stats request on a container in a bad state) would
 * otherwise hold the one sample in flight for good, and the metrics and the alarms on them would
 * stop without a word. A container whose stats were cut gets no point this time, only.
 */
export function startDockerStats(docker: Docker, sqlite: Database.Database, installationId: string, intervalMs = MINUTE_MS, timeoutMs = Math.max(10_000, 2 * intervalMs)): () => void {
  const state = newSamplerState();
  let running = false;
  let warned = false;
  const warnOnce = (message: string) => {
    if (!warned) console.warn(`instance metrics: ${message}`);
    warned = true;
  };
  const tick = () => {
    if (running) return;
    running = true;
    const bound = new AbortController();
    const timer = setTimeout(() => {
      warnOnce(`docker stats did not answer within ${timeoutMs / 1000} s; the sample was cut short, and sampling goes on`);
      bound.abort();
    }, timeoutMs);
    sampleInstances(docker, sqlite, installationId, state, Date.now(), Math.min(intervalMs, MINUTE_MS), bound.signal)
      .catch((cause: unknown) => warnOnce(`docker stats failed: ${cause instanceof Error ? cause.message : String(cause)}`))
      .finally(() => {
        clearTimeout(timer);
        running = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
