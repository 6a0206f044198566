import { expect, test } from '@playwright/test';
import { createProject, fillProjectDialog, projectRow, uniqueName } from './support';

test.describe('projects', () => {
  test('bad input shows a readable error and writes nothing', async ({ page }) => {
    await page.goto('/projects');
    // The list (or its empty state) has rendered before anything is counted.
    await expect(page.getByRole('table', { name: 'Projects' }).or(page.getByText('No projects in this compartment yet'))).toBeVisible();
    const before = await page.getByRole('row').count();

    await page.getByRole('button', { name: 'Create project' }).first().click();
    const dialog = await fillProjectDialog(page, '');
    await expect(dialog.getByText('Name is required')).toBeVisible();
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    // A tag key with a space is not an OCI tag key.
    const name = uniqueName('bad-tag');
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await dialog.getByLabel('Tag key 1').fill('cost center');
    await dialog.getByLabel('Tag value 1').fill('42');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByText(/must not contain spaces or periods/)).toBeVisible();

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
    expect(await page.getByRole('row').count()).toBe(before);
  });

  test('create with tags, find by tag and name, copy the OCID, edit, delete', async ({ page }) => {
    const name = uniqueName('fraud-detection');
    const other = uniqueName('churn');
    await createProject(page, other);
    await createProject(page, name, {
      description: 'Card fraud scoring',
      tags: [
        { key: 'team', value: 'risk' },
        { namespace: 'Operations', key: 'CostCenter', value: '42' },
      ],
    });

    // Details show what was entered.
    await expect(page.getByText('Card fraud scoring')).toBeVisible();
    await expect(page.getByText('team: risk')).toBeVisible();
    await expect(page.getByText('Operations.CostCenter: 42')).toBeVisible();

    // Copy the OCID: the clipboard holds the full OCID, the one "Show" reveals and the URL names.
    const ocid = decodeURIComponent(page.url().split('/projects/')[1] ?? '');
    await page.getByRole('button', { name: 'Copy OCID', exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ocid);
    await page.getByRole('button', { name: 'Show' }).first().click();
    await expect(page.getByText(ocid, { exact: true })).toBeVisible();

    // Find it by a freeform tag filter...
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Add tag filter' }).click();
    const filter = page.getByRole('dialog', { name: 'Add tag filter' });
    await filter.getByLabel('Tag key').fill('team');
    await filter.getByLabel('Tag value').fill('risk');
    await filter.getByRole('button', { name: 'Add filter' }).click();
    await expect(page).toHaveURL(/tag=team%3Drisk|tag=team=risk/);
    await expect(projectRow(page, name)).toBeVisible();
    await expect(projectRow(page, other)).toHaveCount(0);

    // ...and by a defined tag filter.
    await page.getByRole('button', { name: 'Clear tag filters' }).click();
    await page.getByRole('button', { name: 'Add tag filter' }).click();
    await filter.getByLabel('Tag namespace').selectOption('Operations');
    await filter.getByLabel('Tag key').fill('CostCenter');
    await filter.getByRole('button', { name: 'Add filter' }).click();
    await expect(projectRow(page, name)).toBeVisible();
    await expect(projectRow(page, other)).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear tag filters' }).click();
    await expect(projectRow(page, other)).toBeVisible();

    // ...and by name.
    await page.getByRole('searchbox', { name: 'Search by name' }).fill(name.slice(0, 12));
    await expect(projectRow(page, other)).toHaveCount(0);
    await expect(projectRow(page, name)).toBeVisible();

    // The row's OCID copies too.
    await projectRow(page, name).getByRole('button', { name: `Copy OCID of ${name}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ocid);

    // Edit from the row's actions menu.
    const renamed = `${name}-v2`;
    await projectRow(page, name).getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit project' });
    await edit.getByLabel('Name', { exact: true }).fill(renamed);
    await edit.getByLabel('Description').fill('Card fraud scoring, v2');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await page.getByRole('searchbox', { name: 'Search by name' }).fill(renamed);
    await page.getByRole('link', { name: renamed, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
    await expect(page.getByText('Card fraud scoring, v2')).toBeVisible();
    // Tags survived the edit.
    await expect(page.getByText('Operations.CostCenter: 42')).toBeVisible();

    // Delete: the name must be typed exactly; the work request runs to SUCCEEDED.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const del = page.getByRole('dialog', { name: 'Delete project' });
    const confirm = del.getByRole('button', { name: 'Delete', exact: true });
    await del.getByLabel('Type the project name to confirm').fill(name);
    await expect(confirm).toBeDisabled();
    await del.getByLabel('Type the project name to confirm').fill(renamed);
    await confirm.click();
    await expect(page).toHaveURL(/\/projects(\?.*)?$/);
    await expect(page.getByRole('status').getByText(`Project ${renamed} deleted`)).toBeVisible();
    await page.getByLabel('State').selectOption('DELETED');
    await expect(projectRow(page, renamed).getByText('Deleted')).toBeVisible();
    await page.getByLabel('State').selectOption('ACTIVE');
    await expect(projectRow(page, renamed)).toHaveCount(0);
    await expect(projectRow(page, other)).toBeVisible();
  });
});
