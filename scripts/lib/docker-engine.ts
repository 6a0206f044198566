import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDockerClient, pingDocker } from '@/server/providers/local/docker/client';
import { Failure, childEnv, formatMs, runOrFail } from './run';

const DOCKERD_LOG = '/var/log/berth-dockerd.log';
const DOCKERD_PID_FILE = '/var/run/docker.pid';
const START_TIMEOUT_MS = 60_000;
// Between pings while dockerd starts. A ping is the readiness signal itself; this only spaces the
// attempts that fail at once (no socket yet, or a stale one from an engine that has gone).
const PING_INTERVAL_MS = 250;

// dockerd and debootstrap live in /usr/sbin, which a non-login root shell may not have on PATH.
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function onPath(command: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), ...SBIN_DIRS]) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && fs.existsSync('/etc/debian_version') && onPath('apt-get') !== undefined;
}

/** Installs Debian packages with apt-get, its output streamed to the terminal. */
async function aptInstall(packages: readonly string[], why: string): Promise<void> {
  console.log(`Installing ${packages.join(', ')} with apt-get (${why})...`);
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  await runOrFail('apt-get update', 'apt-get', ['update'], { env });
  await runOrFail(`Installing ${packages.join(', ')}`, 'apt-get', ['install', '-y', ...packages], { env });
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function dockerdAlreadyRunning(): boolean {
  try {
    const pid = Number(fs.readFileSync(DOCKERD_PID_FILE, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    // A killed dockerd can linger as a zombie, or its pid be reused: only a live dockerd counts.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && stat.includes('(dockerd)');
  } catch {
    return false;
  }
}

const DAEMON_CONFIG = '/etc/docker/daemon.json';

/**
 * The flags Berth starts its own dockerd with. BERTH_DOCKER_USERLAND_PROXY=false publishes ports
 * without the userland proxy: the kernel's NAT carries 127.0.0.1:port to the container, where
 * docker-proxy (a Go process) copies every byte of every request through itself. That took the
 * model server's rate through the gateway from 4,232 to 6,404 req/s (README, model server's share).
 * It is not the default: with it, one end-to-end test (a custom container on a server that closes
 * each connection) twice failed to go Active or to answer in CI, for a cause not yet found.
 * The ports stay bound to 127.0.0.1 either way. A setting of the machine's own in daemon.json is
 * left to it (dockerd refuses to start when a flag repeats a key of its configuration file).
 */
export function dockerdArgs(configFile = DAEMON_CONFIG, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  if (env.BERTH_DOCKER_USERLAND_PROXY !== 'false') return [];
  let config: unknown = null;
  try {
    config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  } catch {
    // No configuration file, or one dockerd itself will name as broken when it starts.
  }
  const own = typeof config === 'object' && config !== null && 'userland-proxy' in config;
  return own ? [] : ['--userland-proxy=false'];
}

/**
 * Starts dockerd in its own session with its output in a log file, so it outlives `npm start` and
 * the terminal: the deployments' containers must keep running after the console stops. Resolves
 * with a promise that settles only if dockerd exits, to fail fast instead of waiting out the bound.
 */
function startDockerd(): Promise<never> {
  const log = fs.openSync(DOCKERD_LOG, 'a');
  const child = spawn(onPath('dockerd') ?? 'dockerd', dockerdArgs(), { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  child.unref();
  console.log(`Started dockerd (pid ${child.pid ?? '?'}), logging to ${DOCKERD_LOG}.`);
  return new Promise((_, reject) => {
    child.once('error', (e) => reject(new Failure(`Could not start dockerd: ${e.message}`)));
    child.once('exit', (code, signal) =>
      reject(
        new Failure(
          `dockerd exited (${signal ?? `exit code ${code}`}) before it answered. The end of ${DOCKERD_LOG}:\n` +
            tail(DOCKERD_LOG, 20),
        ),
      ),
    );
  });
}

/** Resolves once the engine answers a ping; rejects after timeoutMs. */
async function waitForEngine(timeoutMs: number, exited: Promise<never>): Promise<void> {
  const docker = createDockerClient();
  const deadline = performance.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const answered = (async () => {
    while (!settled && performance.now() < deadline) {
      if (await pingDocker(docker)) return true;
      await new Promise<void>((resolve) => (timer = setTimeout(resolve, PING_INTERVAL_MS)));
    }
    return false;
  })();
  try {
    const ok = await Promise.race([answered, exited]);
    if (!ok) {
      throw new Failure(
        `dockerd did not answer on its socket within ${formatMs(timeoutMs)}. The end of ${DOCKERD_LOG}:\n` +
          tail(DOCKERD_LOG, 20),
      );
    }
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}

const HOW_TO_START =
  'The local provider runs model deployments as Docker containers and needs a Docker engine.\n' +
  'Install and start one, for example on Debian or Ubuntu as root:\n' +
  '  apt-get update && apt-get install -y docker.io debootstrap\n' +
  `  setsid dockerd > ${DOCKERD_LOG} 2>&1 &\n` +
  'or point DOCKER_HOST to a running engine, then run the command again.';

/**
 * Makes sure a Docker engine answers, and that debootstrap (which builds the base image) is
 * there. An engine already running is used as it is; otherwise, as root on Debian, docker.io is
 * installed when dockerd is missing and dockerd is started. Anything else stops with what to do.
 */
export async function ensureDockerEngine(): Promise<void> {
  const docker = createDockerClient();
  const running = await pingDocker(docker);
  const missing = [
    ...(!running && !onPath('dockerd') ? ['docker.io'] : []),
    ...(!onPath('debootstrap') ? ['debootstrap'] : []),
  ];
  if (running) {
    if (missing.length > 0 && canInstallWithApt()) await aptInstall(missing, 'to build the base image');
    return reportEngine();
  }
  if (process.env.DOCKER_HOST) {
    throw new Failure(`DOCKER_HOST is ${process.env.DOCKER_HOST}, but no Docker engine answers there.\n${HOW_TO_START}`);
  }
  if (!canInstallWithApt()) throw new Failure(`No Docker engine answers on /var/run/docker.sock.\n${HOW_TO_START}`);
  if (missing.length > 0) await aptInstall(missing, 'no Docker engine on this machine; about 15 s');

  const t0 = performance.now();
  // A dockerd that is still starting (say, from an interrupted run) is waited for, not doubled.
  const exited = dockerdAlreadyRunning() ? new Promise<never>(() => {}) : startDockerd();
  await waitForEngine(START_TIMEOUT_MS, exited);
  console.log(`Docker engine answered after ${formatMs(performance.now() - t0)}.`);
  await reportEngine();
}

async function reportEngine(): Promise<void> {
  const version = await createDockerClient().version();
  console.log(`Docker engine ${version.Version} (API ${version.ApiVersion}) is running.`);
}

export interface EngineRestart {
  /** ms from SIGTERM until the old dockerd had exited. */
  stoppedMs: number;
  /** ms from SIGTERM until the new dockerd answered a ping. */
  answeredMs: number;
  /** performance.now() when the new engine first answered. */
  answeredAt: number;
}

/**
 * Restarts the dockerd that the setup started (its pid file), as `systemctl restart docker`
 * would: SIGTERM, wait for it to exit (it stops the containers first), start a new one and
 * wait until it answers. Only where the setup runs dockerd itself (root, a pid file); the
 * integration tests use it to prove that deployments come back after an engine restart.
 */
export async function restartDockerEngine(timeoutMs = START_TIMEOUT_MS): Promise<EngineRestart> {
  if (!dockerdAlreadyRunning()) throw new Failure(`No dockerd runs from ${DOCKERD_PID_FILE}; only an engine the setup started can be restarted.`);
  const pid = Number(fs.readFileSync(DOCKERD_PID_FILE, 'utf8').trim());
  const t0 = performance.now();
  process.kill(pid, 'SIGTERM');
  const deadline = t0 + timeoutMs;
  // The process's exit is the signal; /proc is polled because it is not our child.
  while (fs.existsSync(`/proc/${pid}`) && !isZombie(pid)) {
    if (performance.now() > deadline) throw new Failure(`dockerd (pid ${pid}) did not stop within ${formatMs(timeoutMs)}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const stoppedMs = performance.now() - t0;
  await waitForEngine(timeoutMs, startDockerd());
  const answeredAt = performance.now();
  return { stoppedMs, answeredMs: answeredAt - t0, answeredAt };
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}
