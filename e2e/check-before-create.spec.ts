import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { DOUBLING_SCORE_PY, X_INPUT_SCHEMA, createProjectForDeployments, seedModel } from './support-deployments';

// "Check" in the create wizard: the configuration runs once in a throwaway container and the
// report shows, item by item, whether it would serve; nothing is created. At upload, score.py is
// imported and load_model() run for real, so a broken import shows on the model's page.

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const builtImages: string[] = [];
test.afterAll(async () => {
  for (const tag of builtImages.splice(0)) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
});

// Listens on 8080 only.
const SERVER_PY = `
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self): self._send(200 if self.path == "/health" else 404, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0); self.rfile.read(n)
        self._send(200, {"prediction": [1]})
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

async function buildServerImage(tag: string): Promise<string> {
  const images = await docker.listImages();
  const base = images
    .flatMap((i) => (i.RepoTags ?? []).filter((t) => t.startsWith('berth-runtime/minimal_p311_cpu_v1:')).map((t) => ({ t, created: i.Created })))
    .sort((a, b) => b.created - a.created)[0]?.t;
  if (!base) throw new Error('The minimal runtime image is not built; run the e2e setup first.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-check-'));
  try {
    fs.writeFileSync(path.join(dir, 'server.py'), SERVER_PY);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${base}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`);
    const stream = await docker.buildImage({ context: dir, src: ['Dockerfile', 'server.py'] }, { t: tag, labels: { 'berth.test': 'true' } });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (e: Error | null, out: { error?: string }[]) => {
        const failed = out.find((o) => o.error);
        if (e || failed) reject(e ?? new Error(failed?.error));
        else resolve();
      }),
    );
    builtImages.push(tag);
    return (await docker.getImage(tag).inspect()).Id;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results = (page: Page) => page.getByRole('list', { name: 'Check results' });
const resultRow = (page: Page, label: string | RegExp) => results(page).getByRole('listitem').filter({ hasText: label });

async function openWizard(page: Page, projectId: string, modelId: string) {
  await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}&modelId=${encodeURIComponent(modelId)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Create model deployment' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption(modelId);
}

const countDeployments = async (page: Page, compartmentId: string, projectId: string) => {
  const res = await page.request.get(`/api/model-deployments?compartmentId=${encodeURIComponent(compartmentId)}&projectId=${encodeURIComponent(projectId)}`);
  return ((await res.json()) as unknown[]).length;
};

test.describe('check before create', () => {
  test('Check passes a good conda model item by item, then names the wrong health port of a custom container', async ({ page }) => {
    test.setTimeout(240_000);
    const tag = `berth-e2e-check:${Date.now()}`;
    const digest = await buildServerImage(tag);
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('check-project'));
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: uniqueName('check-model'), inputSchema: X_INPUT_SCHEMA, scorePy: DOUBLING_SCORE_PY });
    await openWizard(page, projectId, modelId);

    const section = page.getByRole('region', { name: 'Check before create' });
    await section.getByRole('button', { name: 'Check', exact: true }).click();
    // While it runs: what it does now, a progress bar, and the items still being checked.
    await expect(section.getByRole('progressbar', { name: 'Check progress' })).toBeVisible();
    await expect(section.getByRole('status')).toHaveText(/Every check passed: this configuration starts and serves\. Checked in \d+\.\d s\./, { timeout: 60_000 });
    const rows = results(page).getByRole('listitem');
    await expect(rows).toHaveCount(9);
    for (const row of await rows.all()) await expect(row).toContainText('Pass');
    await expect(resultRow(page, 'POST /predict answers the sample')).toContainText('"prediction": [2, 4, 6]');
    await expect(resultRow(page, 'The process stays up')).toContainText(/Still running after/);

    // A custom container whose server listens on 8080, checked with health check port 9000.
    await page.getByLabel('Use a custom container image').check();
    await expect(section.getByText('The configuration changed since this check.')).toBeVisible();
    await page.getByLabel('Image', { exact: true }).selectOption(`${tag}|${digest}`);
    await page.getByLabel('Server port').fill('8080');
    await page.getByLabel('Health check port').fill('9000');
    await section.getByRole('button', { name: 'Check again' }).click();
    await expect(section.getByRole('status')).toHaveText(/This configuration would fail to deploy/, { timeout: 60_000 });
    const ports = resultRow(page, 'The declared ports listen');
    await expect(ports).toContainText('Failure');
    await expect(ports).toContainText('PORT_NOT_LISTENING');
    await expect(ports).toContainText('nothing listens on port 9000 (its health check port); it listens on 8080');
    await expect(ports).toContainText('What to do: Set the health check port to 8080');
    await expect(resultRow(page, 'The process stays up')).toContainText('Pass');
    await expect(resultRow(page, 'curl is in the image')).toContainText('Pass');
    await expect(resultRow(page, 'CMD or entrypoint is set')).toContainText("Runs python3 /opt/app/server.py (from the image's ENTRYPOINT).");

    // Checking created nothing and left no container behind.
    expect(await countDeployments(page, compartmentId, projectId)).toBe(0);
    const left = await docker.listContainers({ all: true, filters: { label: ['berth.role=check'] } });
    expect(left.filter((c) => c.ImageID === digest)).toEqual([]);
  });

  test('a score.py whose import fails: the upload says so with the traceback, and Check names IMPORT_ERROR', async ({ page }) => {
    test.setTimeout(180_000);
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('broken-project'));
    const name = uniqueName('broken-model');
    const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: name, inputSchema: X_INPUT_SCHEMA, scorePy: `import sklearnx\n\n${DOUBLING_SCORE_PY}` });

    await page.goto(`/models/${modelId}`);
    const loads = page.getByRole('list', { name: 'Artifact checks' }).getByRole('listitem').filter({ hasText: 'load_model() runs in the runtime image' });
    await expect(loads).toContainText('Failure');
    await expect(loads).toContainText("IMPORT_ERROR: At upload: score.py could not be imported: ModuleNotFoundError: No module named 'sklearnx'");
    await expect(loads.locator('pre')).toContainText('Traceback (most recent call last):');
    await expect(loads.locator('pre')).toContainText('import sklearnx');

    await openWizard(page, projectId, modelId);
    const section = page.getByRole('region', { name: 'Check before create' });
    await section.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(section.getByRole('status')).toHaveText(/This configuration would fail to deploy/, { timeout: 60_000 });
    const health = resultRow(page, 'GET /health answers');
    await expect(health).toContainText('IMPORT_ERROR');
    await expect(health).toContainText("score.py could not be imported: ModuleNotFoundError: No module named 'sklearnx'");
    await expect(health.locator('pre')).toContainText('import sklearnx');
    await expect(resultRow(page, 'POST /predict answers the sample')).toContainText('Not checked');
  });
});
