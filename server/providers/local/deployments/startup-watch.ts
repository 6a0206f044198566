import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { parseProcNetTcp, type ListeningSocket } from '@/server/domain/listening-ports';
import { err, ok, type Result } from '@/server/domain/result';
import { classifyStartup, type HealthAnswer, type StartupFailure, type StartupSignals } from '@/server/domain/startup-failure';
import { engineStatusOf } from '../docker/client';
import { containerTail, demux } from './containers';

// The one entry point that watches a container start until it serves or its failure is named.
// It gathers real signals (Docker's state and events, the health answer, the sockets the
// container listens on, its output) and lets server/domain/startup-failure decide after each
// round. Deployments, the reconciler and a throwaway check container all start through it.

export interface StartupTarget {
  containerId: string;
  /** How messages name it: "Instance 1". */
  subject: string;
  image: string;
  /** The published host port that reaches the health check port. */
  hostHealthPort: number;
  healthPath: string;
  /** The health check port inside the container. */
  healthPort: number;
  /** The ports the configuration says the server listens on, inside the container. */
  declared: { port: number; role: string }[];
  memoryLimitBytes?: number;
}

export interface WatchOptions {
  timeoutMs: number;
  /** Ends the watch early (another instance of the generation failed, say): resolves ok. */
  signal?: AbortSignal;
  /** Every round's signals, for whoever wants to see the start progress (faults, tests). */
  onObservation?: (s: StartupSignals) => void;
}

const ROUND_MS = 250;
const LOG_LINES = 80;

async function askHealth(port: number, path: string): Promise<HealthAnswer> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
    return { kind: 'http', status: res.status, body: (await res.text()).slice(0, 2000) };
  } catch (cause) {
    const e = cause as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'unreachable', error: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

/** The container's listening sockets from its own /proc/net/tcp{,6}; null when they can't be read. */
export async function listeningSockets(docker: Docker, containerId: string): Promise<ListeningSocket[] | null> {
  try {
    const exec = await docker.getContainer(containerId).exec({ Cmd: ['cat', '/proc/net/tcp', '/proc/net/tcp6'], AttachStdout: true, AttachStderr: false });
    const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    const text = demux(Buffer.concat(chunks));
    // No header means no cat, or no /proc: the image cannot tell.
    return text.includes('local_address') ? parseProcNetTcp(text) : null;
  } catch {
    return null;
  }
}

interface ContainerState {
  running: boolean;
  exitCode: number | null;
  oomKilled: boolean;
  restartCount: number;
  restarting: boolean;
}

async function inspectState(docker: Docker, id: string): Promise<ContainerState> {
  try {
    const info = await docker.getContainer(id).inspect();
    const s = info.State;
    return { running: s.Running, exitCode: s.Running ? null : s.ExitCode, oomKilled: s.OOMKilled, restartCount: info.RestartCount ?? 0, restarting: s.Restarting };
  } catch (cause) {
    if (engineStatusOf(cause) === 404) return { running: false, exitCode: null, oomKilled: false, restartCount: 0, restarting: false };
    throw cause;
  }
}

/** Docker's events for one container: counts OOM kills and wakes the watcher on any change. */
async function followEvents(docker: Docker, id: string, onEvent: (action: string) => void): Promise<() => void> {
  try {
    const stream = (await docker.getEvents({ filters: { type: ['container'], container: [id], event: ['die', 'oom', 'restart', 'kill'] } })) as unknown as Readable;
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const e = JSON.parse(line) as { Action?: string; status?: string };
          onEvent(e.Action ?? e.status ?? '');
        } catch {
          // A partial or foreign line: the state is inspected each round anyway.
        }
      }
    });
    stream.on('error', () => undefined);
    return () => stream.destroy();
  } catch {
    return () => undefined;
  }
}

const sameSockets = (a: ListeningSocket[] | null, b: ListeningSocket[] | null) => JSON.stringify(a) === JSON.stringify(b);
const sameAnswer = (a: HealthAnswer | null, b: HealthAnswer) =>
  a !== null && a.kind === b.kind && (a.kind === 'unreachable' || (b.kind === 'http' && a.status === b.status));

/**
 * Watches one started container until its health check passes (ok) or a failure is named (err).
 * The startup timeout is the last resort, for a server that is still loading.
 */
export async function watchStartup(docker: Docker, t: StartupTarget, opts: WatchOptions): Promise<Result<void, StartupFailure>> {
  const t0 = Date.now();
  let oomEvents = 0;
  let wake: (() => void) | null = null;
  const stopEvents = await followEvents(docker, t.containerId, (action) => {
    if (action === 'oom') oomEvents++;
    wake?.();
  });
  const onAbort = () => wake?.();
  opts.signal?.addEventListener('abort', onAbort);
  let health: StartupSignals['health'] = { path: t.healthPath, port: t.healthPort, last: null, sameFor: 0 };
  let listening: NonNullable<StartupSignals['listening']> = { declared: t.declared, sockets: null, sameFor: 0 };
  let logTail = '';
  try {
    for (let round = 0; ; round++) {
      if (opts.signal?.aborted) return ok(undefined);
      const answer = await askHealth(t.hostHealthPort, t.healthPath);
      health = { ...health, last: answer, sameFor: sameAnswer(health.last, answer) ? health.sameFor + 1 : 1 };
      const state = await inspectState(docker, t.containerId);
      const healthy = answer.kind === 'http' && answer.status >= 200 && answer.status < 300;
      // Sockets are read when they can explain something: no answer yet, or healthy with a
      // second declared port (the server port) that nobody has checked.
      if (state.running && (answer.kind === 'unreachable' || (healthy && t.declared.length > 1))) {
        const sockets = await listeningSockets(docker, t.containerId);
        listening = { ...listening, sockets, sameFor: sameSockets(listening.sockets, sockets) ? listening.sameFor + 1 : 1 };
        // Healthy already means the server is up: one read is the settled picture.
        if (healthy) listening = { ...listening, sameFor: Math.max(listening.sameFor, 2) };
      }
      // The output is read every few rounds (the OOM line of a restarted worker shows there) and
      // always before a verdict, so the excerpt is current.
      if (round % 4 === 0) logTail = await containerTail(docker, t.containerId, LOG_LINES);
      const signals = (): StartupSignals => ({
        subject: t.subject,
        image: t.image,
        container: { ...state, oomEvents, ...(t.memoryLimitBytes ? { memoryLimitBytes: t.memoryLimitBytes } : {}) },
        health,
        listening,
        logTail,
        elapsedMs: Date.now() - t0,
        timeoutMs: opts.timeoutMs,
      });
      opts.onObservation?.(signals());
      let failure = classifyStartup(signals());
      if (failure) {
        logTail = await containerTail(docker, t.containerId, LOG_LINES);
        failure = classifyStartup(signals()) ?? failure;
        return err(failure);
      }
      if (healthy) return ok(undefined);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ROUND_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    stopEvents();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
