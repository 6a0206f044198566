import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedModel, waitForState } from './support-deployments';

// The create wizard and the edit flow against real containers: a conda deployment made from the
// keyboard, a bandwidth edit reviewed as a diff, a two-group edit run as a two-step plan, and a
// custom container built here from the minimal runtime image.

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });

const created: string[] = [];
const builtImages: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});
test.afterAll(async () => {
  for (const tag of builtImages.splice(0)) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
});

// A custom container: python's http.server answering /health and /predict on the port in its
// first argument (8080 without one).
const SERVER_PY = `
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        self._send(200 if self.path == "/health" else 404, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0); body = json.loads(self.rfile.read(n) or b"{}")
        self._send(200, {"server": "byoc", "prediction": [x + 1 for x in body.get("x", [])]})
    def log_message(self, *a): pass
import sys
ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1]) if len(sys.argv) > 1 else 8080), H).serve_forever()
`;

async function minimalRuntimeImage(): Promise<string> {
  const images = await docker.listImages();
  const newest = images
    .filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith('berth-runtime/minimal_p311_cpu_v1:')))
    .sort((a, b) => b.Created - a.Created)[0];
  const tag = newest?.RepoTags?.find((t) => t.startsWith('berth-runtime/minimal_p311_cpu_v1:'));
  if (!tag) throw new Error('The minimal runtime image is not built; run the e2e setup first.');
  return tag;
}

