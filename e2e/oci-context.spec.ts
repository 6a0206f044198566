import path from 'node:path';
import { expect, test } from '@playwright/test';
import Docker from 'dockerode';
import { insertModelDeploymentRow } from '../db/queries/model-deployments';
import { createCompartment } from '../server/services/identity/admin/compartments';
import { principalOfUser } from '../server/services/identity/sessions';
import { modelDeploymentFixture } from '../tests/support/model-deployment';
import { E2E_ADMIN, signIn } from './auth';
import { WizardPage } from './pages/wizard-page';
import { uniqueName } from './support';
import { startOciCloud, type OciCloudE2e } from './support-oci-cloud';

// The context switch in Chromium: a second Berth is the "cloud", a third console reads an OCI
// config file whose profile points at it, and switching this browser session to that profile
// lists the cloud's projects; a profile without its key file says so on the switch. A deployment
// of the cloud's shows OCI Monitoring's alarms on its Alarms tab (notify-only) and says on its
// Scaling and Revisions tabs what only the local provider records.

let oci: OciCloudE2e | undefined;
let dir: string;
let consoleUrl: string;
let projectName: string;
const LOGGED = 'ocid1.datasciencemodeldeployment.oc1.e2e.aaaaaaaalogged';
const SILENT = 'ocid1.datasciencemodeldeployment.oc1.e2e.aaaaaaaasilent';
const ALARMED = 'ocid1.datasciencemodeldeployment.oc1.e2e.aaaaaaaaalarmed';
// An image of this spec's own, a new tag on the base image: what the cloud's registry lists for BYOC.
const IMAGE = { repo: 'berth-e2e-ocisvc/picker', tag: '1' };
const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
let imageDigest = '';
let cloudProjectId = '';

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  oci = await startOciCloud({ base: Number(new URL(baseURL ?? '').port), cloudOffset: 95, consoleOffset: 97, profiles: { CLOUD: 'key', NO_KEY: 'missing' } });
  const { db, installation, sdk } = oci;
  dir = oci.dir;
  const cloudUrl = oci.cloud.url;
  // The cloud's own compartments, made as its identity page makes them.
  const scope = { db, installation, principal: principalOfUser(db, installation.userId, 'admin', installation.tenancyId, 'session', { address: '127.0.0.1', userAgent: 'e2e', requestId: 'e2e' }), now: () => new Date() };
  const team = createCompartment(scope, { parentId: installation.tenancyId, name: 'CloudTeam', description: '' });
  if (!team.ok) throw new Error(team.error.message);
  if (!createCompartment(scope, { parentId: team.data.id, name: 'CloudInner', description: '' }).ok) throw new Error('CloudInner was not created');

  projectName = uniqueName('cloud-project');
  const { project } = await sdk.createProject({ createProjectDetails: { compartmentId: installation.defaultCompartmentId, displayName: projectName } });
  cloudProjectId = project.id;
  imageDigest = (await docker.getImage('berth/debian:bookworm-slim').inspect()).Id;
  await docker.getImage(imageDigest).tag(IMAGE);

  // Two inactive deployments of the cloud (no containers): one sends its logs to OCI Logging, one does not.
  const f = modelDeploymentFixture();
  for (const [id, logs] of [
    [LOGGED, { access: { logGroupId: 'ocid1.loggroup.oc1.e2e.aaaaaaaagroup', logId: 'ocid1.log.oc1.e2e.aaaaaaaaaccess' } }],
    [SILENT, null],
  ] as const) {
    insertModelDeploymentRow(db, {
      ...{ projectId: project.id, compartmentId: installation.defaultCompartmentId, modelId: f.modelDeploymentConfigurationDetails!.modelConfigurationDetails.modelId },
      id,
      displayName: id === LOGGED ? 'logged-md' : 'silent-md',
      createdBy: installation.userId,
      timeCreated: new Date().toISOString(),
      lifecycleState: 'INACTIVE',
      modelDeploymentUrl: `${cloudUrl}/${id}`,
      modelDeploymentConfigurationDetails: f.modelDeploymentConfigurationDetails!,
      categoryLogDetails: logs,
      currentInstanceCount: 0,
      freeformTags: {},
      definedTags: {},
    });
  }
  // An ACTIVE, autoscaled deployment of the cloud: the policy is on the deployment, as on OCI.
  const config = f.modelDeploymentConfigurationDetails!;
  const threshold = (t: number) => ({ scalingConfigurationType: 'THRESHOLD' as const, threshold: t, pendingDuration: 'PT3M', instanceCountAdjustment: 1 });
  const rule = { metricExpressionRuleType: 'PREDEFINED_EXPRESSION' as const, metricType: 'CPU_UTILIZATION' as const, scaleInConfiguration: threshold(30), scaleOutConfiguration: threshold(70) };
  const scalingPolicy = {
    policyType: 'AUTOSCALING' as const,
    coolDownInSeconds: 300,
    isEnabled: true,
    autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD' as const, minimumInstanceCount: 1, maximumInstanceCount: 3, initialInstanceCount: 1, rules: [rule] }],
  };
  insertModelDeploymentRow(db, {
    ...{ projectId: project.id, compartmentId: installation.defaultCompartmentId, modelId: config.modelConfigurationDetails.modelId },
    id: ALARMED,
    displayName: 'alarmed-md',
    createdBy: installation.userId,
    timeCreated: new Date().toISOString(),
    lifecycleState: 'ACTIVE',
    modelDeploymentUrl: `${cloudUrl}/${ALARMED}`,
    modelDeploymentConfigurationDetails: { ...config, modelConfigurationDetails: { ...config.modelConfigurationDetails, scalingPolicy } },
    categoryLogDetails: null,
    currentInstanceCount: 1,
    freeformTags: {},
    definedTags: {},
  });
  db.$client.prepare('INSERT INTO log_records (resource_id, category, instance_id, level, message, data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)').run(LOGGED, 'access', null, 'ERROR', 'POST /predict 503 from the cloud', null, Date.now() - 60_000);

  consoleUrl = (await oci.startConsole()).url;
});

