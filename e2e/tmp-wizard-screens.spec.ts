import { expect, test } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedModel, waitForState } from './support-deployments';

test('screens', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('screens'));
  await seedModel(page.request, { compartmentId, projectId, displayName: 'doubler' });
  await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}`);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/model-deployments\/ocid1/);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
  await waitForState(page.request, id, 'ACTIVE');
  await page.goto(`/model-deployments/${id}/edit`);
  await page.getByLabel('Number of instances').fill('2');
  await page.getByLabel('Load balancer bandwidth (Mbps)').fill('30');
  await page.getByLabel('Name', { exact: true }).fill('renamed');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable name 1').fill('WEB_CONCURRENCY');
  await page.getByLabel('Variable value 1').fill('1');
  await page.screenshot({ path: '/tmp/screens/04-edit-plan.png', fullPage: true });
  await page.getByRole('button', { name: /Apply in/ }).click();
  await expect(page.getByRole('list', { name: 'Log messages' }).first()).toBeVisible();
  await page.screenshot({ path: '/tmp/screens/05-plan-running.png', fullPage: true });
  await expect(page.getByText(/steps were applied/)).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: '/tmp/screens/06-plan-done.png', fullPage: true });
  await deleteDeployments(page.request, [id]);
});
