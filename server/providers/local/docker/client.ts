import Docker from 'dockerode';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** The HTTP status of a failed Engine API call (404 no such object, 409 conflict), if it had one. */
export const engineStatusOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null ? (e as { statusCode?: number }).statusCode : undefined;

/**
 * A dockerode client for the engine named by DOCKER_HOST, else the local socket. dockerode reads
 * DOCKER_HOST itself (unix://, tcp://, ssh://) when given no options, so only the default is ours.
 */
export function createDockerClient(env: Record<string, string | undefined> = process.env): Docker {
  return env.DOCKER_HOST ? new Docker() : new Docker({ socketPath: DEFAULT_DOCKER_SOCKET });
}

/** Whether the engine answers. Any failure (no socket, refused, not a Docker API) is a plain no. */
export async function pingDocker(docker: Docker): Promise<boolean> {
  try {
    await docker.ping();
    return true;
  } catch {
    return false;
  }
}

export interface DockerHostInfo {
  /** The NVIDIA container runtime is registered, so GPU shapes could run here. */
  nvidiaRuntime: boolean;
  cpus: number;
  memoryBytes: number;
}

/** What the engine's host offers, for deciding which shapes the local provider can honour. */
export async function dockerInfo(docker: Docker): Promise<DockerHostInfo> {
  const info: unknown = await docker.info();
  return parseDockerInfo(info);
}

/** The parsing half of dockerInfo, separate so it is testable without an engine. */
export function parseDockerInfo(info: unknown): DockerHostInfo {
  const record = typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
  const runtimes = record.Runtimes;
  const nvidiaRuntime = typeof runtimes === 'object' && runtimes !== null && 'nvidia' in runtimes;
  const cpus = typeof record.NCPU === 'number' ? record.NCPU : 0;
  const memoryBytes = typeof record.MemTotal === 'number' ? record.MemTotal : 0;
  return { nvidiaRuntime, cpus, memoryBytes };
}
