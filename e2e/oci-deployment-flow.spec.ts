import { expect, request as requestContext, test } from '@playwright/test';
import { DeploymentPage } from './pages/deployment-page';
import { MetricsTab } from './pages/metrics-tab';
import { WizardPage } from './pages/wizard-page';
import { uniqueName } from './support';
import { DOUBLING_SCORE_PY, RUNTIME_YAML, X_INPUT_SCHEMA, zipOf } from './support-deployments';
import { signedInSession, startOciCloud, switchToProfile, type OciCloudE2e } from './support-oci-cloud';

// A deployment's whole life in an OCI context, in Chromium: a second Berth is the "cloud" (its
// gateway takes signed predict requests only, as OCI's endpoint does), a third console reads an
// OCI config file whose profile points at it. In that profile the wizard creates a deployment of
// a model the cloud holds, the page follows the work request to Active, the Invoke tab's request
// reaches the cloud's endpoint signed with the profile's key, the Metrics tab charts what OCI
// Monitoring answers, an edit is shown as a diff and applied, a two-group edit runs as a plan of two updates there,
// and a delete removes it.

let oci: OciCloudE2e | undefined;
let consoleUrl = '';
let projectId = '';
const modelName = uniqueName('cloud-doubler');

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  oci = await startOciCloud({
    base: Number(new URL(baseURL ?? '').port),
    cloudOffset: 21,
    consoleOffset: 23,
    profiles: { CLOUD: 'key' },
    // A gateway that serves the cloud's deployments and refuses what is not signed.
    cloudEnv: { BERTH_GATEWAY_SUPERVISE: '1', BERTH_PREDICT_AUTH: 'signed', BERTH_LOAD_CHECK_S: '0' },
  });
  const { sdk, installation } = oci;
  const compartmentId = installation.defaultCompartmentId;
  const { project } = await sdk.createProject({ createProjectDetails: { compartmentId, displayName: uniqueName('cloud-flow') } });
  projectId = project.id;
  // The model and its artifact, as OCI's SDK uploads them.
  const { model } = await sdk.createModel({ createModelDetails: { compartmentId, projectId, displayName: modelName, inputSchema: X_INPUT_SCHEMA } });
  const artifact = await zipOf({ 'score.py': DOUBLING_SCORE_PY, 'runtime.yaml': RUNTIME_YAML });
  await sdk.createModelArtifact({ modelId: model.id, contentLength: artifact.length, modelArtifact: artifact, contentDisposition: 'attachment; filename=model.zip' });
  consoleUrl = (await oci.startConsole({ BERTH_LOAD_CHECK_S: '0' })).url;
});

test.afterAll(async () => {
  await oci?.stop();
});

