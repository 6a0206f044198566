import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import yazl from 'yazl';
import { ModelsPage } from './pages';
import { createProject, uniqueName } from './support';

const SCORE = [
  'import json',
  '',
  'def load_model():',
  '    return {"bias": 1}',
  '',
  'def predict(data, model=load_model()):',
  '    return {"prediction": [x + model["bias"] for x in data["values"]]}',
  '',
].join('\n');

const runtimeYaml = (slug: string) =>
  `MODEL_ARTIFACT_VERSION: "3.0"\nMODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: ${slug}\n    INFERENCE_ENV_TYPE: data_science\n    INFERENCE_PYTHON_VERSION: "3.11"\n`;

let tmp: string;
test.beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-models-e2e-'));
});
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function writeZip(name: string, files: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [entry, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), entry);
  zip.end();
  const file = path.join(tmp, name);
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
  });
  return file;
}

/** yazl refuses "../" names, so the entry is renamed in place (same length; CRCs unaffected). */
async function writeZipSlip(name: string): Promise<string> {
  const file = await writeZip(name, { 'score.py': SCORE, 'aa/evil.py': 'print("escaped")\n' });
  const bytes = fs.readFileSync(file).toString('latin1').replaceAll('aa/evil.py', '../evil.py');
  fs.writeFileSync(file, Buffer.from(bytes, 'latin1'));
  return file;
}

const modelRows = (page: Page) => new ModelsPage(page).rows;
const checkItem = (page: Page, label: string) => new ModelsPage(page).check(label);

/** Fills the create form (the project is preselected by the link from its page) and submits it. */
const submitModel = (page: Page, opts: { name: string; artifact: string; project?: string }) => new ModelsPage(page).submit(opts);

