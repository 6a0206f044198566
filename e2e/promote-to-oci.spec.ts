import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as requestContext, test } from '@playwright/test';
import Docker from 'dockerode';
import * as common from 'oci-common';
import { openDatabase } from '../db/client';
import { readInstallation } from '../db/seed';
import { addApiKey, sdkClient } from '../tests/support/oci-sdk';
import { E2E_ADMIN, signIn } from './auth';
import { createProjectForDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';
import { uniqueName } from './support';

// "Promote to OCI" in Chromium: a second Berth is the "cloud", a third console reads an OCI config
// file whose profile points at it; a deployment of that console is promoted through the dialog
// (context, compartment, project, pre-flight), followed to ACTIVE there, and opened by the link.

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
let dir: string;
const children: ChildProcess[] = [];
const installations: string[] = [];
let consoleUrl: string;
let cloudProjectName: string;

function serve(port: number, dataDir: string, env: Record<string, string>): { output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['scripts/lib/console-server.mjs', '127.0.0.1', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BERTH_DATA_DIR: dataDir, BERTH_ADMIN_PASSWORD: E2E_ADMIN.password, BERTH_GATEWAY_PORT: String(port + 1), BERTH_RECONCILE_INTERVAL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  children.push(child);
  return { output: () => output };
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

function installationOf(dataDir: string) {
  const db = openDatabase(path.join(dataDir, 'berth.sqlite'));
  try {
    return { installation: readInstallation(db)!, key: addApiKey(db, readInstallation(db)!.userId) };
  } finally {
    db.$client.close();
  }
}

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const base = Number(new URL(baseURL ?? '').port);
  const [cloudPort, consolePort] = [base + 85, base + 87];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-promote-'));
  const cloudData = path.join(dir, 'cloud');
  const cloud = serve(cloudPort, cloudData, {});
  const cloudUrl = `http://127.0.0.1:${cloudPort}`;
  await healthy(cloudUrl, cloud.output);

  const { installation, key } = installationOf(cloudData);
  installations.push(installation.tenancyId);
  fs.writeFileSync(path.join(dir, 'cloud.pem'), key.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(
    path.join(dir, 'config'),
    `[CLOUD]\nuser=${installation.userId}\nfingerprint=${key.fingerprint}\nkey_file=${path.join(dir, 'cloud.pem')}\ntenancy=${installation.tenancyId}\nregion=us-ashburn-1\nberth_endpoint=${cloudUrl}\nberth_compartment=${installation.defaultCompartmentId}\n`,
  );
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  cloudProjectName = uniqueName('cloud-target');
  await sdkClient(cloudUrl, installation.tenancyId, installation.userId, key).createProject({ createProjectDetails: { compartmentId: installation.defaultCompartmentId, displayName: cloudProjectName } });

  const consoleData = path.join(dir, 'console');
  const served = serve(consolePort, consoleData, { BERTH_OCI_CONFIG_FILE: path.join(dir, 'config'), BERTH_LOAD_CHECK_S: '0' });
  consoleUrl = `http://127.0.0.1:${consolePort}`;
  await healthy(consoleUrl, served.output);
  const db = openDatabase(path.join(consoleData, 'berth.sqlite'));
  installations.push(readInstallation(db)!.tenancyId);
  db.$client.close();
});

test.afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
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
  // The model containers of both installations are this spec's own.
  for (const tenancy of installations) {
    const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${tenancy}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('promotes a local deployment to an OCI profile and follows the link there', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: { origin: consoleUrl } });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('local'));
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: 'doubler' });
    const name = uniqueName('to-promote');
    const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
    await waitForState(page.request, md.id, 'ACTIVE');

    await page.goto(`/model-deployments/${md.id}`);
    await page.getByRole('button', { name: 'Promote to OCI' }).click();
    const dialog = page.getByRole('dialog', { name: 'Promote to OCI' });
    await dialog.getByLabel('OCI context').selectOption({ label: 'CLOUD (us-ashburn-1)' });
    await dialog.getByLabel('Compartment').selectOption({ label: 'default' });
    await dialog.getByLabel('Project').selectOption({ label: cloudProjectName });
    await expect(dialog.getByRole('button', { name: 'Promote', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Run pre-flight' }).click();
    const preflight = dialog.getByRole('list', { name: 'Pre-flight' });
    await expect(preflight.getByRole('listitem', { name: 'Shape VM.Standard.E4.Flex: Pass' })).toBeVisible();
    await expect(preflight.getByRole('listitem', { name: 'Conda environment: Pass' })).toBeVisible();
    await expect(preflight.getByRole('listitem', { name: 'Policies: Warning' })).toContainText('manage data-science-family');

    await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
    await expect(dialog.getByText(/^Promoted to CLOUD:/)).toBeVisible({ timeout: 60_000 });
    await expect(dialog.getByText('The deployment in CLOUD is ACTIVE.')).toBeVisible({ timeout: 180_000 });
    const targetId = ((await dialog.getByText(/^Promoted to CLOUD:/).textContent()) ?? '').replace('Promoted to CLOUD:', '').trim();
    expect(targetId).toMatch(/^ocid1\.datasciencemodeldeployment\./);
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();

    // The local page records the link; a second promote says it was promoted already.
    const banner = page.getByRole('region', { name: 'Promotion' });
    await expect(banner).toContainText(`Promoted to CLOUD: ${targetId}`);
    await page.getByRole('button', { name: 'Promote to OCI' }).click();
    await expect(dialog.getByRole('status')).toContainText(`promoted already to CLOUD: ${targetId}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await banner.getByRole('button', { name: 'Open in CLOUD' }).click();
    await expect(page).toHaveURL(new RegExp(`/model-deployments/${targetId.replace(/\./g, '\\.')}$`));
    await expect(page.getByRole('button', { name: 'Context: CLOUD' })).toBeVisible();
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    expect(await page.content()).not.toContain('PRIVATE KEY');
  } finally {
    await context.close();
  }
});
