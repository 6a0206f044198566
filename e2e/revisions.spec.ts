import { expect, test, type Page } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';

// Revisions and rollback on one serving deployment: an edit of its description and bandwidth
// (one update that restarts no container), the two revisions diffed, the first exported, then a
// rollback through the edit preview that brings its configuration back as a third revision.

const revisionsTable = (page: Page) => page.getByRole('table', { name: 'Revisions' });
const revisionRow = (page: Page, n: number) => revisionsTable(page).getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${n}\\s*(Current)?$`) }) });

test('an edit is a revision; two revisions diff; rolling back to the first restores it as a third', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('rev'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('rev-model') });
  const md = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('rev-md') });
  try {
    await waitForState(request, md.id, 'ACTIVE');

    await page.goto(`/model-deployments/${md.id}/edit`);
    await page.getByRole('textbox', { name: 'Description' }).fill('Second configuration');
    await page.getByRole('spinbutton', { name: 'Load balancer bandwidth (Mbps)' }).fill('20');
    await page.getByRole('button', { name: 'Apply changes' }).click();
    await page.waitForURL(new RegExp(`/model-deployments/${md.id}$`));
    await waitForState(request, md.id, 'ACTIVE');

    await page.goto(`/model-deployments/${md.id}?tab=revisions`);
    await expect(revisionsTable(page).getByRole('row')).toHaveCount(3);
    await expect(revisionRow(page, 1)).toContainText('Created');
    await expect(revisionRow(page, 2)).toContainText('Changed description, load balancer');
    await expect(revisionRow(page, 2)).toContainText('admin');
    await expect(revisionRow(page, 2)).toContainText('Current');

    // The compare starts at the two newest: revision 1 to revision 2.
    const diff = page.getByRole('table', { name: 'Changes from revision 1 to revision 2' });
    await expect(diff.getByRole('row', { name: /Description/ })).toContainText('Second configuration');
    await expect(diff.getByRole('row', { name: /Load balancer bandwidth/ })).toContainText('20');
    await page.getByRole('combobox', { name: 'From', exact: true }).selectOption('2');
    await page.getByRole('combobox', { name: 'To', exact: true }).selectOption('1');
    await expect(page.getByRole('table', { name: 'Changes from revision 2 to revision 1' }).getByRole('row', { name: /Description/ })).toBeVisible();

    await revisionRow(page, 1).getByRole('button', { name: 'Export as YAML' }).click();
    const exported = page.getByRole('dialog', { name: 'Export as YAML' });
    await expect(exported).toContainText('Revision 1 of the deployment');
    await expect(exported.getByLabel('deployment spec', { exact: true })).toContainText('bandwidthMbps: 10');
    await expect(exported.getByLabel('deployment spec', { exact: true })).not.toContainText('Second configuration');
    await page.keyboard.press('Escape');

    // Roll back: the edit preview, filled from revision 1, shows what will change first.
    await revisionRow(page, 1).getByRole('link', { name: 'Roll back to revision 1' }).click();
    await expect(page.getByRole('heading', { name: `Roll back ${md.displayName} to revision 1` })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue('');
    await expect(page.getByRole('spinbutton', { name: 'Load balancer bandwidth (Mbps)' })).toHaveValue('10');
    const review = page.getByRole('table', { name: 'Changes to apply' });
    await expect(review.getByRole('row', { name: /Description/ })).toContainText('Second configuration');
    await expect(review.getByRole('row', { name: /Load balancer bandwidth/ })).toContainText('10');
    await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await page.waitForURL(new RegExp(`/model-deployments/${md.id}$`));
    await waitForState(request, md.id, 'ACTIVE');

    await page.goto(`/model-deployments/${md.id}?tab=revisions`);
    await expect(revisionsTable(page).getByRole('row')).toHaveCount(4);
    await expect(revisionRow(page, 3)).toContainText('Rollback to revision 1: description, load balancer');
    await expect(revisionRow(page, 3)).toContainText('Current');
    await page.getByRole('combobox', { name: 'From', exact: true }).selectOption('1');
    await page.getByRole('combobox', { name: 'To', exact: true }).selectOption('3');
    await expect(page.getByText('Revisions 1 and 3 have the same configuration.')).toBeVisible();
    const now = (await (await request.get(`/api/model-deployments/${md.id}`)).json()) as {
      description?: string;
      modelDeploymentConfigurationDetails: { modelConfigurationDetails: { bandwidthMbps: number } };
    };
    expect(now.description ?? '').toBe('');
    expect(now.modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps).toBe(10);
  } finally {
    await deleteDeployments(request, [md.id]);
  }
});