test.afterAll(async () => {
  // Only the tag goes: the base image keeps its own name.
  if (imageDigest) await docker.getImage(`${IMAGE.repo}:${IMAGE.tag}`).remove().catch(() => undefined);
  await oci?.stop();
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

test('in an OCI profile shows the cloud’s compartment tree, and a deployment’s logs from OCI Logging or how to enable them', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Context: Local' }).click();
    await page.getByRole('menuitem', { name: 'CLOUD', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Context: CLOUD' })).toBeVisible();
    // The tree comes from the cloud's Identity: the compartment and the one below it.
    const picker = page.getByRole('banner').getByRole('combobox', { name: 'Compartment' });
    await expect(picker.getByRole('option', { name: /CloudTeam$/ })).toHaveCount(1);
    await expect(picker.getByRole('option', { name: /CloudInner$/ })).toHaveCount(1);

    await page.goto(`/model-deployments/${LOGGED}?tab=logs`);
    await expect(page.getByRole('table', { name: 'Log records' }).getByRole('cell', { name: 'POST /predict 503 from the cloud' })).toBeVisible();
    // OCI Logging is searched, not followed: there is no live tail to switch on.
    await expect(page.getByRole('switch', { name: 'Live tail' })).toHaveCount(0);

    await page.goto(`/model-deployments/${SILENT}?tab=logs`);
    await expect(page.getByText('OCI Logging is not enabled for this deployment')).toBeVisible();
    await expect(page.getByText(/create a log group with two custom logs in OCI Logging/)).toBeVisible();
  } finally {
    await context.close();
  }
});

test('in an OCI profile the BYOC picker lists the registry’s images with their digests', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: consoleUrl, storageState: undefined, extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Context: Local' }).click();
    await page.getByRole('menuitem', { name: 'CLOUD', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Context: CLOUD' })).toBeVisible();
    const wizard = new WizardPage(page);
    await wizard.goto({ projectId: cloudProjectId });
    await page.getByRole('checkbox', { name: 'Use a custom container image' }).check();
    const picker = page.getByRole('combobox', { name: 'Image' });
    const short = imageDigest.replace(/^sha256:/, '').slice(0, 12);
    await expect(picker.getByRole('option', { name: `${IMAGE.repo}:${IMAGE.tag} (${short})`, exact: true })).toHaveCount(1);
    await expect(page.getByText('Images in OCI Container Registry, with the digest that pins each.')).toBeVisible();
    await picker.selectOption({ label: `${IMAGE.repo}:${IMAGE.tag} (${short})` });
    await expect(page.getByText(imageDigest, { exact: true })).toBeVisible();
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

    await page.goto(`/model-deployments/${ALARMED}?tab=alarms`);
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

    await page.goto(`/model-deployments/${ALARMED}?tab=scaling`);
    await expect(page.getByText('Maximum instances', { exact: true })).toBeVisible();
    await expect(page.getByText("OCI evaluates this policy and scales the deployment itself; the current count is OCI's.", { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Scaling decisions' })).toHaveCount(0);
    // The idle guard and the revisions are the console's own: by capability, the tabs say so and offer no controls.
    await expect(page.getByText('The idle guard (deactivate after minutes without requests, activate on a schedule) is not offered in this context', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save idle guard' })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Revisions' }).click();
    await expect(page.getByText('Revisions are not recorded in this context')).toBeVisible();
    await expect(page.getByText('No revisions yet')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
