import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signIn } from './auth';
import { createProjectForDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';
import { uniqueName } from './support';
import { startOciCloud, type OciCloudE2e } from './support-oci-cloud';

// "Promote to OCI" in Chromium: a second Berth is the "cloud", a third console reads an OCI config
// file whose profile points at it; a deployment of that console is promoted through the dialog
// (context, compartment, project, pre-flight), followed to ACTIVE there, and opened by the link.

let oci: OciCloudE2e | undefined;
let consoleUrl: string;
let cloudProjectName: string;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  // Both serve deployments: their gateways are supervised, as `npm start` runs them. Ports +41 to
  // +44, clear of the own consoles' gateways at +80 (+87 was autoscaling-wizard's).
  oci = await startOciCloud({ base: Number(new URL(baseURL ?? '').port), cloudOffset: 41, consoleOffset: 43, profiles: { CLOUD: 'key' }, cloudEnv: { BERTH_GATEWAY_SUPERVISE: '1' } });
  cloudProjectName = uniqueName('cloud-target');
  await oci.sdk.createProject({ createProjectDetails: { compartmentId: oci.installation.defaultCompartmentId, displayName: cloudProjectName } });
  consoleUrl = (await oci.startConsole({ BERTH_LOAD_CHECK_S: '0', BERTH_GATEWAY_SUPERVISE: '1' })).url;
});

test.afterAll(async () => {
  await oci?.stop();
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
