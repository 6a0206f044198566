import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { createProjectForDeployments, DOUBLING_SCORE_PY, RUNTIME_YAML, seedModel, zipOf } from './support-deployments';
import { uniqueName } from './support';

// The fault probe's cross-origin create, in real Chromium: a page of another origin on this host
// (another port: the same site, so the SameSite=Lax session cookie goes along) posts to the
// console with a no-cors fetch, as a JSON text and as a model upload form. Nothing may be created.
// The same upload from the console's own page creates the model, so the check can see a creation.

let other: http.Server;
let otherOrigin: string;

const PAGE = '<!doctype html><html><head><title>Another site</title></head><body><h1>Another site</h1></body></html>';

test.beforeAll(async ({ baseURL }) => {
  // In the console's port range: its port + 90 (its gateway is at + 80).
  const port = Number(new URL(baseURL ?? '').port) + 90;
  other = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  await new Promise<void>((resolve, reject) => other.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  otherOrigin = `http://127.0.0.1:${port}`;
});
test.afterAll(async () => {
  await new Promise((r) => other.close(r));
});

function countRows(table: 'models' | 'model_deployments', displayName: string): number {
  const db = new Database(path.join(process.env.BERTH_E2E_DATA_DIR ?? '', 'berth.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE display_name = ?`).get(displayName) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Posts from the page it runs in: the deployment as text (no-cors allows text/plain), the model as a form. */
async function postFromPage(page: Page, consoleUrl: string, create: string, details: string, zipBase64: string, mode: RequestMode) {
  return page.evaluate(
    async ({ consoleUrl, create, details, zipBase64, mode }) => {
      const zip = Uint8Array.from(atob(zipBase64), (ch) => ch.charCodeAt(0));
      const form = new FormData();
      form.append('details', details);
      form.append('artifact', new Blob([zip], { type: 'application/zip' }), 'model.zip');
      const a = await fetch(`${consoleUrl}/api/model-deployments`, { method: 'POST', mode, credentials: 'include', body: create });
      const b = await fetch(`${consoleUrl}/api/models`, { method: 'POST', mode, credentials: 'include', body: form });
      return [a.type === 'opaque' ? 'opaque' : String(a.status), b.type === 'opaque' ? 'opaque' : String(b.status)];
    },
    { consoleUrl, create, details, zipBase64, mode },
  );
}

test('a page of another origin creates nothing with the session cookie, while the console’s own page does', async ({ browser, page, request, baseURL }) => {
  const consoleUrl = baseURL ?? '';
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('cross-origin'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('cross-origin-model') });
  const deploymentName = uniqueName('from-another-site');
  const create = JSON.stringify({
    compartmentId,
    projectId,
    displayName: deploymentName,
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      },
    },
  });
  const modelName = uniqueName('uploaded-from-another-site');
  const details = JSON.stringify({ compartmentId, projectId, displayName: modelName });
  const zipBase64 = (await zipOf({ 'score.py': DOUBLING_SCORE_PY, 'runtime.yaml': RUNTIME_YAML })).toString('base64');

  // The signed-in browser state, but none of the Origin header the specs' own API calls add: the
  // page's requests say where they come from as Chromium makes them.
  const otherSite = await browser.newContext({ extraHTTPHeaders: {} });
  try {
    const evil = await otherSite.newPage();
    const answered: number[] = [];
    evil.on('response', (r) => {
      if (r.url().startsWith(`${consoleUrl}/api/`)) answered.push(r.status());
    });
    await evil.goto(otherOrigin);
    await expect(evil.getByRole('heading', { name: 'Another site' })).toBeVisible();
    expect(await postFromPage(evil, consoleUrl, create, details, zipBase64, 'no-cors')).toEqual(['opaque', 'opaque']);
    // The console answered both: 403 (401 would mean the cookie had not gone along).
    await expect.poll(() => answered.length).toBe(2);
    expect(answered).toEqual([403, 403]);
  } finally {
    await otherSite.close();
  }
  expect(countRows('model_deployments', deploymentName)).toBe(0);
  expect(countRows('models', modelName)).toBe(0);

  // From the console's own page the same upload is accepted: a creation would have shown above.
  await page.goto('/');
  const ownName = uniqueName('uploaded-from-the-console');
  const own = await page.evaluate(
    async ({ details, zipBase64 }) => {
      const zip = Uint8Array.from(atob(zipBase64), (ch) => ch.charCodeAt(0));
      const form = new FormData();
      form.append('details', details);
      form.append('artifact', new Blob([zip], { type: 'application/zip' }), 'model.zip');
      return (await fetch('/api/models', { method: 'POST', body: form })).status;
    },
    { details: JSON.stringify({ compartmentId, projectId, displayName: ownName }), zipBase64 },
  );
  expect(own).toBe(201);
  expect(countRows('models', ownName)).toBe(1);
});