test('in an OCI profile: create through the wizard, follow to Active, invoke signed, chart, edit with a diff and as a plan, delete', async ({ browser }) => {
  test.setTimeout(480_000);
  const cloud = oci;
  if (!cloud) throw new Error('The cloud did not start.');
  const { context, page } = await signedInSession(browser, consoleUrl);
  try {
    await switchToProfile(page, 'CLOUD');

    // The wizard, in the cloud's project, with the cloud's model.
    const wizard = new WizardPage(page);
    await wizard.goto({ projectId });
    const option = wizard.modelPicker.getByRole('option', { name: new RegExp(`^${modelName} \\(`) });
    await expect(option).toHaveCount(1);
    // OCI keeps the artifact uninspected: nothing to judge, the service reads its runtime.yaml.
    await expect(option).toHaveText(`${modelName} (runtime.yaml)`);
    await wizard.modelPicker.selectOption({ label: `${modelName} (runtime.yaml)` });
    await expect(wizard.runtime).toContainText('Served by the conda environment the artifact’s runtime.yaml names');
    const name = uniqueName('cloud-md');
    const id = await wizard.create({ name, description: 'Made by the wizard in an OCI context' });
    expect(id).toMatch(/^ocid1\.datasciencemodeldeployment\./);
    await expect(page.getByRole('button', { name: 'Context: CLOUD' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    // The create's work request, read from the cloud, is followed on the page until Active.
    const md = new DeploymentPage(page, id);
    // The progress shows while the create runs; a create the cloud finishes before the page has
    // loaded leaves nothing to follow, so either the progress or Active is what the page shows.
    const progress = page.getByRole('group', { name: 'Work request progress' }).filter({ hasText: 'Create model deployment' });
    await expect(progress.getByRole('progressbar', { name: 'Percent complete' }).or(md.activeHeading)).toBeVisible();
    await md.waitForActive(240_000);
    await expect(page.getByRole('region', { name: 'Model and compute' }).getByText('Conda environment of the artifact’s runtime.yaml')).toBeVisible();
    const { modelDeployment } = await cloud.sdk.getModelDeployment({ modelDeploymentId: id });
    expect(modelDeployment.lifecycleState).toBe('ACTIVE');
    expect(modelDeployment.displayName).toBe(name);

    // The cloud's endpoint refuses an unsigned request: the console's answer below was signed.
    const bare = await requestContext.newContext();
    try {
      const unsigned = await bare.post(`${modelDeployment.modelDeploymentUrl}/predict`, { data: { x: [1] } });
      expect(unsigned.status()).toBe(401);
    } finally {
      await bare.dispose();
    }
    await md.openTab('Invoke');
    await expect(page.getByText(`${modelDeployment.modelDeploymentUrl}/predict`, { exact: true })).toBeVisible();
    await expect(page.getByText(/Send above signs with the key of this context’s profile/)).toBeVisible();
    expect(await md.invoke({ x: [1, 2, 3] })).toEqual({ prediction: [2, 4, 6] });
    // A few more, for the charts.
    for (let i = 0; i < 3; i++) await md.invoke({ x: [i] });

    // The Metrics tab charts OCI Monitoring's answer for the deployment.
    await md.openTab('Metrics');
    const chart = await new MetricsTab(page).waitForChart('Predict Request Count', 90_000);
    await expect(chart.getByRole('img')).toBeVisible();

    // Edit: the diff first, then the update runs in the cloud and the details show it.
    await md.goto();
    await md.openEdit();
    await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
    await md.setBandwidth(20);
    await expect(md.diff.getByRole('row', { name: /Load balancer bandwidth \(Mbps\)/ })).toHaveText(/Load balancer bandwidth \(Mbps\)\s*10\s*20/);
    await md.applyChanges();
    await md.waitForActive(240_000);
    await expect(page.getByRole('region', { name: 'Model and compute' }).getByText('20 Mbps', { exact: true })).toBeVisible();
    const updated = await cloud.sdk.getModelDeployment({ modelDeploymentId: id });
    expect(updated.modelDeployment.modelDeploymentConfigurationDetails).toMatchObject({ modelConfigurationDetails: { bandwidthMbps: 20 } });

    // Two option groups while Active: a plan of two steps, each an update in the cloud.
    await md.openEdit();
    await md.setInstances(2);
    await md.setBandwidth(30);
    await expect(md.plan.getByRole('heading', { name: 'Step 1 of 2: Scaling policy' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Changes in step 2' })).toContainText(/Load balancer bandwidth \(Mbps\)\s*20\s*30/);
    await md.applyPlan(2, 300_000);
    await md.goto();
    await md.waitForActive();
    const info = page.getByRole('region', { name: 'Model and compute' });
    await expect(info.getByText('30 Mbps', { exact: true })).toBeVisible();
    const planned = await cloud.sdk.getModelDeployment({ modelDeploymentId: id });
    expect(planned.modelDeployment.modelDeploymentConfigurationDetails).toMatchObject({ modelConfigurationDetails: { bandwidthMbps: 30, scalingPolicy: { instanceCount: 2 } } });

    // Delete with the typed name: gone from the list, and DELETED in the cloud.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const del = page.getByRole('dialog', { name: 'Delete model deployment' });
    await del.getByLabel('Type the model deployment name to confirm').fill(name);
    await del.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('status').getByText(`Model deployment ${name} deleted`)).toBeVisible({ timeout: 120_000 });
    await expect(page).toHaveURL(/\/model-deployments\?compartmentId=/);
    // OCI lists a deleted deployment as DELETED for a while: it is no longer among the active ones.
    await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })).toContainText('Deleted');
    await page.getByLabel('State').selectOption('ACTIVE');
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
    const gone = await cloud.sdk.getModelDeployment({ modelDeploymentId: id });
    expect(gone.modelDeployment.lifecycleState).toBe('DELETED');
  } finally {
    await context.close();
  }
});
