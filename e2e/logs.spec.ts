import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { LogsTab } from './pages';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState, X_INPUT_SCHEMA } from './support-deployments';

// The Logs tab over a real deployment: the gateway's access records, the serving container's
// predict log (with score.py's traceback), filters, the live tail and the work request history.

const RAISING_SCORE_PY = [
  'def load_model():',
  '    return 2',
  '',
  'def predict(data, model=None):',
  '    if data.get("boom"):',
  '        raise ValueError("logs-e2e-boom")',
  '    return {"prediction": [x * 2 for x in data["x"]]}',
  '',
].join('\n');

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

async function invoke(request: APIRequestContext, id: string, body: unknown, requestId?: string): Promise<number> {
  const res = await request.post(`/api/model-deployments/${id}/invoke`, {
    data: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(requestId ? { 'opc-request-id': requestId } : {}) },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { status: number }).status;
}

/** Access records reach the database every few seconds: refresh until `text` is in the table. */
const refreshUntil = (page: Page, text: string | RegExp) => new LogsTab(page).refreshUntil(text);

test('the logs tab shows access records and the predict traceback, searches, filters by level and tails live', async ({ page }) => {
  test.setTimeout(300_000);
  const name = uniqueName('logs');
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('logs-project'));
  const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model`, inputSchema: X_INPUT_SCHEMA, scorePy: RAISING_SCORE_PY });
  const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
  created.push(md.id);
  await waitForState(page.request, md.id, 'ACTIVE', 180_000);

  for (let i = 0; i < 3; i++) expect(await invoke(page.request, md.id, { x: [i] })).toBe(200);
  expect(await invoke(page.request, md.id, { x: [1], boom: true })).toBeGreaterThanOrEqual(500);

  await page.goto(`/model-deployments/${md.id}?tab=logs`);
  await expect(page.getByRole('heading', { name: 'Logs', exact: true })).toBeVisible();
  await refreshUntil(page, /POST \/\S+\/predict 200/);
  await refreshUntil(page, 'ValueError: logs-e2e-boom');

  // Search by text: only the predict record with the traceback (and the 5xx access row does not say it).
  const table = page.getByRole('table', { name: 'Log records' });
  await page.getByLabel('Search text').fill('logs-e2e-boom');
  await page.getByLabel('Search text').press('Enter');
  await expect(table).toContainText('Traceback (most recent call last):');
  await expect(table).not.toContainText(/predict 200/);
  const traceRow = table.getByRole('row').filter({ hasText: 'Traceback (most recent call last):' }).first();
  await expect(traceRow).toContainText('Predict');
  await expect(traceRow).toContainText('ERROR');
  await expect(traceRow).toContainText('ValueError: logs-e2e-boom');

  // Level: ERROR and above keeps the failed request's access record and drops the successful ones.
  await page.getByLabel('Search text').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Level').selectOption('ERROR');
  await expect(table).toContainText(/predict 5\d\d/);
  await expect(table).not.toContainText(/predict 200/);

  // Category: access only hides the predict log.
  await page.getByLabel('Category').selectOption('access');
  await expect(table).not.toContainText('Traceback');
  await expect(table).toContainText(/predict 5\d\d/);

  // Details of an access record: its opc-request-id and status.
  await table.getByRole('button', { name: 'Details' }).first().click();
  await expect(table.getByLabel(/Details of log record/)).toContainText('"status": 5');

  // Live tail: a request sent now appears without refreshing.
  await page.getByLabel('Level').selectOption('all');
  const requestId = `LOGSE2E${Date.now()}`;
  await page.getByLabel('Search text').fill(requestId);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No log records match')).toBeVisible();
  await page.getByRole('switch', { name: 'Live tail' }).check();
  await expect(page.getByText(/Live tail is on: checking every 2 s/)).toBeVisible();
  expect(await invoke(page.request, md.id, { x: [7] }, requestId)).toBe(200);
  await expect(table.getByRole('row').filter({ hasText: /predict 200/ })).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByText(/Live tail: \d+ new records?/)).toBeVisible();

  // The work request history, newest first, with its log messages.
  const history = page.getByRole('list', { name: 'Work request history' });
  await expect(history).toContainText('Create model deployment');
  await history.getByRole('button', { name: /Show log messages of Create model deployment/ }).click();
  await expect(history.getByRole('list', { name: 'Log messages' })).toContainText('Creating compute resources.');
  await expect(history).toContainText(/took \d/);
});