/** Builds the custom container image and returns its id, which the wizard records as the digest. */
async function buildServerImage(tag: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-img-'));
  try {
    fs.writeFileSync(path.join(dir, 'server.py'), SERVER_PY);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${await minimalRuntimeImage()}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\nCMD []\n`);
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

const deploymentIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');

async function getDeployment(request: APIRequestContext, id: string) {
  const res = await request.get(`/api/model-deployments/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as {
    lifecycleState: string;
    modelDeploymentUrl: string;
    modelDeploymentConfigurationDetails: {
      modelConfigurationDetails: { bandwidthMbps: number; scalingPolicy: { instanceCount: number }; instanceConfiguration: { instanceShapeName: string } };
      environmentConfigurationDetails?: { environmentConfigurationType: string; image?: string; imageDigest?: string; serverPort?: number; healthCheckPort?: number };
    };
  };
}

const waitForActive = (page: Page) =>
  expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible({ timeout: 150_000 });

test.describe('deployment wizard', () => {
  test('create a conda deployment from the keyboard, edit its bandwidth with a diff, then run a two-step plan', async ({ page }) => {
    test.setTimeout(420_000);
    const name = uniqueName('wizard-conda');
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('wizard-project'));
    await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model` });

    await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Create model deployment' })).toBeVisible();
    // Nothing is chosen for the user; once the model is, the page says which conda environment will serve it.
    const picker = page.getByRole('combobox', { name: 'Model', exact: true });
    await expect(picker).toHaveValue('');
    await picker.selectOption({ label: `${name}-model (minimal_p311_cpu_v1)` });
    await expect(page.getByRole('region', { name: 'Runtime' })).toContainText(/Served by the conda environment minimal_p311_cpu_v1 .*runtime\.yaml names it/);
    await expect(page.getByText('Default logging (Berth)')).toBeVisible();

    // Everything from the keyboard: type the name, open the shape dialog, size it, submit.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Doubles x, made by the wizard');
    await page.getByRole('button', { name: 'Change shape' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Select a shape' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /VM\.Standard\.E4\.Flex/ })).toBeChecked();
    await dialog.getByLabel('Memory (GB)').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2000');
    await expect(dialog.getByText(/allows 6 to 1024 GB of memory; 2000 GB is out of range/)).toBeVisible();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('6');
    await expect(dialog.getByText(/Fits this host/)).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('VM.Standard.E4.Flex · 1 OCPU · 6 GB memory')).toBeVisible();
    await expect(page.getByLabel('Load balancer bandwidth (Mbps)')).toHaveValue('10');
    await page.getByRole('button', { name: 'Create', exact: true }).focus();
    await page.keyboard.press('Enter');

    // The deployment's page follows the create work request to Active.
    await expect(page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/]+$/);
    const id = deploymentIdOf(page);
    created.push(id);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await waitForActive(page);

    // Edit the bandwidth: the diff shows old and new before anything is applied.
    await page.getByRole('link', { name: 'Edit', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
    const apply = page.getByRole('button', { name: 'Apply changes' });
    await expect(apply).toBeDisabled();
    await page.getByLabel('Load balancer bandwidth (Mbps)').fill('20');
    const diff = page.getByRole('table', { name: 'Changes to apply' });
    await expect(diff.getByRole('row', { name: /Load balancer bandwidth \(Mbps\)/ })).toHaveText(/Load balancer bandwidth \(Mbps\)\s*10\s*20/);
    await expect(diff.getByRole('row')).toHaveCount(2);
    await apply.click();
    await expect(page).toHaveURL(new RegExp(`/model-deployments/${id.replace(/\./g, '\\.')}$`));
    await waitForState(page.request, id, 'ACTIVE');
    expect((await getDeployment(page.request, id)).modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps).toBe(20);

    // Instance count (the scaling policy) and bandwidth while ACTIVE: two option groups, shown and run as a two-step plan.
    await page.goto(`/model-deployments/${id}/edit`);
    await page.getByLabel('Number of instances').fill('2');
    await page.getByLabel('Load balancer bandwidth (Mbps)').fill('30');
    const plan = page.getByRole('list', { name: 'Update plan' });
    await expect(plan.getByRole('heading', { name: 'Step 1 of 2: Scaling policy' })).toBeVisible();
    await expect(plan.getByRole('heading', { name: 'Step 2 of 2: Load balancer or container' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Changes in step 1' })).toContainText(/Number of instances\s*1\s*2/);
    await expect(page.getByRole('table', { name: 'Changes in step 2' })).toContainText(/Load balancer bandwidth \(Mbps\)\s*20\s*30/);
    await page.getByRole('button', { name: 'Apply in 2 steps' }).click();

    const steps = page.getByRole('list', { name: 'Update steps' });
    await expect(page).toHaveURL(/\/edit\?plan=[0-9a-f-]{36}$/);
    await expect(steps.getByRole('listitem', { name: 'Step 1: Scaling policy' })).toBeVisible();
    await expect(page.getByText('All 2 steps were applied.')).toBeVisible({ timeout: 180_000 });
    await expect(steps.getByRole('listitem', { name: 'Step 2: Load balancer or container' }).getByText('Succeeded').first()).toBeVisible();
    const after = await getDeployment(page.request, id);
    expect(after.lifecycleState).toBe('ACTIVE');
    expect(after.modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy.instanceCount).toBe(2);
    expect(after.modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps).toBe(30);

    // The plan survives a reload, and each step's work request shows its log.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Update plan: 2 steps' })).toBeVisible();
    await expect(steps.getByRole('list', { name: 'Log messages' }).first()).toBeVisible();
  });

  test('a custom container from a locally built image; a reserved port is refused and creates nothing', async ({ page }) => {
    test.setTimeout(300_000);
    const name = uniqueName('wizard-byoc');
    const tag = `berth-e2e-byoc:${Date.now()}`;
    const digest = await buildServerImage(tag);
    const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('byoc-project'));
    await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model` });
    const countDeployments = async () => {
      const res = await page.request.get(`/api/model-deployments?compartmentId=${encodeURIComponent(compartmentId)}&projectId=${encodeURIComponent(projectId)}`);
      return ((await res.json()) as unknown[]).length;
    };

    await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}`);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: `${name}-model (minimal_p311_cpu_v1)` });
    await page.getByLabel('Use a custom container image').check();
    const image = page.getByLabel('Image', { exact: true });
    await expect(image.locator('option', { hasText: tag })).toHaveCount(1);
    // The console's own images are not offered.
    await expect(image.locator('option', { hasText: 'berth-runtime/' })).toHaveCount(0);
    await image.selectOption(`${tag}|${digest}`);
    await expect(page.getByText(digest)).toBeVisible();
    await page.getByLabel('Entrypoint').fill('python3\n/opt/app/server.py');

    // A port the service keeps for itself: a readable error, and nothing is created.
    const serverPort = page.getByLabel('Server port');
    await serverPort.fill('8446');
    await serverPort.blur();
    await expect(page.getByText('Port 8446 is reserved by the service; ports 24224, 8446 and 8447 cannot be used.')).toBeVisible();
    await expect(serverPort).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'One field needs attention' })).toBeVisible();
    await expect(serverPort).toBeFocused();
    await expect(page).toHaveURL(/\/model-deployments\/new\?/);
    expect(await countDeployments()).toBe(0);

    // The health check port is left empty and follows the server port: the server listens on 9000 only,
    // so the deployment goes Active only if the health check probes 9000.
    const healthPort = page.getByLabel('Health check port');
    await expect(healthPort).toHaveValue('');
    await serverPort.fill('9000');
    await expect(page.getByText(/Port 8446 is reserved/)).toHaveCount(0);
    await expect(healthPort).toHaveAttribute('placeholder', '9000');
    await expect(page.getByText('Empty: the server port (9000).')).toBeVisible();
    await page.getByLabel('CMD').fill('9000');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/]+$/);
    const id = deploymentIdOf(page);
    created.push(id);
    await waitForActive(page);

    const md = await getDeployment(page.request, id);
    expect(md.modelDeploymentConfigurationDetails.environmentConfigurationDetails).toMatchObject({
      environmentConfigurationType: 'OCIR_CONTAINER',
      image: tag,
      imageDigest: digest,
      serverPort: 9000,
      healthCheckPort: 9000,
    });
    const res = await page.request.post(`${md.modelDeploymentUrl}/predict`, { data: { x: [1, 2] } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ server: 'byoc', prediction: [2, 3] });

    // The invoke help speaks of the container's own server, not of score.py; its sample is answered.
    await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Invoke' }).click();
    await expect(page.getByText(/its server receives this JSON at its predict endpoint/)).toBeVisible();
    await expect(page.getByText(/score\.py/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('HTTP 200')).toBeVisible();
  });
});
