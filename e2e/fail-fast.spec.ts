import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { DOUBLING_SCORE_PY, createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';

// A broken deployment says why within seconds, on its page: the failure's class, the log excerpt
// that shows it and what to do. The generous timeouts are for a loaded machine; the 5 s target is
// the benchmark's (scripts/bench/failfast-bench.ts).

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const CAUSE_TIMEOUT = 20_000;

const created: string[] = [];
const builtImages: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});
test.afterAll(async () => {
  for (const tag of builtImages.splice(0)) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
});

// Serves on 8080 only, whatever the deployment says its health check port is.
const SERVER_PY = `
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("content-length", "0"); self.end_headers()
    def log_message(self, *a): pass
print("Serving on 0.0.0.0:8080", flush=True)
HTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

async function buildServerImage(tag: string): Promise<void> {
  const base = (await docker.listImages({ filters: { label: ['berth.runtime.slug=minimal_p311_cpu_v1'] } }))
    .sort((a, b) => b.Created - a.Created)
    .flatMap((i) => i.RepoTags ?? [])
    .find((t) => t.startsWith('berth-runtime/minimal_p311_cpu_v1:'));
  if (!base) throw new Error('The minimal runtime image is not built; run the e2e setup first.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-ff-'));
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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function seedCustomDeployment(request: APIRequestContext, input: { compartmentId: string; projectId: string; modelId: string; displayName: string; image: string }) {
  const res = await request.post('/api/model-deployments', {
    data: {
      compartmentId: input.compartmentId,
      projectId: input.projectId,
      displayName: input.displayName,
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: input.modelId,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
        environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: input.image, serverPort: 8080, healthCheckPort: 9000 },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

/** The named failure as the status panel shows it, once the deployment has failed. */
async function expectNamedFailure(page: Page, failureClass: string, excerpt: RegExp, hint: RegExp) {
  const status = page.getByRole('region', { name: /failed/i });
  const failure = page.getByRole('group', { name: `Failure ${failureClass}` });
  await expect(failure).toBeVisible({ timeout: CAUSE_TIMEOUT });
  await expect(status.getByText('Failed', { exact: true }).first()).toBeVisible();
  await expect(failure.getByLabel('Log excerpt')).toContainText(excerpt);
  await expect(failure).toContainText(new RegExp(`What to do: .*${hint.source}`));
  await expect(page.getByText(`Errors occurred while bootstrapping the Model Deployment: ${failureClass}: `)).toBeVisible();
}

test('a model whose score.py import fails shows IMPORT_ERROR with the traceback on its page', async ({ page, request }) => {
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('ff-import'));
  const modelId = await seedModel(request, {
    compartmentId,
    projectId,
    displayName: uniqueName('import-error'),
    scorePy: 'import nosuchpkg_berth\n\ndef predict(data, model=None):\n    return data\n',
  });
  const md = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('md-import') });
  created.push(md.id);
  await page.goto(`/model-deployments/${md.id}`);
  await expectNamedFailure(page, 'IMPORT_ERROR', /import nosuchpkg_berth\s+ModuleNotFoundError: No module named 'nosuchpkg_berth'/, /missing package/);
  await expect(page.getByText("score.py could not be imported: ModuleNotFoundError: No module named 'nosuchpkg_berth'").first()).toBeVisible();
});

test('a custom container with a wrong health check port shows PORT_NOT_LISTENING naming the port it listens on', async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = `berth-e2e-failfast:${Date.now()}`;
  await buildServerImage(tag);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('ff-port'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('byoc') });
  const id = await seedCustomDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('md-port'), image: tag });
  created.push(id);
  await page.goto(`/model-deployments/${id}`);
  await expectNamedFailure(page, 'PORT_NOT_LISTENING', /Serving on 0\.0\.0\.0:8080/, /Set the health check port to 8080/);
  await expect(page.getByText(/nothing listens on port 9000 \(its health check port\); it listens on 8080/).first()).toBeVisible();
});

test('a create shows one percent in the status panel and the work request table, and an ETA learned from the create before', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('ff-eta'));
  // load_model() takes 15 s: long enough to read the page while the health check waits, even on a
  // loaded machine.
  const scorePy = DOUBLING_SCORE_PY.replace('    return 2', '    import time\n    time.sleep(15)\n    return 2');
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('slow'), scorePy });
  const first = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('md-first') });
  created.push(first.id);
  await page.goto(`/model-deployments/${first.id}`);
  await waitForState(request, first.id, 'ACTIVE');

  const second = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('md-second') });
  created.push(second.id);
  await page.goto(`/model-deployments/${second.id}`);
  const panel = page.getByRole('group', { name: 'Work request progress' });
  const bar = panel.getByRole('progressbar', { name: 'Percent complete' });
  // Instances started, health check waiting for the model to load: the phase that lasts.
  await expect(bar).toHaveAttribute('aria-valuetext', '55%', { timeout: 20_000 });
  await expect(panel.getByText(/^about \d+ s left$/)).toBeVisible();
  const row = page.getByRole('table', { name: 'Work requests' }).getByRole('row').filter({ hasText: 'In progress' });
  await expect(row.getByRole('cell', { name: '55%' })).toBeVisible();
  await waitForState(request, second.id, 'ACTIVE');
});
