import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, loadConfig } from '@/server/config';
import { createAppContext } from '@/server/services/context';
import { openDatabase } from '@/db/client';
import { readInstallation } from '@/db/seed';
import { createSession, SESSION_COOKIE } from '@/server/services/identity/sessions';
import { ensureBuild } from '@/scripts/lib/build';
import { CONSOLE_SERVER } from '@/scripts/lib/serve';
import { freePort } from './support';

// The console as `npm start` serves it: the production build behind scripts/lib/console-server.mjs,
// in a child process over a throwaway data directory, so tests reach the real route handlers
// through real HTTP (and can kill the process mid-request).

export interface ConsoleProcess {
  url: string;
  dataDir: string;
  /** A signed-in administrator's session cookie and the console's own Origin, for every request. */
  auth: Record<string, string>;
  /** The console's output so far, for a failure message. */
  output(): string;
  /** SIGTERM (or SIGKILL: a crash) and wait for the process to be gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

let built: Promise<unknown> | null = null;

/** Starts a console on a free port; `dataDir` to start one over an existing data directory. */
export async function startConsole(options: { dataDir?: string; env?: Record<string, string>; port?: number; gatewayPort?: number } = {}): Promise<ConsoleProcess> {
  built ??= ensureBuild();
  await built;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-console-'));
  const port = options.port ?? (await freePort());
  const gatewayPort = options.gatewayPort ?? (await freePort());
  const child = spawn(process.execPath, [CONSOLE_SERVER, '127.0.0.1', String(port)], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      BERTH_DATA_DIR: dataDir,
      BERTH_REGION: 'it',
      BERTH_GATEWAY_PORT: String(gatewayPort),
      BERTH_RECONCILE_INTERVAL_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // With BERTH_TLS_CERT the console serves HTTPS; the health poll trusts that certificate.
  const certFile = options.env?.BERTH_TLS_CERT;
  const url = `${certFile ? 'https' : 'http'}://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output, certFile ? fs.readFileSync(certFile) : undefined);
  return {
    url,
    dataDir,
    auth: { cookie: `${SESSION_COOKIE}=${adminSession(dataDir)}`, origin: url },
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      // The gateway outlives a console by design (predictions keep flowing through a restart);
      // a test's console takes its supervised gateway along, unless a later start reuses the directory.
      if (signal !== 'SIGKILL') stopGatewayOf(dataDir);
    },
  };
}

function stopGatewayOf(dataDir: string): void {
  const pidFile = path.join(dataDir, 'gateway.pid');
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** A session for the administrator, written to the console's database as a sign-in would. */
function adminSession(dataDir: string): string {
  const db = openDatabase(path.join(dataDir, 'berth.sqlite'));
  try {
    const installation = readInstallation(db);
    if (!installation) throw new Error('The console has not seeded its database.');
    return createSession(db, installation.userId, { address: '127.0.0.1', userAgent: 'integration-test' }, { idleMs: 3_600_000, absoluteMs: 86_400_000 }).token;
  } finally {
    db.$client.close();
  }
}

/** GET over HTTPS with a certificate to trust (fetch has no option for one); resolves with the status. */
export function httpsStatus(url: string, ca: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, ca?: Buffer): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The console exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const status = ca ? await httpsStatus(`${url}/api/health`, ca) : (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).status;
      if (status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`The console did not answer /api/health within 120 s:\n${output()}`);
}

/** A console, and a project made through the provider on its own database file (WAL: both may write). */
export async function startConsoleWithProject(projectName: string, options: Parameters<typeof startConsole>[0] = {}): Promise<{ console: ConsoleProcess; compartmentId: string; projectId: string }> {
  const c = await startConsole(options);
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: c.dataDir, BERTH_REGION: 'it' }));
  const compartmentId = ctx.installation.defaultCompartmentId;
  const p = await ctx.provider.createProject({ compartmentId, displayName: projectName });
  ctx.db.$client.close();
  if (!p.ok) throw new Error(p.error.message);
  return { console: c, compartmentId, projectId: p.data.id };
}

/** Stops a console and removes its data directory. */
export async function stopConsole(c: ConsoleProcess | undefined): Promise<void> {
  await c?.stop();
  if (c) stopGatewayOf(c.dataDir);
  if (c) fs.rmSync(c.dataDir, { recursive: true, force: true });
}
