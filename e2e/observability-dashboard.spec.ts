import { expect, test } from '@playwright/test';
import Docker from 'dockerode';
import { AdminPage, DeploymentPage, MetricsTab } from './pages';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState, X_INPUT_SCHEMA } from './support-deployments';

// The operations page and a deployment's Metrics tab, over a real deployment that was invoked.

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

const CHART_TITLES = [
  'Predict Request Count',
  'Predict Response Success Rate',
  'Predict Response Status',
  'Predict Latency',
  'Predict Bandwidth Utilization',
  'CPU Utilization',
  'Memory Utilization',
  'Network Receive and Transmit Bytes',
];

const EMPTY_REASON = /No predict requests|No instance samples|not active yet|ends before this deployment/;

test('the operations page shows capacity, images and an invoked deployment, whose Metrics tab charts it or says why not', async ({ page }) => {
  test.setTimeout(240_000);
  const name = uniqueName('ops-md');
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('ops-project'));
  const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model`, inputSchema: X_INPUT_SCHEMA });
  const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
  created.push(md.id);
  await waitForState(page.request, md.id, 'ACTIVE');
  for (let i = 0; i < 3; i += 1) {
    const res = await page.request.post(`/api/model-deployments/${md.id}/invoke`, { data: { x: [i, 1] } });
    expect(res.status(), await res.text()).toBe(200);
  }

  await page.goto('/projects');
  const admin = new AdminPage(page);
  await admin.open();
  await expect(admin.cpuReserved).toBeVisible();
  await expect(page.getByText(/reserved of \d+(\.\d+)? CPUs?/)).toBeVisible();
  await expect(admin.diskUsed).toBeVisible();

  const images = admin.images;
  await expect(images.getByRole('row').filter({ hasText: 'minimal_p311_cpu_v1' }).first()).toContainText('Present');

  // The containers table names the deployment too: its row in the Deployments table.
  const row = admin.deploymentRow(name);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('1/1');
  await expect(admin.containers.getByRole('row').filter({ hasText: 'running' }).first()).toBeVisible();

  await row.getByRole('link', { name }).click();
  await new DeploymentPage(page, md.id).openTab('Metrics');
  await expect(page).toHaveURL(/\?tab=metrics$/);
  const metrics = new MetricsTab(page);
  await expect(metrics.quickRange).toHaveValue('1h');
  // The requests just sent are charted: the gateway flushes its current minute every second.
  const requestChart = await metrics.waitForChart('Predict Request Count', 30_000);
  // The figure is the total over the range (3 requests), whichever minutes they fell in.
  await expect(requestChart.getByRole('img')).toHaveAttribute('aria-label', 'Predict Request Count, total over the range: Requests: 3');
  await expect(requestChart.getByText('Requests: 3', { exact: true })).toBeVisible();
  for (const title of CHART_TITLES) {
    const chart = metrics.chart(title);
    await expect(chart).toBeVisible();
    // Instance metrics need a minute of samples: until then the chart says why it is empty.
    await expect(chart.getByRole('img').or(chart.getByRole('alert')).or(chart.getByText(EMPTY_REASON)).first()).toBeVisible();
  }

  // The controls work from the keyboard: a custom range that ends before creation says so.
  await page.getByLabel('Quick range').selectOption('custom');
  await page.getByLabel('Start time').fill('2020-01-01T00:00');
  await page.getByLabel('End time').fill('2020-01-01T01:00');
  await page.getByLabel('End time').press('Enter');
  const requests = page.getByRole('region', { name: 'Predict Request Count', exact: true });
  await expect(requests.getByText(/ends before this deployment was created|metrics service is not available/)).toBeVisible();
});

// @engine: it removes a runtime image every deployment on this engine uses, so npm test runs it
// alone, after the tests that run side by side.
test('a missing runtime image is built from the operations page, with its progress shown until it succeeds', { tag: '@engine' }, async ({ page }) => {
  test.setTimeout(180_000);
  const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
  const tag = (await docker.listImages({ filters: { label: ['berth.runtime.slug=minimal_p311_cpu_v1'] } }))
    .flatMap((i) => i.RepoTags ?? [])
    .find((t) => t.startsWith('berth-runtime/minimal_p311_cpu_v1:'));
  if (!tag) throw new Error('The minimal runtime image is not built; run the setup of npm test first.');
  // Removed with its parent layers kept (`docker rmi --no-prune`): the build below finds the package
  // steps in the cache, so nothing is downloaded.
  const before = await docker.getImage(tag).inspect();
  expect(before.Parent, 'a classic-builder image with its build cache').not.toBe('');
  await docker.getImage(tag).remove({ force: true, noprune: true });

  await page.goto('/admin');
  const images = page.getByRole('table', { name: 'Runtime images' });
  const imageRow = images.getByRole('row').filter({ hasText: tag });
  await expect(imageRow).toContainText('Missing');
  await imageRow.getByRole('button', { name: 'Build minimal_p311_cpu_v1' }).click();
  await expect(page.getByText('Building minimal_p311_cpu_v1')).toBeVisible();

  const builds = page.getByRole('table', { name: 'Runtime image builds' });
  const buildRow = builds.getByRole('row').filter({ hasText: tag }).first();
  await expect(buildRow).toContainText('An operator, on this page');
  // The page refreshes itself while the build runs; it ends with every step done.
  await expect(buildRow).toContainText('Succeeded', { timeout: 120_000 });
  await expect(buildRow).toContainText(/Done: all \d+ steps/);
  await expect(imageRow).toContainText('Present, current');
  expect((await docker.getImage(tag).inspect()).RepoTags).toContain(tag);
});
