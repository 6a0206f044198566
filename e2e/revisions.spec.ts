import { expect, test } from '@playwright/test';
import { DeploymentPage, RevisionsTab } from './pages';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';

// Revisions and rollback on one serving deployment: an edit of its description and bandwidth
// (one update that restarts no container), the two revisions diffed, the first exported, then a
// rollback through the edit preview that brings its configuration back as a third revision.

test('an edit is a revision; two revisions diff; rolling back to the first restores it as a third', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('rev'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('rev-model') });
  const md = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('rev-md') });
  const mdPage = new DeploymentPage(page, md.id);
  const revisions = new RevisionsTab(page);
  try {
    await waitForState(request, md.id, 'ACTIVE');

    await page.goto(`/model-deployments/${md.id}/edit`);
    await page.getByRole('textbox', { name: 'Description' }).fill('Second configuration');
    await page.getByRole('spinbutton', { name: 'Load balancer bandwidth (Mbps)' }).fill('20');
    await page.getByRole('button', { name: 'Apply changes' }).click();
    await page.waitForURL(new RegExp(`/model-deployments/${md.id}$`));
    await waitForState(request, md.id, 'ACTIVE');

    await mdPage.goto('revisions');
    await expect(revisions.rows).toHaveCount(2);
    expect(await revisions.newest()).toBe(2);
    await expect(revisions.row(1)).toContainText('Created');
    await expect(revisions.row(2)).toContainText('Changed description, load balancer');
    await expect(revisions.row(2)).toContainText('admin');
    await expect(revisions.row(2)).toContainText('Current');

    // The compare starts at the two newest: revision 1 to revision 2.
    const diff = revisions.diff(1, 2);
    await expect(diff.getByRole('row', { name: /Description/ })).toContainText('Second configuration');
    await expect(diff.getByRole('row', { name: /Load balancer bandwidth/ })).toContainText('20');
    await expect((await revisions.compare(2, 1)).getByRole('row', { name: /Description/ })).toBeVisible();

    const exported = await revisions.exportYaml(1);
    await expect(exported).toContainText('Revision 1 of the deployment');
    await expect(exported.getByLabel('deployment spec', { exact: true })).toContainText('bandwidthMbps: 10');
    await expect(exported.getByLabel('deployment spec', { exact: true })).not.toContainText('Second configuration');
    await page.keyboard.press('Escape');

    // Roll back: the edit preview, filled from revision 1, shows what will change first.
    await revisions.openRollback(1, md.displayName);
    await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue('');
    await expect(page.getByRole('spinbutton', { name: 'Load balancer bandwidth (Mbps)' })).toHaveValue('10');
    const review = mdPage.diff;
    await expect(review.getByRole('row', { name: /Description/ })).toContainText('Second configuration');
    await expect(review.getByRole('row', { name: /Load balancer bandwidth/ })).toContainText('10');
    await mdPage.applyRollback(1);
    await waitForState(request, md.id, 'ACTIVE');

    await mdPage.goto('revisions');
    await expect(revisions.rows).toHaveCount(3);
    expect(await revisions.newest()).toBe(3);
    await expect(revisions.row(3)).toContainText('Rollback to revision 1: description, load balancer');
    await expect(revisions.row(3)).toContainText('Current');
    await revisions.compare(1, 3);
    await expect(revisions.sameConfiguration(1, 3)).toBeVisible();
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
