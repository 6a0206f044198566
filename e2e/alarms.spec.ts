import { expect, test } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';

// The deployment page's Alarms tab in real Chromium: a new alarm with a broken query is refused
// with the error under the query field (pointing at the column); fixed, it is listed with its
// action and state, and it can be edited, disabled and deleted. (That an alarm fires and acts is
// the integration test's: it needs metrics sampled over minutes.)

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

test('creates, edits, disables and deletes an alarm, with field errors named', async ({ page, request }) => {
  test.setTimeout(240_000);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('alarms'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('doubling') });
  const md = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('alarmed-md') });
  created.push(md.id);
  await waitForState(request, md.id, 'ACTIVE');

  await page.goto(`/model-deployments/${md.id}`);
  await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Alarms' }).click();
  await expect(page).toHaveURL(/tab=alarms/);
  const tab = page.getByRole('region', { name: 'Alarms', exact: true });
  await expect(tab.getByText('No alarms', { exact: true })).toBeVisible();

  await tab.getByText('New alarm').click();
  const form = tab.getByRole('form', { name: 'Create alarm' });
  // The ladder is offered from the deployment's shape, doubling.
  await expect(form.getByLabel('Shape ladder')).toHaveValue('VM.Standard.E4.Flex 1 6\nVM.Standard.E4.Flex 2 12\nVM.Standard.E4.Flex 4 24');
  await form.getByLabel('Query').fill(`MemoryUtilization[1m]{resourceId = "${md.id}"}.max() >`);
  await form.getByLabel('Pending duration').fill('soon');
  await form.getByRole('button', { name: 'Create alarm' }).click();
  await expect(form.getByLabel('Query')).toHaveAccessibleDescription(/Expected a number after the comparison at column \d+/);
  await expect(form.getByLabel('Pending duration')).toHaveAccessibleDescription(/must be an ISO-8601 duration/);

  await form.getByLabel('Query').fill(`MemoryUtilization[1m]{resourceId = "${md.id}"}.max() > 85`);
  await form.getByLabel('Pending duration').fill('PT2M');
  await form.getByRole('button', { name: 'Create alarm' }).click();
  const table = tab.getByRole('table', { name: 'Alarms' });
  const row = table.getByRole('row').filter({ hasText: 'model_deployment_high_mem' });
  await expect(row).toContainText('OK');
  await expect(row).toContainText('WARNING');
  await expect(row).toContainText('for 2m, cooldown 5m');
  await expect(row).toContainText('Shape up on VM.Standard.E4.Flex 1 OCPU / 6 GB → VM.Standard.E4.Flex 2 OCPU / 12 GB → VM.Standard.E4.Flex 4 OCPU / 24 GB');

  await row.getByRole('button', { name: 'Edit model_deployment_high_mem' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit alarm' });
  await dialog.getByLabel('Action when it fires').selectOption('SCALE_INSTANCES');
  await dialog.getByLabel('Maximum instances').fill('0');
  await dialog.getByRole('button', { name: 'Save alarm' }).click();
  await expect(dialog.getByLabel('Maximum instances')).toHaveAccessibleDescription('Maximum instances must be between 1 and 100.');
  await dialog.getByLabel('Maximum instances').fill('2');
  await dialog.getByLabel('Severity').selectOption('CRITICAL');
  await dialog.getByRole('button', { name: 'Save alarm' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('CRITICAL');
  await expect(row).toContainText('Add 1 instance (1-2)');

  await row.getByRole('button', { name: 'Disable model_deployment_high_mem' }).click();
  await expect(row).toContainText('Disabled');
  await row.getByRole('button', { name: 'Enable model_deployment_high_mem' }).click();
  await expect(row.getByRole('button', { name: 'Disable model_deployment_high_mem' })).toBeVisible();

  await row.getByRole('button', { name: 'Delete model_deployment_high_mem' }).click();
  await page.getByRole('dialog', { name: 'Delete alarm' }).getByRole('button', { name: 'Delete alarm' }).click();
  await expect(tab.getByText('No alarms', { exact: true })).toBeVisible();
});
