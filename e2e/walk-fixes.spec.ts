import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState, X_INPUT_SCHEMA } from './support-deployments';

// The walk's fixes over real deployments: deactivate confirms and the lifecycle text follows the
// change; the project page lists its deployments' work; the Logs tab stays inside the page, pages
// long results and shows a capped record as cut.

/** Doubles x; {"hold": s} keeps the request in flight s seconds; {"echo": ...} prints the body. */
const WALK_SCORE_PY = [
  'import json, time',
  '',
  'def load_model():',
  '    return 2',
  '',
  'def predict(data, model=None):',
  '    if data.get("hold"):',
  '        print("walk-e2e-hold-started", flush=True)',
  '        time.sleep(data["hold"])',
  '    if data.get("echo"):',
  '        print("walk-e2e-echo", json.dumps(data), flush=True)',
  '    return {"prediction": [x * 2 for x in data.get("x", [])]}',
  '',
].join('\n');

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

const invoke = (request: APIRequestContext, id: string, body: unknown) =>
  request.post(`/api/model-deployments/${id}/invoke`, { data: JSON.stringify(body), headers: { 'content-type': 'application/json' }, timeout: 60_000 });

async function activeDeployment(page: Page, base: string) {
  const name = uniqueName(base);
  const projectName = uniqueName(`${base}-project`);
  const { projectId, compartmentId } = await createProjectForDeployments(page, projectName);
  const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model`, inputSchema: X_INPUT_SCHEMA, scorePy: WALK_SCORE_PY });
  const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
  created.push(md.id);
  await waitForState(page.request, md.id, 'ACTIVE', 180_000);
  return { name, projectId, md };
}

/** Polls the logs API until a predict record contains `text`: the container printed it. */
async function waitForPredictLog(request: APIRequestContext, id: string, text: string) {
  await expect
    .poll(async () => {
      const res = await request.get(`/api/model-deployments/${id}/logs?category=predict&text=${encodeURIComponent(text)}`);
      return ((await res.json()) as { records: unknown[] }).records.length;
    }, { timeout: 45_000, intervals: [250, 500, 1000] })
    .toBeGreaterThan(0);
}

test('deactivate asks first, the lifecycle text follows the change, its toast goes once settled, and the project page lists the work', async ({ page }) => {
  test.setTimeout(300_000);
  const { name, projectId, md } = await activeDeployment(page, 'walk-deactivate');

  // The project page lists its deployment's work requests, naming the deployment.
  await page.goto(`/projects/${projectId}`);
  const projectWork = page.getByRole('table', { name: 'Work requests' });
  const createRow = projectWork.getByRole('row').filter({ hasText: 'Create model deployment' });
  await expect(createRow.getByRole('link', { name, exact: true })).toHaveAttribute('href', `/model-deployments/${md.id}`);
  await expect(createRow.getByText('Succeeded')).toBeVisible();
  await expect(page.getByText('No work requests yet')).toHaveCount(0);

  // An OCID's Show opens the full OCID above the page; the row keeps its height.
  const row = page.getByRole('region', { name: 'Model deployments' }).getByRole('row').filter({ hasText: md.id.slice(-6) });
  const before = await row.boundingBox();
  await row.getByRole('button', { name: 'Show' }).click();
  const full = page.getByRole('dialog', { name: 'Full OCID' });
  await expect(full).toHaveText(md.id);
  expect((await row.boundingBox())?.height).toBe(before?.height);
  await page.keyboard.press('Escape');
  await expect(full).toBeHidden();

  // One click is not enough: the dialog says what stays and what callers get; Cancel changes nothing.
  await page.goto(`/model-deployments/${md.id}`);
  await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible();
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate model deployment' });
  await expect(dialog).toContainText('The endpoint URL is kept');
  await expect(dialog).toContainText(`${md.modelDeploymentUrl}/predict`);
  await expect(dialog).toContainText('get 404 Not Found');
  await expect(dialog).toContainText('when you activate the deployment');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible();
  expect(((await (await page.request.get(`/api/model-deployments/${md.id}`)).json()) as { lifecycleState: string }).lifecycleState).toBe('ACTIVE');
  expect((await invoke(page.request, md.id, { x: [1] })).status()).toBe(200);

  // A request in flight holds the deactivation while its instance drains: long enough to read the page.
  const held = invoke(page.request, md.id, { hold: 12, x: [3] });
  await waitForPredictLog(page.request, md.id, 'walk-e2e-hold-started');
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Lifecycle details: Deactivating: the endpoint (stops serving|answers 404 now)/)).toBeVisible();
  await expect(page.getByText('Model Deployment is Active.')).toHaveCount(0);

  // The toast, held open under the pointer, still goes once the deployment is seen Inactive.
  const toast = page.getByRole('status', { name: 'Notifications' }).getByText(`Deactivating ${name}`);
  await toast.hover();
  await expect(page.getByRole('heading', { name: 'Inactive: the endpoint answers 404' })).toBeVisible({ timeout: 90_000 });
  await expect(toast).toHaveCount(0);
  await expect(page.getByText(/Lifecycle details: Model Deployment is Inactive/)).toBeVisible();
  expect((await held).status()).toBe(200);
});

test('the logs table stays inside the page, pages long results and marks a capped record', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { md } = await activeDeployment(page, 'walk-logs');
  for (let i = 0; i < 30; i++) expect((await invoke(page.request, md.id, { x: [i] })).status()).toBe(200);
  // One unbroken 100 KB word, printed by the model: capped at 16 KB when stored.
  expect((await invoke(page.request, md.id, { echo: 'y'.repeat(100_000), x: [1] })).status()).toBe(200);
  await waitForPredictLog(page.request, md.id, 'walk-e2e-echo');

  await page.goto(`/model-deployments/${md.id}?tab=logs`);
  const table = page.getByRole('table', { name: 'Log records' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(table).toContainText('Cut to 16 KB when stored', { timeout: 2000 });
    await expect(page.getByRole('button', { name: 'Older records' })).toBeEnabled({ timeout: 2000 });
  }).toPass({ timeout: 45_000 });

  // OCIDs are short in the message (the full one on hover), never a 90-character word.
  await expect(table).toContainText(`POST /...${md.id.slice(-6)}/predict 200`);
  await expect(table).not.toContainText(md.id);
  const echoRow = table.getByRole('row').filter({ hasText: 'walk-e2e-echo' });
  await expect(echoRow).toContainText(/KB cut: log records are kept up to 16 KB/);

  // Nothing overflows sideways, at a laptop's width and a narrow one; Details stays on screen.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const sizes = await page.getByTestId('log-records-scroller').evaluate((el) => ({
      table: [el.scrollWidth, el.clientWidth],
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    }));
    expect(sizes.table[0], `table at ${width}px`).toBeLessThanOrEqual(sizes.table[1] ?? 0);
    expect(sizes.page[0], `page at ${width}px`).toBeLessThanOrEqual(sizes.page[1] ?? 0);
    const details = await table.getByRole('button', { name: 'Details' }).first().boundingBox();
    expect(details && details.x + details.width).toBeLessThanOrEqual(width);
  }

  // Pages of 25, newest first, and a page a screen or two tall rather than thousands of pixels.
  await expect(table.getByRole('row')).toHaveCount(26);
  const pages = page.getByRole('navigation', { name: 'Log pages' });
  await expect(pages).toContainText('Records 1–25, newest first');
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000);
  await expect(pages.getByRole('button', { name: 'Newer records' })).toBeDisabled();
  await pages.getByRole('button', { name: 'Older records' }).click();
  await expect(pages).toContainText(/Records 26–\d+, newest first/);
  await expect(table).not.toContainText('walk-e2e-echo');
  await pages.getByRole('button', { name: 'Newer records' }).click();
  await expect(pages).toContainText('Records 1–25, newest first');
  await expect(table).toContainText('walk-e2e-echo');
});