test.describe('models', () => {
  test('upload a good artifact, see its checklist pass, download it, deactivate and activate it', async ({ page }) => {
    const project = uniqueName('churn-project');
    const name = uniqueName('churn-model');
    const artifact = await writeZip('good.zip', { 'score.py': SCORE, 'runtime.yaml': runtimeYaml('generalml_p311_cpu_v1') });
    await createProject(page, project);

    // From the project's page: its Models section links to the create form with the project chosen.
    const section = page.getByRole('region', { name: 'Models', exact: true });
    await expect(section.getByText('No models in this project yet')).toBeVisible();
    await section.getByRole('link', { name: 'Create model' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create model' })).toBeVisible();
    await expect(page.getByLabel('Project', { exact: true }).locator('option:checked')).toHaveText(project);

    await page.getByLabel('Description', { exact: true }).fill('Predicts churn');
    await page.getByLabel('Use case').selectOption('binary_classification');
    await page.getByLabel('Framework', { exact: true }).selectOption('scikit-learn');
    await page.getByLabel('Hyperparameters').fill('{"max_depth": 4}');
    await page.getByRole('button', { name: 'Add custom metadata' }).click();
    await page.getByLabel('Custom metadata key 1').fill('auc');
    await page.getByLabel('Custom metadata value 1').fill('0.91');
    await page.getByLabel('Custom metadata category 1').selectOption('Performance');
    await page.getByLabel('Input schema').fill('{"values": "number[]"}');
    await page.getByLabel('Git repository URL').fill('https://example.com/churn.git');
    await submitModel(page, { name, artifact });

    await expect(page).toHaveURL(/\/models\/ocid1\.datasciencemodel\.oc1\.[a-z0-9-]+\.[a-z0-9]+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('Every check passed')).toBeVisible();
    const checks = page.getByRole('list', { name: 'Artifact checks' }).getByRole('listitem');
    await expect(checks).toHaveCount(7);
    for (const item of await checks.all()) await expect(item).toContainText('Pass');
    await expect(checkItem(page, 'score.py defines predict()')).toContainText('Pass');
    await expect(checkItem(page, 'The conda environment is known')).toContainText('generalml_p311_cpu_v1');
    // score.py was imported and load_model() run for real, in the runtime image.
    await expect(checkItem(page, 'load_model() runs in the runtime image')).toContainText(/load_model\(\) returned in [\d.]+ s in generalml_p311_cpu_v1/);

    // What was entered is shown back.
    await expect(page.getByText('Predicts churn')).toBeVisible();
    await expect(page.getByText('binary_classification')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Custom metadata' }).getByRole('row').filter({ hasText: 'auc' })).toContainText('0.91');
    await expect(page.getByText('https://example.com/churn.git')).toBeVisible();
    await expect(page.getByRole('link', { name: project })).toBeVisible();

    // Download: the bytes that were uploaded.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download artifact' }).click()]);
    expect(download.suggestedFilename()).toBe('good.zip');
    expect(fs.statSync(await download.path()).size).toBe(fs.statSync(artifact).size);

    // Deactivate, then activate.
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByRole('status').getByText(`Model ${name} deactivated`)).toBeVisible();
    await expect(page.getByText('This model is inactive')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Model information' }).getByText('Inactive', { exact: true })).toBeVisible();
    await page.goto('/models?state=INACTIVE');
    await expect(modelRows(page).filter({ hasText: name })).toContainText('Inactive');
    await modelRows(page).filter({ hasText: name }).getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Activate' }).click();
    await expect(page.getByRole('status').getByText(`Model ${name} activated`)).toBeVisible();
    await expect(modelRows(page).filter({ hasText: name })).toHaveCount(0);
    await page.getByLabel('State').selectOption('ACTIVE');
    await expect(modelRows(page).filter({ hasText: name })).toContainText('Active');
    await expect(modelRows(page).filter({ hasText: name }).getByRole('link', { name: project })).toBeVisible();
  });

  test('an unknown environment slug is a failure item that names the slug', async ({ page }) => {
    const project = uniqueName('slug-project');
    const name = uniqueName('slug-model');
    const artifact = await writeZip('unknown-slug.zip', { 'model/score.py': SCORE, 'model/runtime.yaml': runtimeYaml('no_such_env_v9') });
    await createProject(page, project);
    await page.goto('/models/new');
    await submitModel(page, { name, artifact, project });
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('A managed model deployment cannot serve this artifact')).toBeVisible();
    const env = checkItem(page, 'The conda environment is known');
    await expect(env).toContainText('Failure');
    await expect(env).toContainText('Unknown conda environment "no_such_env_v9"');
    await expect(checkItem(page, 'score.py is present')).toContainText('Found score.py in the folder model/.');
  });

  test('a file that is not a zip and a zip-slip zip are refused with readable errors and create nothing', async ({ page }) => {
    const project = uniqueName('refused-project');
    const notZip = path.join(tmp, 'notes.zip');
    fs.writeFileSync(notZip, 'These are my notes, not a zip archive.\n');
    const slip = await writeZipSlip('slip.zip');
    await createProject(page, project);
    await page.goto('/models');
    await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
    const before = await modelRows(page).count();

    // A text file named .zip is named as soon as it is chosen, next to the file field, before any upload.
    await page.goto('/models/new');
    const textName = uniqueName('text-model');
    await page.getByLabel('Project', { exact: true }).selectOption({ label: project });
    await page.getByLabel('Name', { exact: true }).fill(textName);
    const fileField = page.getByLabel('Model artifact');
    await fileField.setInputFiles(notZip);
    await expect(fileField).toHaveAccessibleDescription(/"notes\.zip" is not a zip archive: it is a text file\./);
    await page.getByRole('button', { name: 'Create model' }).click();
    // The user is taken to the field to fix, its message beside it; the summary sits by the submit button.
    await expect(fileField).toBeFocused();
    await expect(fileField).toBeInViewport();
    await expect(page.getByRole('alert').filter({ hasText: 'One field needs attention' })).toBeVisible();
    await expect(page).toHaveURL(/\/models\/new$/);

    // The server's refusal (a zip-slip entry) shows beside the submit button, where the user is, and under the file field.
    const slipName = uniqueName('slip-model');
    await submitModel(page, { name: slipName, artifact: slip });
    const alert = page.getByRole('alert').filter({ hasText: 'The model was not created' });
    await expect(alert).toContainText('../evil.py');
    await expect(fileField).toHaveAccessibleDescription(/\.\.\/evil\.py/);
    const [alertBox, submitBox] = [await alert.boundingBox(), await page.getByRole('button', { name: 'Create model' }).boundingBox()];
    expect(alertBox && submitBox && Math.abs(submitBox.y - (alertBox.y + alertBox.height))).toBeLessThan(80);

    // Nothing was stored: the list has no new row and neither name appears.
    await page.goto('/models');
    await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
    expect(await modelRows(page).count()).toBe(before);
    await expect(page.getByRole('link', { name: textName })).toHaveCount(0);
    await expect(page.getByRole('link', { name: slipName })).toHaveCount(0);
  });

  test('edit the metadata and tags, then delete with the typed name', async ({ page }) => {
    const project = uniqueName('edit-project');
    const name = uniqueName('edit-model');
    const artifact = await writeZip('edit.zip', { 'score.py': SCORE });
    await createProject(page, project);
    await page.goto('/models/new');
    await submitModel(page, { name, artifact, project });
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(checkItem(page, 'runtime.yaml parses')).toContainText('Warning');

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit model' });
    await edit.getByLabel('Framework', { exact: true }).selectOption('xgboost');
    await edit.getByLabel('Hyperparameters').fill('[1, 2]');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByText('Hyperparameters must be a JSON object')).toBeVisible();
    await edit.getByLabel('Hyperparameters').fill('{"eta": 0.3}');
    await edit.getByRole('button', { name: 'Add custom metadata' }).click();
    await edit.getByLabel('Custom metadata key 1').fill('dataset');
    await edit.getByLabel('Custom metadata value 1').fill('churn-2024.csv');
    await edit.getByLabel('Custom metadata category 1').selectOption('Training and Validation Datasets');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole('region', { name: 'Model taxonomy' })).toContainText('xgboost');
    await expect(page.getByRole('table', { name: 'Custom metadata' })).toContainText('churn-2024.csv');

    await page.getByRole('button', { name: 'Add tags' }).click();
    const tags = page.getByRole('dialog', { name: 'Add tags' });
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByLabel('Tag key 1').fill('team');
    await tags.getByLabel('Tag value 1').fill('growth');
    await tags.getByRole('button', { name: 'Save changes' }).click();
    await expect(tags).toBeHidden();
    await expect(page.getByText('team: growth')).toBeVisible();
    // Tags are a list filter too.
    await page.goto('/models?tag=team%3Dgrowth');
    await expect(modelRows(page).filter({ hasText: name })).toHaveCount(1);

    await modelRows(page).filter({ hasText: name }).getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const del = page.getByRole('dialog', { name: 'Delete model' });
    const confirm = del.getByRole('button', { name: 'Delete', exact: true });
    await del.getByLabel('Type the model name to confirm').fill(name.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await del.getByLabel('Type the model name to confirm').fill(name);
    await confirm.click();
    await expect(page.getByRole('status').getByText(`Model ${name} deleted`)).toBeVisible();
    await expect(modelRows(page).filter({ hasText: name })).toContainText('Deleted');
    await page.getByLabel('State').selectOption('ACTIVE');
    await expect(modelRows(page).filter({ hasText: name })).toHaveCount(0);
  });

  test('the form checks its fields before uploading', async ({ page }) => {
    await createProject(page, uniqueName('form-project'));
    await page.goto('/models/new');
    await page.getByLabel('Input schema').fill('{"values": }');
    await page.getByRole('button', { name: 'Create model' }).click();
    await expect(page.getByText('Choose the project the model belongs to.')).toBeVisible();
    await expect(page.getByText('Choose the model artifact, a zip file.')).toBeVisible();
    await expect(page.getByText(/^Input schema is not valid JSON/)).toBeVisible();
    await expect(page.getByLabel('Input schema')).toHaveAttribute('aria-invalid', 'true');
  });
});
