import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as requestContext, test } from '@playwright/test';
import * as common from 'oci-common';
import { openDatabase } from '../db/client';
import { readInstallation } from '../db/seed';
import { addApiKey, sdkClient } from '../tests/support/oci-sdk';
import { E2E_ADMIN, signIn } from './auth';
import { uniqueName } from './support';

// The context switch in Chromium: a second Berth is the "cloud", a third console reads an OCI
// config file whose profile points at it, and switching this browser session to that profile
// lists the cloud's projects; a profile without its key file says so on the switch.

let dir: string;
const children: ChildProcess[] = [];
let consoleUrl: string;
let projectName: string;

function serve(port: number, dataDir: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['scripts/lib/console-server.mjs', '127.0.0.1', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BERTH_DATA_DIR: dataDir, BERTH_ADMIN_PASSWORD: E2E_ADMIN.password, BERTH_GATEWAY_PORT: String(port + 1), BERTH_GATEWAY_SUPERVISE: '0', BERTH_RECONCILE_INTERVAL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  children.push(child);
  return { child, output: () => output };
}

async function healthy(url: string, output: () => string) {
  const probe = await requestContext.newContext();
  try {
    await expect.poll(async () => (await probe.get(`${url}/api/health`, { timeout: 2000 }).catch(() => null))?.status() ?? 0, { timeout: 90_000 }).toBe(200);
  } catch (err) {
    throw new Error(`${url} did not answer /api/health: ${String(err)}\n${output()}`);
  } finally {
    await probe.dispose();
  }
}

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const base = Number(new URL(baseURL ?? '').port);
  const [cloudPort, consolePort] = [base + 95, base + 97];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-oci-'));
  const cloudData = path.join(dir, 'cloud');
  const cloud = serve(cloudPort, cloudData, {});
  const cloudUrl = `http://127.0.0.1:${cloudPort}`;
  await healthy(cloudUrl, cloud.output);

  // An API key for the cloud's administrator, stored as its identity flow stores one.
  const db = openDatabase(path.join(cloudData, 'berth.sqlite'));
  const installation = readInstallation(db)!;
  const key = addApiKey(db, installation.userId);
  db.$client.close();
  fs.writeFileSync(path.join(dir, 'cloud.pem'), key.privateKeyPem, { mode: 0o600 });
  const profile = (name: string, keyFile: string) =>
    `[${name}]\nuser=${installation.userId}\nfingerprint=${key.fingerprint}\nkey_file=${keyFile}\ntenancy=${installation.tenancyId}\nregion=us-ashburn-1\nberth_endpoint=${cloudUrl}\nberth_compartment=${installation.defaultCompartmentId}\n`;
  fs.writeFileSync(path.join(dir, 'config'), [profile('CLOUD', path.join(dir, 'cloud.pem')), profile('NO_KEY', path.join(dir, 'missing.pem'))].join('\n'));

  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  projectName = uniqueName('cloud-project');
  await sdkClient(cloudUrl, installation.tenancyId, installation.userId, key).createProject({ createProjectDetails: { compartmentId: installation.defaultCompartmentId, displayName: projectName } });

  const served = serve(consolePort, path.join(dir, 'console'), { BERTH_OCI_CONFIG_FILE: path.join(dir, 'config') });
  consoleUrl = `http://127.0.0.1:${consolePort}`;
  await healthy(consoleUrl, served.output);
});

test.afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
  // The consoles' gateways outlive them by design; they are this spec's own.
  for (const sub of ['cloud', 'console']) {
    const pidFile = path.join(dir, sub, 'gateway.pid');
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('switches this session to an OCI profile and lists its projects', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    await page.goto('/projects');
    await expect(page.getByRole('link', { name: projectName, exact: true })).toHaveCount(0);

    await page.getByRole('button', { name: 'Context: Local' }).click();
    await expect(page.getByRole('menuitem', { name: `NO_KEY: Its key file ${path.join(dir, 'missing.pem')} does not exist.` })).toBeDisabled();
    await page.getByRole('menuitem', { name: 'CLOUD', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Context: CLOUD' })).toBeVisible();
    await expect(page.getByRole('link', { name: projectName, exact: true })).toBeVisible();

    // Another browser session of the same user is still in Local: the choice is per session.
    const other = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: {} });
    try {
      const second = await other.newPage();
      await signIn(second, E2E_ADMIN);
      await second.goto('/projects');
      await expect(second.getByRole('button', { name: 'Context: Local' })).toBeVisible();
      await expect(second.getByRole('link', { name: projectName, exact: true })).toHaveCount(0);
    } finally {
      await other.close();
    }

    // No key material reaches the browser.
    expect(await page.content()).not.toContain('PRIVATE KEY');
    await page.getByRole('button', { name: 'Context: CLOUD' }).click();
    await page.getByRole('menuitem', { name: 'Local', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Context: Local' })).toBeVisible();
    await expect(page.getByRole('link', { name: projectName, exact: true })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
