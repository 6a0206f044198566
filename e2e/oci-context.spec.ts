import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as requestContext, test } from '@playwright/test';
import * as common from 'oci-common';
import { openDatabase } from '../db/client';
import { updateModelDeploymentRow } from '../db/queries/model-deployments';
import { updateWorkRequestRow } from '../db/queries/work-requests';
import { readInstallation } from '../db/seed';
import { loadConfig } from '../server/config';
import { createAppContext } from '../server/services/context';
import { addApiKey, sdkClient } from '../tests/support/oci-sdk';
import { createEchoDeployment } from '../tests/support/provider-fixtures';
import { E2E_ADMIN, signIn } from './auth';
import { uniqueName } from './support';

// The context switch in Chromium: a second Berth is the "cloud", a third console reads an OCI
// config file whose profile points at it, and switching this browser session to that profile
// lists the cloud's projects; a profile without its key file says so on the switch. A deployment
// of the cloud's shows OCI Monitoring's alarms on its Alarms tab (notify-only) and says on its
// Scaling tab what only the local provider records.

let dir: string;
const children: ChildProcess[] = [];
let consoleUrl: string;
let projectName: string;
let deploymentId: string;

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

  // A deployment in the cloud's database, ACTIVE: its pages need the row, not its containers.
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: cloudData, BERTH_LOAD_CHECK_S: '0' }));
  const { md, workRequestId } = await createEchoDeployment({ ...ctx, provider: ctx.system });
  updateWorkRequestRow(ctx.db, workRequestId, { status: 'SUCCEEDED', timeFinished: new Date().toISOString() });
  // Autoscaling as OCI has it: the policy is on the deployment, so the Scaling tab can show it.
  const config = md.modelDeploymentConfigurationDetails!;
  const threshold = (t: number) => ({ scalingConfigurationType: 'THRESHOLD' as const, threshold: t, pendingDuration: 'PT3M', instanceCountAdjustment: 1 });
  const scalingPolicy = {
    policyType: 'AUTOSCALING' as const,
    coolDownInSeconds: 300,
    isEnabled: true,
    autoScalingPolicies: [
      {
        autoScalingPolicyType: 'THRESHOLD' as const,
        minimumInstanceCount: 1,
        maximumInstanceCount: 3,
        initialInstanceCount: 1,
        rules: [{ metricExpressionRuleType: 'PREDEFINED_EXPRESSION' as const, metricType: 'CPU_UTILIZATION' as const, scaleInConfiguration: threshold(30), scaleOutConfiguration: threshold(70) }],
      },
    ],
  };
  updateModelDeploymentRow(ctx.db, md.id, {
    lifecycleState: 'ACTIVE',
    lifecycleDetails: 'Model Deployment is Active.',
    currentInstanceCount: 1,
    modelDeploymentConfigurationDetails: { ...config, modelConfigurationDetails: { ...config.modelConfigurationDetails, scalingPolicy } },
  });
  ctx.db.$client.close();
  deploymentId = md.id;

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

test("a cloud deployment's Alarms tab holds OCI Monitoring's alarms, notify-only, and its Scaling tab says what only Local records", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Context: Local' }).click();
    await page.getByRole('menuitem', { name: 'CLOUD', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Context: CLOUD' })).toBeVisible();

    await page.goto(`/model-deployments/${deploymentId}?tab=alarms`);
    const tab = page.getByRole('region', { name: 'Alarms', exact: true });
    await expect(tab.getByText('On OCI an alarm notifies its topics; scaling and shape actions run with the local provider.', { exact: false })).toBeVisible();
    await tab.getByText('New alarm').click();
    const form = tab.getByRole('form', { name: 'Create alarm' });
    await expect(form.getByLabel('Action when it fires')).toHaveCount(0);
    await form.getByLabel('Alarm name').fill('cloud high memory');
    await form.getByLabel('Notification topics').fill('ocid1.onstopic.oc1.it.aaaaaaaaops');
    await form.getByRole('button', { name: 'Create alarm' }).click();
    const row = tab.getByRole('table', { name: 'Alarms' }).getByRole('row').filter({ hasText: 'cloud high memory' });
    await expect(row).toContainText('Notifies ocid1.onstopic.oc1.it.aaaaaaaaops');
    await expect(row.getByRole('button', { name: 'Edit cloud high memory' })).toBeVisible();

    await page.goto(`/model-deployments/${deploymentId}?tab=scaling`);
    await expect(page.getByText('Maximum instances', { exact: true })).toBeVisible();
    await expect(page.getByText("OCI evaluates this policy and scales the deployment itself; the current count is OCI's.", { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Scaling decisions' })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
