import crypto from 'node:crypto';
import type Docker from 'dockerode';
import type { CurlObservation } from '@/server/domain/deployment-check';
import { engineStatusOf } from '../docker/client';
import { LABELS, containerTail, demux, dockerMessage, removeContainer } from '../deployments/containers';
import { ARTIFACT_MOUNT } from '../deployments/serving-plan';

// Throwaway containers of the checks. They carry role "check" (so the reconciler never takes one
// for an instance) and the time after which one is a leftover: a console stopped mid-check leaves
// it, and the reconciler removes it once that time has passed.

export const CHECK_ROLE = 'check';
export const CHECK_EXPIRES_LABEL = 'berth.check.expires';
/** Longer than any check runs, so only a leftover is ever past it. */
const LEFTOVER_AFTER_MS = 5 * 60_000;

export interface CheckContainerSpec {
  installationId: string;
  image: string;
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  /** Container ports to publish, on 127.0.0.1 only. */
  ports: number[];
  artifactDir: string | null;
  nanoCpus: number;
  memoryBytes: number;
  shmSizeBytes?: number;
  /** No network at all (a check that needs none). */
  isolated?: boolean;
  now: Date;
}

export async function createCheckContainer(docker: Docker, s: CheckContainerSpec): Promise<Docker.Container> {
  return docker.createContainer({
    name: `berth-check-${crypto.randomBytes(5).toString('hex')}`,
    Image: s.image,
    ...(s.entrypoint ? { Entrypoint: s.entrypoint } : {}),
    ...(s.cmd ? { Cmd: s.cmd } : {}),
    Env: Object.entries(s.env).map(([k, v]) => `${k}=${v}`),
    Labels: {
      [LABELS.managed]: 'true',
      [LABELS.installation]: s.installationId,
      [LABELS.role]: CHECK_ROLE,
      [CHECK_EXPIRES_LABEL]: String(s.now.getTime() + LEFTOVER_AFTER_MS),
    },
    ExposedPorts: Object.fromEntries(s.ports.map((p) => [`${p}/tcp`, {}])),
    HostConfig: {
      PortBindings: Object.fromEntries(s.ports.map((p) => [`${p}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
      ...(s.artifactDir ? { Binds: [`${s.artifactDir}:${ARTIFACT_MOUNT}:ro`] } : {}),
      NanoCpus: s.nanoCpus,
      Memory: s.memoryBytes,
      ...(s.shmSizeBytes ? { ShmSize: s.shmSizeBytes } : {}),
      ...(s.isolated ? { NetworkMode: 'none' } : {}),
      LogConfig: { Type: 'json-file', Config: { 'max-size': '2m', 'max-file': '1' } },
    },
  });
}

/** The host port a container port is published on (127.0.0.1), once the container runs. */
export function publishedPort(info: Docker.ContainerInspectInfo, port: number): number | null {
  const binding = info.NetworkSettings?.Ports?.[`${port}/tcp`]?.find((b) => b.HostIp === '127.0.0.1');
  return binding ? Number(binding.HostPort) : null;
}

export const readLog = (docker: Docker, id: string) => containerTail(docker, id, 200);

export async function inspectOrNull(docker: Docker, id: string): Promise<Docker.ContainerInspectInfo | null> {
  try {
    return await docker.getContainer(id).inspect();
  } catch (cause) {
    if (engineStatusOf(cause) === 404) return null;
    throw cause;
  }
}

/** Runs a command in a running container; the exit code and what it printed. */
export async function execIn(docker: Docker, id: string, cmd: string[], timeoutMs: number): Promise<{ exitCode: number | null; output: string }> {
  const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    // A command that hangs is cut off: what it printed so far is the answer.
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, timeoutMs);
    stream.on('data', (c: Buffer) => chunks.push(c));
    for (const e of ['end', 'close', 'error']) stream.on(e, done);
  });
  const info = await exec.inspect();
  return { exitCode: info.Running ? null : info.ExitCode, output: demux(Buffer.concat(chunks)).trim() };
}

const NOT_FOUND = /executable file not found|no such file or directory|not found in \$PATH/i;

/** Whether curl runs in the image: in the running container, else in a throwaway one of its own. */
export async function probeCurl(docker: Docker, id: string | null, spec: CheckContainerSpec, running: boolean): Promise<CurlObservation> {
  try {
    if (id && running) {
      const r = await execIn(docker, id, ['curl', '--version'], 5000);
      if (r.exitCode === 0) return { found: true, detail: r.output };
      if (r.exitCode === 126 || r.exitCode === 127 || NOT_FOUND.test(r.output)) return { found: false, detail: r.output };
      return { found: null, detail: `curl --version exited with code ${r.exitCode ?? '?'}: ${r.output.slice(0, 200)}` };
    }
    return await curlInOwnContainer(docker, spec);
  } catch (cause) {
    const message = dockerMessage(cause);
    return NOT_FOUND.test(message) ? { found: false, detail: message } : { found: null, detail: `curl could not be tried (${message}).` };
  }
}

async function curlInOwnContainer(docker: Docker, spec: CheckContainerSpec): Promise<CurlObservation> {
  const c = await createCheckContainer(docker, { ...spec, entrypoint: ['curl'], cmd: ['--version'], ports: [], artifactDir: null, isolated: true });
  try {
    await c.start();
    const exit = await Promise.race([
      c.wait() as Promise<{ StatusCode: number }>,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000).unref()),
    ]);
    const output = await containerTail(docker, c.id, 5);
    if (exit === null) return { found: null, detail: 'curl --version did not finish within 10 s.' };
    return exit.StatusCode === 0 ? { found: true, detail: output } : { found: false, detail: output };
  } finally {
    await removeContainer(docker, c.id);
  }
}

/** Check containers whose time is past: left by a console that stopped during a check. */
export async function removeLeftoverChecks(docker: Docker, installationId: string, now: Date): Promise<string[]> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`, `${LABELS.role}=${CHECK_ROLE}`, `${LABELS.installation}=${installationId}`] },
  });
  const removed: string[] = [];
  for (const c of list) {
    const expires = Number(c.Labels[CHECK_EXPIRES_LABEL] ?? 0);
    if (expires > now.getTime()) continue;
    await removeContainer(docker, c.Id);
    removed.push((c.Names[0] ?? c.Id).replace(/^\//, ''));
  }
  return removed;
}
