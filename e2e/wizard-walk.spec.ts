import Docker from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, RUNTIME_YAML, seedDeployment, seedModel, waitForState, zipOf } from './support-deployments';

// The new user's walk through the wizard, as the walk found it and as it must be: nothing chosen
// for the user, the model page's Deploy button, a model whose checks failed gated by an override
// that says why, a sample that a correct model answers with 200, and a warning before the host is
// overcommitted.

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

/** No predict at all (a typo in its name): the checks fail it, and a deployment of it would fail. */
const NO_PREDICT_SCORE_PY = ['def load_model():', '    return 2', '', 'def predcit(data, model=None):', '    return {"prediction": data}', ''].join('\n');

const modelPicker = (page: Page) => page.getByRole('combobox', { name: 'Model', exact: true });
const deploymentIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');

test.describe('the wizard walk', () => {
  test("no model is preselected; the model's Deploy button chooses it; the first Send of the sample answers 200", async ({ page }) => {
    test.setTimeout(300_000);
    const name = uniqueName('walk-deploy');
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('walk-project'));
    // Two models, the doubling one older: the newest must not be picked for the user. Neither has an input schema.
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model` });
    await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-newer` });

    // Opened from the project: nothing chosen, and creating asks for a model.
    await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}`);
    await expect(modelPicker(page)).toHaveValue('');
    await expect(page.getByRole('region', { name: 'Runtime' })).toContainText('Choose a model');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByText('Choose the model to deploy.')).toBeVisible();
    await expect(page).toHaveURL(/\/model-deployments\/new\?/);

    // Opened from the model's page: that model is chosen.
    await page.goto(`/models/${modelId}`);
    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await expect(page).toHaveURL(/\/model-deployments\/new\?.*modelId=/);
    await expect(modelPicker(page)).toHaveValue(modelId);
    await expect(page.getByRole('region', { name: 'Runtime' })).toContainText('Served by the conda environment minimal_p311_cpu_v1');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/]+$/, { timeout: 60_000 });
    const id = deploymentIdOf(page);
    created.push(id);
    await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible({ timeout: 150_000 });
    const url = ((await (await page.request.get(`/api/model-deployments/${id}`)).json()) as { modelDeploymentUrl: string }).modelDeploymentUrl;
    await expect(page.getByRole('region', { name: 'Model deployment information' }).getByText(`${url}/predict`, { exact: true })).toBeVisible();

    // Without a schema the sample has the keys score.py reads, and the model answers it.
    await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Invoke' }).click();
    const editor = page.getByLabel('Request body (JSON)');
    expect(JSON.parse(await editor.inputValue())).toEqual({ x: [1, 2, 3] });
    await expect(page.getByText(/score\.py's predict\(\) reads data\["x"\]/)).toBeVisible();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('HTTP 200')).toBeVisible();
    expect(JSON.parse((await page.getByLabel('Response body').textContent()) ?? '')).toEqual({ prediction: [2, 4, 6] });

    // An invalid request clears the answer to the previous one.
    await editor.fill('{"x": [1,');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText(/Not valid JSON/)).toBeVisible();
    await expect(page.getByLabel('Response body')).toHaveCount(0);
    await expect(page.getByText('HTTP 200')).toHaveCount(0);
  });

  test('a model whose artifact checks failed: created but cannot serve, marked in the picker, deployed only with the override', async ({ page }) => {
    test.setTimeout(300_000);
    const name = uniqueName('walk-broken');
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('walk-project'));
    const countDeployments = async () => {
      const res = await page.request.get(`/api/model-deployments?compartmentId=${encodeURIComponent(compartmentId)}&projectId=${encodeURIComponent(projectId)}`);
      return ((await res.json()) as unknown[]).length;
    };

    // Uploaded through the form: the toast says it cannot serve, and why.
    await page.goto(`/models/new?projectId=${encodeURIComponent(projectId)}`);
    await page.getByLabel('Name', { exact: true }).fill(`${name}-model`);
    await page
      .getByLabel('Model artifact')
      .setInputFiles({ name: 'model.zip', mimeType: 'application/zip', buffer: await zipOf({ 'score.py': NO_PREDICT_SCORE_PY, 'runtime.yaml': RUNTIME_YAML }) });
    await page.getByRole('button', { name: 'Create model' }).click();
    const toast = page.getByRole('status', { name: 'Notifications' });
    await expect(toast.getByText(`Model ${name}-model created, but it cannot serve`)).toBeVisible();
    await expect(toast.getByText(/A model deployment of it will fail: score\.py has no top-level "def predict\("/)).toBeVisible();
    await expect(toast.getByText(`Model ${name}-model created`, { exact: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: `${name}-model` })).toBeVisible();

    // The picker marks it; creating is refused with the reason until the override is checked.
    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await expect(modelPicker(page).locator('option:checked')).toHaveText(`${name}-model (minimal_p311_cpu_v1) — artifact checks failed`);
    await expect(page.getByText('score.py defines predict(): score.py has no top-level "def predict(".')).toBeVisible();
    const override = page.getByRole('checkbox', { name: 'Deploy anyway, knowing it will fail for the reasons above' });
    await expect(override).not.toBeChecked();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByText(/This model's artifact checks failed, so the deployment will fail/)).toBeVisible();
    await expect(page).toHaveURL(/\/model-deployments\/new\?/);
    expect(await countDeployments()).toBe(0);

    await override.check();
    await expect(page.getByText(/This model's artifact checks failed, so the deployment will fail/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/]+$/, { timeout: 60_000 });
    created.push(deploymentIdOf(page));
    expect(await countDeployments()).toBe(1);
  });

  test('the wizard warns when this deployment and the others would overcommit the host, saying by how much', async ({ page }) => {
    test.setTimeout(240_000);
    const info = (await docker.info()) as { NCPU: number };
    const cpus = info.NCPU;
    const name = uniqueName('walk-capacity');
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('walk-project'));
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model` });
    // Another deployment holds 1 OCPU and 6 GB while it starts and serves.
    const other = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: `${name}-other` });
    created.push(other.id);

    await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}&modelId=${encodeURIComponent(modelId)}`);
    const compute = page.getByRole('region', { name: 'Compute' });
    await page.getByLabel('Number of instances').fill(String(cpus));
    await expect(compute.getByText(new RegExp(`^Would overcommit this host: CPU by 1 CPU \\(${cpus + 1} CPUs of ${cpus} CPUs?\\)`))).toBeVisible();
    await expect(compute.getByText(/Other deployments already reserve 1 CPU and 6 GB; this one adds/)).toBeVisible();
    await expect(compute.getByText(/Fits this host/)).toHaveCount(0);

    // The shape dialog says the same for the size being chosen, and "Fits" again once it fits.
    await page.getByLabel('Number of instances').fill('1');
    await page.getByRole('button', { name: 'Change shape' }).click();
    const dialog = page.getByRole('dialog', { name: 'Select a shape' });
    await dialog.getByRole('spinbutton', { name: 'OCPUs' }).fill(String(cpus));
    await expect(dialog.getByText(/^Would overcommit this host: CPU by 1 CPU/)).toBeVisible();
    await dialog.getByRole('spinbutton', { name: 'OCPUs' }).fill(String(cpus - 1 || 1));
    await dialog.getByRole('spinbutton', { name: 'Memory (GB)' }).fill('6');
    if (cpus > 1) await expect(dialog.getByText(/^Fits this host/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await waitForState(page.request, other.id, 'ACTIVE');
  });
});
