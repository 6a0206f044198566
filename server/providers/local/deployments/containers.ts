import type Docker from 'dockerode';
import type { FittedResources } from '@/server/domain/fit-resources';
import { err, ok, type Result } from '@/server/domain/result';
import { classifyStartup, type StartupFailure } from '@/server/domain/startup-failure';
import { engineStatusOf } from '../docker/client';
import { ARTIFACT_MOUNT, type ServingPlan } from './serving-plan';

export const LABELS = {
  managed: 'berth.managed',
  // Several installations may share one Docker engine: each only ever touches its own containers.
  installation: 'berth.installation',
  role: 'berth.role',
  deployment: 'berth.deployment',
  instance: 'berth.instance',
  generation: 'berth.generation',
  // GPUs given to the instance: the metrics sampler asks those containers for GPU utilization.
  gpus: 'berth.gpus',
} as const;

export interface InstanceLaunch {
  installationId: string;
  deploymentId: string;
  instanceId: string;
  generation: number;
  containerName: string;
  /** How failures name it: "Instance 1". */
  subject: string;
  image: string;
  plan: ServingPlan;
  resources: FittedResources;
}

export interface RunningInstance {
  containerId: string;
  serverPort: number;
  healthPort: number;
}

const hostPortOf = (info: Docker.ContainerInspectInfo, port: number): number | null => {
  const binding = info.NetworkSettings.Ports[`${port}/tcp`]?.find((b) => b.HostIp === '127.0.0.1');
  return binding ? Number(binding.HostPort) : null;
};

const noSuchImage = (cause: unknown) => engineStatusOf(cause) === 404 && /no such image|not found|pull access denied/i.test(dockerMessage(cause));

const startFailure = (l: InstanceLaunch, cause: unknown): StartupFailure | null =>
  classifyStartup({
    subject: l.subject,
    image: l.image,
    createError: { imageMissing: noSuchImage(cause), message: dockerMessage(cause) },
    logTail: '',
    elapsedMs: 0,
    timeoutMs: 1,
  });

/** Creates and starts one serving container; its ports are published on 127.0.0.1 only. */
export async function startInstanceContainer(docker: Docker, l: InstanceLaunch): Promise<Result<RunningInstance, StartupFailure>> {
  const { plan } = l;
  const ports = [...new Set([plan.serverPort, plan.healthPort])];
  try {
    const container = await docker.createContainer({
      name: l.containerName,
      Image: l.image,
      ...(plan.entrypoint ? { Entrypoint: plan.entrypoint } : {}),
      ...(plan.cmd ? { Cmd: plan.cmd } : {}),
      Env: Object.entries(plan.env).map(([k, v]) => `${k}=${v}`),
      Labels: {
        [LABELS.managed]: 'true',
        [LABELS.installation]: l.installationId,
        [LABELS.role]: 'instance',
        [LABELS.deployment]: l.deploymentId,
        [LABELS.instance]: l.instanceId,
        [LABELS.generation]: String(l.generation),
        ...(l.resources.gpus > 0 ? { [LABELS.gpus]: String(l.resources.gpus) } : {}),
      },
      ExposedPorts: Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}])),
      HostConfig: {
        PortBindings: Object.fromEntries(ports.map((p) => [`${p}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
        ...(plan.artifactDir ? { Binds: [`${plan.artifactDir}:${ARTIFACT_MOUNT}:ro`] } : {}),
        NanoCpus: l.resources.nanoCpus,
        Memory: l.resources.memoryBytes,
        ...(plan.shmSizeBytes ? { ShmSize: plan.shmSizeBytes } : {}),
        ...(l.resources.gpus > 0 ? { DeviceRequests: [{ Driver: 'nvidia', Count: l.resources.gpus, Capabilities: [['gpu']] }] } : {}),
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
      },
    });
    await container.start();
    const info = await container.inspect();
    if (!info.State.Running) {
      // It exited before its ports were even published: say so, with what it printed.
      const logTail = await containerTail(docker, container.id, 80);
      await removeContainer(docker, container.id);
      const s = info.State;
      const failure = classifyStartup({
        subject: l.subject,
        image: l.image,
        container: { running: false, exitCode: s.ExitCode, oomKilled: s.OOMKilled, oomEvents: 0, restartCount: info.RestartCount ?? 0, restarting: false, memoryLimitBytes: l.resources.memoryBytes },
        logTail,
        elapsedMs: 0,
        timeoutMs: 1,
      });
      if (failure) return err(failure);
    }
    const serverPort = hostPortOf(info, plan.serverPort);
    const healthPort = hostPortOf(info, plan.healthPort);
    if (serverPort === null || healthPort === null) {
      await removeContainer(docker, container.id);
      // Named CONTAINER_START_ERROR by the catch below.
      throw new Error(`Container ${l.containerName} started without a published port.`);
    }
    return ok({ containerId: container.id, serverPort, healthPort });
  } catch (cause) {
    const failure = startFailure(l, cause);
    if (failure) return err(failure);
    throw cause;
  }
}

export async function removeContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true });
  } catch (cause) {
    // Gone already (404), or its removal is under way (409): either way it is going.
    if (engineStatusOf(cause) !== 404 && engineStatusOf(cause) !== 409) throw cause;
  }
}

export interface ManagedContainer {
  id: string;
  name: string;
  deploymentId: string;
  instanceId: string;
  running: boolean;
  state: string;
}

export async function listManagedContainers(docker: Docker, installationId: string): Promise<ManagedContainer[]> {
  const all = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`, `${LABELS.role}=instance`, `${LABELS.installation}=${installationId}`] },
  });
  return all.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? '').replace(/^\//, ''),
    deploymentId: c.Labels[LABELS.deployment] ?? '',
    instanceId: c.Labels[LABELS.instance] ?? '',
    running: c.State === 'running',
    state: c.State,
  }));
}

/** The container's last output lines, to say why it failed to start. */
export async function containerTail(docker: Docker, id: string, lines = 15): Promise<string> {
  try {
    const buf = await docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false });
    return demux(buf).trim();
  } catch {
    return '';
  }
}

/** Docker multiplexes stdout/stderr of a non-TTY container in 8-byte-header frames. */
export function demux(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 1 || buf[i] === 2) && buf[i + 1] === 0) {
    const size = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return i === 0 ? buf.toString('utf8') : out;
}


export function dockerMessage(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const json = (e as { json?: { message?: string } }).json;
    if (json?.message) return json.message;
    const message = (e as { message?: string }).message;
    if (message) return message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '');
  }
  return String(e);
}
