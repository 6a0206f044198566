import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '@/server/config';
import { esbuildBundle } from '@/scripts/lib/esbuild-bundle.mjs';
import { gatewayCodeVersion } from './code-version';
import { DEFAULT_GATEWAY_PORT, gatewayFiles } from './config';
import { gatewayHealthSchema, type GatewayHealth } from './status-contract';

export interface EnsureGatewayOptions {
  dataDir: string;
  port?: number;
  /** How long a new gateway may take to answer its health check. */
  timeoutMs?: number;
  /** The checkout to run scripts/gateway.ts from. */
  root?: string;
  /** Extra environment for a new gateway (e.g. BERTH_HEALTH_INTERVAL_MS). */
  env?: Record<string, string>;
  /** gatewayCodeVersion(root), when the caller has it already (a supervisor restarting often). */
  codeVersion?: string;
}

export interface GatewayHandle {
  url: string;
  pid: number;
  /** True when a gateway was already answering and nothing was started. */
  reused: boolean;
  /** The pid of a gateway running older code, stopped to start this one. */
  replaced?: number;
}

/** Node's arguments for a gateway process of this checkout: its bundle, or scripts/gateway.ts through tsx. */
export function gatewayNodeArgs(root: string, codeVersion: string): string[] {
  const bundle = esbuildBundle(root, { entry: 'scripts/gateway.ts', name: 'gateway', key: codeVersion });
  return bundle ? [bundle] : ['--import', 'tsx', 'scripts/gateway.ts'];
}

/**
 * Makes sure a gateway serves this data directory on the port: reuses one that answers
 * /_berth/health with this checkout's code version (and replaces one that runs other code), else
 * starts scripts/gateway.ts detached (it outlives the caller, logging to
 * <dataDir>/gateway.log) and waits until it answers.
 */
export async function ensureGatewayRunning(options: EnsureGatewayOptions): Promise<GatewayHandle> {
  const port = options.port ?? DEFAULT_GATEWAY_PORT;
  const url = `http://127.0.0.1:${port}`;
  const dataDir = path.resolve(options.dataDir);
  const dbFile = loadConfig({ BERTH_DATA_DIR: dataDir }).dbFile;
  const { logFile } = gatewayFiles(dataDir);

  const root = options.root ?? PROJECT_ROOT;
  let replaced: number | undefined;
  const running = await probeHealth(url);
  if (running) {
    // Another checkout's gateway on this port would route to the wrong deployments.
    if (running.dbFile && path.resolve(running.dbFile) !== dbFile) {
      throw new Error(
        `Port ${port} has a Berth gateway serving ${running.dbFile}, not ${dbFile}. ` +
          `Stop it (kill ${running.pid}) or choose another port with BERTH_GATEWAY_PORT.`,
      );
    }
    if (running.code === (options.codeVersion ?? gatewayCodeVersion(root))) return { url, pid: running.pid, reused: true };
    // Older code (an upgrade, a pull): it finishes the requests in flight and makes way.
    await stopGateway(url, running.pid);
    replaced = running.pid;
  }

  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.openSync(logFile, 'a');
  // A bundle of this code starts in about half the time tsx needs to compile the sources, which
  // is what a restart after a crash waits on; tsx (as a loader, in the one process) is the
  // fallback. The code version is handed over so the process need not hash the sources again.
  const codeVersion = options.codeVersion ?? gatewayCodeVersion(root);
  const child = spawn(process.execPath, gatewayNodeArgs(root, codeVersion), {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      BERTH_GATEWAY_CODE_VERSION: codeVersion,
      ...options.env,
      BERTH_DATA_DIR: dataDir,
      BERTH_GATEWAY_PORT: String(port),
    },
  });
  fs.closeSync(log);
  child.unref();

  // Assigned only in callbacks: the cast keeps TS from narrowing it to null for good.
  let exit = null as string | null;
  child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `exit code ${code ?? '?'}`));
  child.once('error', (err) => (exit = err.message));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const health = await probeHealth(url);
    if (health && health.dbFile && path.resolve(health.dbFile) === dbFile) {
      return { url, pid: health.pid, reused: false, ...(replaced === undefined ? {} : { replaced }) };
    }
    if (exit !== null) throw new Error(`The gateway stopped (${exit}) before answering. Last lines of ${logFile}:\n${tail(logFile)}`);
    // Polling the health endpoint is the readiness signal; the pause only spaces the probes.
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The gateway did not answer on ${url} within ${options.timeoutMs ?? 30_000} ms; see ${logFile}`);
}

/** SIGTERM, then waits for the port to stop answering (the gateway drains for up to 10 s). */
async function stopGateway(url: string, pid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw new Error(`Could not stop the gateway running older code (pid ${pid}): ${String(e)}`);
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = await probeHealth(url);
    if (!health || health.pid !== pid) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The gateway running older code (pid ${pid}) did not stop within ${timeoutMs} ms; stop it with kill ${pid}.`);
}

export type GatewayProbe = { ok: true; health: GatewayHealth } | { ok: false; reason: 'refused' | 'timeout' | 'other'; detail: string };

/** One health check, saying why it failed: refused (nothing listens), timeout (hung or busy), other. */
export async function probeGateway(url: string, timeoutMs = 1000): Promise<GatewayProbe> {
  try {
    const res = await fetch(`${url}/_berth/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = gatewayHealthSchema.safeParse(await res.json().catch(() => ({})));
    if (res.ok && body.success) return { ok: true, health: body.data };
    return { ok: false, reason: 'other', detail: `HTTP ${res.status} from /_berth/health` };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    if (cause === 'ECONNREFUSED') return { ok: false, reason: 'refused', detail: 'connection refused' };
    // The process died with this probe's connection open: as dead as refused, nothing to wait for.
    if (cause === 'ECONNRESET') return { ok: false, reason: 'refused', detail: 'connection reset' };
    if ((e as Error).name === 'TimeoutError') return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    return { ok: false, reason: 'other', detail: cause ?? (e as Error).message };
  }
}

async function probeHealth(url: string): Promise<GatewayHealth | null> {
  try {
    const res = await fetch(`${url}/_berth/health`, { signal: AbortSignal.timeout(1000) });
    if (!res.ok) return null;
    const body = gatewayHealthSchema.safeParse(await res.json());
    return body.success ? body.data : null;
  } catch {
    // Refused or not a gateway: either way there is none to reuse.
    return null;
  }
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
