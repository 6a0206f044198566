import { expect, test } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, SLOW_LOADING_SCORE_PY, X_INPUT_SCHEMA } from './support-deployments';

test('shots', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('shots'));
  const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: 'shots-model', inputSchema: X_INPUT_SCHEMA, scorePy: SLOW_LOADING_SCORE_PY });
  const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: 'shots-md', freeformTags: { team: 'x' } });
  await page.goto(`/model-deployments/${md.id}`);
  await expect(page.getByRole('list', { name: 'Log messages' })).toBeVisible();
  await page.screenshot({ path: '/tmp/shot-creating.png', fullPage: true });
  await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: '/tmp/shot-active.png', fullPage: true });
  await page.goto(`/model-deployments/${md.id}?tab=invoke`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('HTTP 200')).toBeVisible();
  await page.screenshot({ path: '/tmp/shot-invoke.png', fullPage: true });
  await page.goto(`/model-deployments`);
  await page.screenshot({ path: '/tmp/shot-list.png', fullPage: true });
  await page.goto(`/projects/${projectId}`);
  await page.screenshot({ path: '/tmp/shot-project.png', fullPage: true });
  await deleteDeployments(page.request, [md.id]);
});
