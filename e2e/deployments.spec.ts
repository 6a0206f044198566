import { expect, test, type Page } from '@playwright/test';
import { uniqueName } from './support';
import {
  createProjectForDeployments,
  deleteDeployments,
  deploymentRow,
  seedDeployment,
  seedModel,
  SLOW_LOADING_SCORE_PY,
  waitForState,
  X_INPUT_SCHEMA,
} from './support-deployments';

// Real deployments: a conda artifact served by the minimal runtime image in a container behind
// the gateway. Everything the tests create is deleted after each test, containers included.

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.describe('model deployments', () => {
  test('a conda deployment goes active while the page follows it, answers from the invoke panel, deactivates and activates on the same URL', async ({ page }) => {
    test.setTimeout(300_000);
    const name = uniqueName('doubler');
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('md-project'));
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model`, inputSchema: X_INPUT_SCHEMA, scorePy: SLOW_LOADING_SCORE_PY });
    const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
    created.push(md.id);
    expect(md.modelDeploymentUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocid1\.datasciencemodeldeployment\./);

    // The page follows the create work request live, then refreshes to Active.
    await page.goto(`/model-deployments/${md.id}`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Creating the model deployment' })).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Percent complete' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Log messages' })).toContainText('Creating compute resources.');
    await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText('Model Deployment is Active.')).toBeVisible();

    // Details: model, runtime, shape, the endpoint URL and OCID with Copy.
    await expect(page.getByRole('link', { name: `${name}-model` })).toBeVisible();
    await expect(page.getByText('minimal_p311_cpu_v1')).toBeVisible();
    await expect(page.getByText('VM.Standard.E4.Flex', { exact: true })).toBeVisible();
    // The URL shown for copying is the one a client calls: the bare deployment URL answers 404.
    await page.getByRole('button', { name: 'Copy predict URL' }).click();
    expect(await clipboard(page)).toBe(`${md.modelDeploymentUrl}/predict`);
    await page.getByRole('button', { name: 'Copy OCID', exact: true }).click();
    expect(await clipboard(page)).toBe(md.id);

    // The work requests tab has the create work request, succeeded.
    const workRequests = page.getByRole('table', { name: 'Work requests' });
    await expect(workRequests.getByRole('row').filter({ hasText: 'Create model deployment' }).getByText('Succeeded')).toBeVisible();

    // Invoke: the sample comes from the model's input schema; the model doubles x.
    await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Invoke' }).click();
    await expect(page).toHaveURL(/\?tab=invoke$/);
    const editor = page.getByLabel('Request body (JSON)');
    expect(JSON.parse(await editor.inputValue())).toEqual({ x: [1, 2, 3] });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('HTTP 200')).toBeVisible();
    expect(JSON.parse((await page.getByLabel('Response body').textContent()) ?? '')).toEqual({ prediction: [2, 4, 6] });
    await expect(page.getByText(/^\d+ ms$/)).toBeVisible();
    await page.getByRole('button', { name: 'Copy predict endpoint' }).click();
    expect(await clipboard(page)).toBe(`${md.modelDeploymentUrl}/predict`);
    await editor.fill('{"x": [10, 0.5]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Response body')).toContainText('20');
    expect(JSON.parse((await page.getByLabel('Response body').textContent()) ?? '')).toEqual({ prediction: [20, 1] });
    await expect(page.getByLabel('curl sample', { exact: true })).toContainText(`-d '{"x":[10,0.5]}'`);

    // Bad JSON never leaves the browser.
    await editor.fill('{"x": [1,');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText(/Not valid JSON/)).toBeVisible();
    // The answer to the previous request is gone: beside an invalid one it would mislead.
    await expect(page.getByLabel('Response body')).toHaveCount(0);
    await expect(page.getByText('HTTP 200')).toHaveCount(0);
    await editor.fill('{"x": [1]}');

    // Deactivate: the state goes Inactive, the URL stays, the endpoint answers 404 with a reason.
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('dialog', { name: 'Deactivate model deployment' }).getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Inactive: the endpoint answers 404' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('region', { name: 'Model deployment information' }).getByText(`${md.modelDeploymentUrl}/predict`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('HTTP 404')).toBeVisible();
    await expect(page.getByText(/activate the deployment and send again/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Deactivate', exact: true })).toHaveCount(0);

    // Activate: the same URL serves again.
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByRole('region', { name: 'Model deployment information' }).getByText(`${md.modelDeploymentUrl}/predict`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('HTTP 200')).toBeVisible();
    expect(JSON.parse((await page.getByLabel('Response body').textContent()) ?? '')).toEqual({ prediction: [2] });

    // The metrics and logs tabs are there beside the others.
    const sections = page.getByRole('navigation', { name: 'Model deployment sections' });
    await sections.getByRole('link', { name: 'Metrics' }).click();
    // A server render with the hour's metric queries: slow on a loaded machine, so more room than 20 s.
    await expect(page.getByRole('region', { name: 'Predict Request Count', exact: true })).toBeVisible({ timeout: 60_000 });
    await sections.getByRole('link', { name: 'Logs' }).click();
    await expect(page).toHaveURL(/tab=logs/);
  });

  test('lists filter by project, state and tag; a row deactivates; move and delete with the typed name', async ({ page }) => {
    test.setTimeout(300_000);
    const tagged = uniqueName('fraud-scorer');
    const plain = uniqueName('churn-scorer');
    const projectName = uniqueName('md-list-project');
    const { projectId, compartmentId } = await createProjectForDeployments(page, projectName);
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${plain}-model` });
    const a = await seedDeployment(page.request, {
      compartmentId,
      projectId,
      modelId,
      displayName: tagged,
      freeformTags: { team: 'fraud' },
      definedTags: { Operations: { CostCenter: '42' } },
    });
    const b = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: plain });
    created.push(a.id, b.id);
    await waitForState(page.request, a.id, 'ACTIVE');
    await waitForState(page.request, b.id, 'ACTIVE');

    // The project page lists its deployments and links to the create wizard.
    await page.goto(`/projects/${projectId}`);
    const section = page.getByRole('region', { name: 'Model deployments' });
    // The project page names the deployments in its work requests too: rows of its deployments table only.
    const inProject = (n: string) => section.getByRole('row').filter({ has: page.getByRole('link', { name: n, exact: true }) });
    await expect(inProject(tagged)).toBeVisible();
    await expect(section.getByRole('link', { name: 'Create model deployment' })).toHaveAttribute('href', `/model-deployments/new?projectId=${projectId}`);

    // Deactivate from the row's actions menu; the list follows until the row settles.
    await inProject(plain).getByRole('button', { name: `Actions for ${plain}` }).click();
    await expect(page.getByRole('menuitem', { name: 'Activate', exact: true })).toBeDisabled();
    await expect(page.getByRole('menuitem', { name: 'Edit' })).toHaveAttribute('href', `/model-deployments/${b.id}/edit`);
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: 'Deactivate model deployment' }).getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(inProject(plain).getByText('Inactive')).toBeVisible({ timeout: 60_000 });

    // Add a tag from the row's menu: a tags-only update, followed to its end.
    await inProject(plain).getByRole('button', { name: `Actions for ${plain}` }).click();
    await page.getByRole('menuitem', { name: 'Add tags' }).click();
    const tags = page.getByRole('dialog', { name: 'Add tags' });
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByLabel('Tag key 1').fill('stage');
    await tags.getByLabel('Tag value 1').fill('canary');
    await tags.getByRole('button', { name: 'Save tags' }).click();
    await expect(tags).toBeHidden({ timeout: 30_000 });
    await expect(inProject(plain).getByText('stage: canary')).toBeVisible();

    // The all-projects list, scoped to the project, then filtered by state.
    await page.goto('/model-deployments');
    await page.getByLabel('Project', { exact: true }).selectOption({ label: projectName });
    await expect(page).toHaveURL(new RegExp(`projectId=${projectId.replace(/\./g, '\\.')}`));
    await expect(deploymentRow(page, tagged)).toBeVisible();
    await expect(deploymentRow(page, plain)).toBeVisible();
    await page.getByLabel('State').selectOption('INACTIVE');
    await expect(deploymentRow(page, tagged)).toHaveCount(0);
    await expect(deploymentRow(page, plain).getByText('Inactive')).toBeVisible();
    await page.getByLabel('State').selectOption('ACTIVE');
    await expect(deploymentRow(page, plain)).toHaveCount(0);
    await expect(deploymentRow(page, tagged)).toBeVisible();
    await page.getByLabel('State').selectOption('');
    await expect(deploymentRow(page, plain)).toBeVisible();

    // Tag filters, freeform and defined, added and cleared like OCI's.
    const filter = page.getByRole('dialog', { name: 'Add tag filter' });
    await page.getByRole('button', { name: 'Add tag filter' }).click();
    await filter.getByLabel('Tag key').fill('team');
    await filter.getByLabel('Tag value').fill('fraud');
    await filter.getByRole('button', { name: 'Add filter' }).click();
    await expect(deploymentRow(page, plain)).toHaveCount(0);
    await expect(deploymentRow(page, tagged)).toBeVisible();
    await page.getByRole('button', { name: 'Clear tag filters' }).click();
    await expect(deploymentRow(page, plain)).toBeVisible();
    await page.getByRole('button', { name: 'Add tag filter' }).click();
    await filter.getByLabel('Tag namespace').selectOption('Operations');
    await filter.getByLabel('Tag key').fill('CostCenter');
    await filter.getByRole('button', { name: 'Add filter' }).click();
    await expect(deploymentRow(page, plain)).toHaveCount(0);
    await expect(deploymentRow(page, tagged)).toBeVisible();
    await page.getByRole('button', { name: 'Clear tag filters' }).click();
    await page.getByRole('button', { name: 'Add tag filter' }).click();
    await filter.getByLabel('Tag key').fill('stage');
    await filter.getByRole('button', { name: 'Add filter' }).click();
    await expect(deploymentRow(page, tagged)).toHaveCount(0);
    await expect(deploymentRow(page, plain)).toBeVisible();
    await page.getByRole('button', { name: 'Clear tag filters' }).click();

    // The row's OCID copies in full.
    await deploymentRow(page, tagged).getByRole('button', { name: `Copy OCID of ${tagged}` }).click();
    expect(await clipboard(page)).toBe(a.id);

    // Move to the root compartment: it leaves this compartment's list and shows in the root's.
    await deploymentRow(page, tagged).getByRole('button', { name: `Actions for ${tagged}` }).click();
    await page.getByRole('menuitem', { name: 'Move resource' }).click();
    const move = page.getByRole('dialog', { name: 'Move resource' });
    await move.getByLabel('Destination compartment').selectOption({ label: 'berth (root)' });
    await move.getByRole('button', { name: 'Move resource' }).click();
    await expect(page.getByRole('status').getByText(`Model deployment ${tagged} moved`)).toBeVisible();
    await expect(deploymentRow(page, tagged)).toHaveCount(0);
    await page.getByLabel('Compartment', { exact: true }).selectOption({ label: 'berth (root)' });
    await expect(deploymentRow(page, tagged)).toBeVisible();

    // Delete from the details page: the name must be typed exactly; the work request runs to its end.
    await deploymentRow(page, tagged).getByRole('link', { name: tagged }).click();
    await expect(page.getByRole('heading', { level: 1, name: tagged })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Model deployment information' }).getByText('berth (root)')).toBeVisible();
    // Its work requests followed it: the create stays in its history.
    await expect(page.getByRole('table', { name: 'Work requests' }).getByText('Create model deployment')).toBeVisible();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const del = page.getByRole('dialog', { name: 'Delete model deployment' });
    const confirm = del.getByRole('button', { name: 'Delete', exact: true });
    await del.getByLabel('Type the model deployment name to confirm').fill(`${tagged}x`);
    await expect(confirm).toBeDisabled();
    await del.getByLabel('Type the model deployment name to confirm').fill(tagged);
    await confirm.click();
    await expect(page.getByRole('status').getByText(`Model deployment ${tagged} deleted`)).toBeVisible({ timeout: 60_000 });
    await expect(page).toHaveURL(/\/model-deployments\?compartmentId=ocid1\.tenancy\./);
    await page.getByLabel('State').selectOption('DELETED');
    await expect(deploymentRow(page, tagged).getByText('Deleted')).toBeVisible();
  });

  test('a failed create says why and what to do; only move and delete stay enabled', async ({ page }) => {
    test.setTimeout(120_000);
    const name = uniqueName('broken');
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('md-fail-project'));
    const runtimeYaml = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: tensorflow28_p38_gpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model`, runtimeYaml });
    const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
    created.push(md.id);

    await page.goto(`/model-deployments/${md.id}`);
    await expect(page.getByRole('heading', { name: 'The deployment failed' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/Lifecycle details: .*tensorflow28_p38_gpu_v1/)).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'The last work request failed' })).toContainText('tensorflow28_p38_gpu_v1');
    await expect(page.getByText(/delete this deployment and create it again/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Move resource', exact: true })).toBeEnabled();
    for (const action of ['Edit', 'Deactivate', 'Add tags']) {
      await expect(page.getByRole('button', { name: action, exact: true })).toBeDisabled();
    }

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const del = page.getByRole('dialog', { name: 'Delete model deployment' });
    await del.getByLabel('Type the model deployment name to confirm').fill(name);
    await del.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('status').getByText(`Model deployment ${name} deleted`)).toBeVisible({ timeout: 60_000 });
  });

  test('the API answers as OCI does: validation, not found, and an invoke proxy that only takes JSON', async ({ request }) => {
    const missing = 'ocid1.datasciencemodeldeployment.oc1.local.aaaaaaaanotthere';
    const bad = await request.post('/api/model-deployments', { data: { compartmentId: 'nope' } });
    expect(bad.status()).toBe(400);
    const body = (await bad.json()) as { code: string; message: string; fieldErrors: Record<string, string> };
    expect(body.code).toBe('InvalidParameter');
    expect(body.message).toMatch(/^[\w.]+: /);
    expect(body.fieldErrors.compartmentId).toMatch(/compartment OCID/);
    expect(body.fieldErrors.modelDeploymentConfigurationDetails).toBeTruthy();
    expect(bad.headers()['opc-request-id']).toBeTruthy();

    const list = await request.get('/api/model-deployments');
    expect(list.status()).toBe(400);

    const get = await request.get(`/api/model-deployments/${missing}`);
    expect(get.status()).toBe(404);
    expect(await get.json()).toMatchObject({ code: 'NotAuthorizedOrNotFound' });

    const notJson = await request.post(`/api/model-deployments/${missing}/invoke`, { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"x": [1,') });
    expect(notJson.status()).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toMatch(/not valid JSON/);
    const unknown = await request.post(`/api/model-deployments/${missing}/invoke`, { data: { x: [1] } });
    expect(unknown.status()).toBe(404);
  });
});
