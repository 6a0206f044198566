import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as requestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import Docker from 'dockerode';
import * as common from 'oci-common';
import type { DataScienceClient } from 'oci-datascience';
import { openDatabase, type Db } from '../db/client';
import { readInstallation, type Installation } from '../db/seed';
import { addApiKey, sdkClient, type ApiKeyPair } from '../tests/support/oci-sdk';
import { E2E_ADMIN, signIn } from './auth';

// The OCI context in Chromium needs two more Berths of the spec's own: one is the "cloud" (its
// OCI-compatible APIs are what the OCI provider's SDK clients reach), the other a console whose
// OCI config file has profiles pointing at the cloud. The cloud's administrator signs with an
// API key stored as the identity flow stores one; a profile may name a key file that is missing.

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });

export interface ServedConsole {
  url: string;
  dataDir: string;
  output: () => string;
}

export interface OciCloudE2e {
  /** The folder of both data directories, the config file and the key files. */
  dir: string;
  cloud: ServedConsole;
  installation: Installation;
  key: ApiKeyPair;
  /** The cloud's database, open until startConsole(): for what a spec seeds directly. */
  db: Db;
  /** oci-datascience signing as the cloud's administrator. */
  sdk: DataScienceClient;
  /** Closes the cloud's database and serves the console that reads the config file. */
  startConsole(env?: Record<string, string>): Promise<ServedConsole>;
  /** Stops both consoles and their gateways, removes both installations' containers and the folder. */
  stop(): Promise<void>;
}

export interface OciCloudOptions {
  /** The spec's run port (its baseURL's); the consoles take `base + offset` and the next port for their gateways. */
  base: number;
  cloudOffset: number;
  consoleOffset: number;
  /** Profiles of the config file: `key` signs with the administrator's key, `missing` names a key file that is not there. */
  profiles: Record<string, 'key' | 'missing'>;
  /** Settings of the cloud's console (BERTH_PREDICT_AUTH=signed, a supervised gateway for deployments that serve). */
  cloudEnv?: Record<string, string>;
}

async function healthy(url: string, output: () => string): Promise<void> {
  const probe = await requestContext.newContext();
  try {
    await expect.poll(async () => (await probe.get(`${url}/api/health`, { timeout: 2000 }).catch(() => null))?.status() ?? 0, { timeout: 90_000 }).toBe(200);
  } catch (err) {
    throw new Error(`${url} did not answer /api/health: ${String(err)}\n${output()}`);
  } finally {
    await probe.dispose();
  }
}

function tenancyOf(s: ServedConsole): string | null {
  const file = path.join(s.dataDir, 'berth.sqlite');
  if (!fs.existsSync(file)) return null;
  const db = openDatabase(file);
  try {
    return readInstallation(db)?.tenancyId ?? null;
  } finally {
    db.$client.close();
  }
}

export async function startOciCloud(options: OciCloudOptions): Promise<OciCloudE2e> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-oci-'));
  const children: ChildProcess[] = [];
  const served: ServedConsole[] = [];

  function serve(port: number, dataDir: string, env: Record<string, string>): ServedConsole {
    let output = '';
    const child = spawn(process.execPath, ['scripts/lib/console-server.mjs', '127.0.0.1', String(port)], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BERTH_DATA_DIR: dataDir, BERTH_ADMIN_PASSWORD: E2E_ADMIN.password, BERTH_GATEWAY_PORT: String(port + 1), BERTH_GATEWAY_SUPERVISE: '0', BERTH_RECONCILE_INTERVAL_MS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    children.push(child);
    const s = { url: `http://127.0.0.1:${port}`, dataDir, output: () => output };
    served.push(s);
    return s;
  }

  const cloud = serve(options.base + options.cloudOffset, path.join(dir, 'cloud'), options.cloudEnv ?? {});
  await healthy(cloud.url, cloud.output);
  const db = openDatabase(path.join(cloud.dataDir, 'berth.sqlite'));
  const installation = readInstallation(db);
  if (!installation) throw new Error('The cloud has no installation record.');
  const key = addApiKey(db, installation.userId);
  fs.writeFileSync(path.join(dir, 'cloud.pem'), key.privateKeyPem, { mode: 0o600 });
  const profile = (name: string, keyFile: string) =>
    `[${name}]\nuser=${installation.userId}\nfingerprint=${key.fingerprint}\nkey_file=${keyFile}\ntenancy=${installation.tenancyId}\nregion=us-ashburn-1\nberth_endpoint=${cloud.url}\nberth_compartment=${installation.defaultCompartmentId}\n`;
  const profiles = Object.entries(options.profiles).map(([name, kind]) => profile(name, path.join(dir, kind === 'key' ? 'cloud.pem' : 'missing.pem')));
  fs.writeFileSync(path.join(dir, 'config'), profiles.join('\n'));

  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  const sdk = sdkClient(cloud.url, installation.tenancyId, installation.userId, key);
  let dbOpen = true;
  const closeDb = () => {
    if (dbOpen) db.$client.close();
    dbOpen = false;
  };

  return {
    dir,
    cloud,
    installation,
    key,
    db,
    sdk,
    async startConsole(env = {}) {
      closeDb();
      const console = serve(options.base + options.consoleOffset, path.join(dir, 'console'), { BERTH_OCI_CONFIG_FILE: path.join(dir, 'config'), ...env });
      await healthy(console.url, console.output);
      return console;
    },
    async stop() {
      closeDb();
      for (const child of children.reverse()) {
        if (child.exitCode !== null) continue;
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      // The consoles' gateways outlive them by design; they are this spec's own.
      for (const s of served) {
        const pidFile = path.join(s.dataDir, 'gateway.pid');
        const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
        if (Number.isInteger(pid) && pid > 0) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            // Already gone.
          }
        }
      }
      // The model containers of both installations are this spec's own too.
      for (const tenancy of [installation.tenancyId, ...served.slice(1).map(tenancyOf)]) {
        if (!tenancy) continue;
        const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${tenancy}`] } });
        for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser session of its own on the console, signed in as the administrator. */
export async function signedInSession(browser: Browser, consoleUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: { origin: consoleUrl } });
  const page = await context.newPage();
  await signIn(page, E2E_ADMIN);
  return { context, page };
}

/** Switches the page's session from Local to the profile, through the header's switch. */
export async function switchToProfile(page: Page, profile: string): Promise<void> {
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Context: Local' }).click();
  await page.getByRole('menuitem', { name: profile, exact: true }).click();
  await expect(page.getByRole('button', { name: `Context: ${profile}` })).toBeVisible();
}
