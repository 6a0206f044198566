import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, DOUBLING_SCORE_PY, RUNTIME_YAML, waitForState, zipOf } from './support-deployments';

// Version sets in the console: two models uploaded into one set, a deployment created to follow
// label prod, the label moved on the second model's page, and the deployment swapping to it.

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

async function uploadInSet(page: Page, projectId: string, opts: { name: string; artifact: string; newSet?: string; set?: string; label?: string }) {
  await page.goto(`/models/new?projectId=${encodeURIComponent(projectId)}`);
  await page.getByLabel('Name', { exact: true }).fill(opts.name);
  await page.getByLabel('Model artifact').setInputFiles(opts.artifact);
  const setPicker = page.getByRole('combobox', { name: 'Model version set' });
  if (opts.newSet) {
    await page.getByLabel('New version set name').fill(opts.newSet);
    await page.getByRole('button', { name: 'Create version set' }).click();
    await expect(setPicker.locator('option:checked')).toHaveText(opts.newSet);
  } else if (opts.set) {
    await setPicker.selectOption({ label: opts.set });
  }
  if (opts.label) await page.getByLabel('Version label', { exact: true }).fill(opts.label);
  await page.getByRole('button', { name: 'Create model' }).click();
  await expect(page.getByRole('heading', { level: 1, name: opts.name })).toBeVisible({ timeout: 60_000 });
}

test('a deployment follows label prod of a version set and swaps when the label moves', async ({ page }) => {
  test.setTimeout(420_000);
  const name = uniqueName('follow');
  const setName = uniqueName('churn');
  const { projectId } = await createProjectForDeployments(page, uniqueName('follow-project'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-follow-'));
  const artifact = path.join(dir, 'model.zip');
  fs.writeFileSync(artifact, await zipOf({ 'score.py': DOUBLING_SCORE_PY, 'runtime.yaml': RUNTIME_YAML }));

  await uploadInSet(page, projectId, { name: `${name}-a`, artifact, newSet: setName, label: 'prod' });
  const versionSet = page.getByRole('region', { name: 'Version set' });
  await expect(versionSet).toContainText(setName);
  await uploadInSet(page, projectId, { name: `${name}-b`, artifact, set: setName });
  const modelBUrl = page.url();
  await expect(page.getByRole('table', { name: `Models of version set ${setName}` }).getByRole('row')).toHaveCount(3);

  // The wizard: follow the label instead of picking a model; the model holding it is served.
  await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}`);
  await page.getByRole('checkbox', { name: 'Follow a version set label' }).check();
  await expect(page.getByRole('combobox', { name: 'Version label to follow' })).toHaveValue(/\|prod$/);
  await expect(page.getByText(`Serving now: ${name}-a, which holds the label.`)).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Change shape' }).click();
  const dialog = page.getByRole('dialog', { name: 'Select a shape' });
  await dialog.getByLabel('Memory (GB)').fill('6');
  await dialog.getByRole('button', { name: 'Select shape' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/]+$/);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
  created.push(id);
  await waitForState(page.request, id, 'ACTIVE');
  await page.reload();
  await expect(page.getByText(`Label prod of version set ${setName}`)).toBeVisible();

  // The label moves on model B's page; the deployment swaps to B through an update.
  await page.goto(modelBUrl);
  await page.getByLabel('Version label', { exact: true }).fill('prod');
  await expect(page.getByRole('checkbox', { name: 'Take the label from the model that holds it' })).toBeChecked();
  await page.getByRole('button', { name: 'Save label' }).click();
  await expect(page.getByText('Label prod is on this model')).toBeVisible();
  await waitForState(page.request, id, 'ACTIVE', 180_000);
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: `follows label prod, serving ${name}-b` })).toBeVisible();
  await page.goto(`/model-deployments/${id}`);
  await expect(page.getByRole('link', { name: `${name}-b`, exact: true })).toBeVisible();
  await expect(page.getByText(`Last change: label prod moved to model ${name}-b (version 2)`)).toBeVisible();
  fs.rmSync(dir, { recursive: true, force: true });
});
