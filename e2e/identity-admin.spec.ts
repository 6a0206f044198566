import { expect, test, type Locator, type Page } from '@playwright/test';
import { uniqueName } from './support';

// The administrator's identity pages: a compartment in the tree (and in the header's picker), a
// user with a one-time sign-in link, a group with that user, and a grant read back as OCI's
// policy statement.

async function optionValue(select: Locator, text: string): Promise<string> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  if (!value) throw new Error(`no option ${text}`);
  return value;
}

async function openTab(page: Page, tab: string) {
  await page.getByRole('navigation', { name: 'Identity sections' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('heading', { level: 2, name: tab === 'Policies' ? 'Policy statements' : tab })).toBeVisible();
}

test('the administrator creates a compartment, a user with a sign-in link, a group and a grant', async ({ page }) => {
  const compartment = uniqueName('team');
  const child = uniqueName('inner');
  const userName = uniqueName('ana');
  const group = uniqueName('Analysts');

  await page.goto('/admin');
  await page.getByRole('link', { name: 'Identity and access' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Identity and access' })).toBeVisible();

  // A compartment under the tenancy, then one inside it: the tree shows both, and so does the picker.
  await openTab(page, 'Compartments');
  await page.getByRole('button', { name: 'Create compartment' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create compartment' });
  await dialog.getByLabel('Name', { exact: true }).fill('has space');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog.getByText('Some fields need attention.')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(compartment);
  await dialog.getByLabel('Description').fill('The analytics team');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole('table', { name: 'Compartments' });
  // The default compartment is where new resources go: it can be edited or moved, not deleted.
  await expect(table.getByRole('button', { name: 'Edit compartment default' })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Delete compartment default' })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: compartment })).toContainText('The analytics team');

  await page.getByRole('button', { name: 'Create compartment' }).click();
  dialog = page.getByRole('dialog', { name: 'Create compartment' });
  const parent = dialog.getByLabel('Parent compartment');
  await parent.selectOption(await optionValue(parent, compartment));
  await dialog.getByLabel('Name', { exact: true }).fill(child);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: child })).toBeVisible();
  const picker = page.getByRole('banner').getByLabel('Compartment');
  // Indented by depth (the tenancy is 0): three no-break spaces a level.
  await expect(picker.locator('option', { hasText: child })).toHaveCount(1);
  expect(await picker.locator('option', { hasText: child }).textContent()).toBe(`${'\u00a0'.repeat(6)}${child}`);

  // Not empty: the delete is refused, naming what it holds.
  await table.getByRole('button', { name: `Delete compartment ${compartment}` }).click();
  dialog = page.getByRole('dialog', { name: 'Delete compartment' });
  await dialog.getByLabel('Type the compartment name to confirm').fill(compartment);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(`Compartment ${compartment} still holds 1 child compartment. Move or delete them first.`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A user, with the link they set their password with, shown once.
  await openTab(page, 'Users');
  await page.getByRole('button', { name: 'Create user' }).click();
  dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Name', { exact: true }).fill(userName);
  await dialog.getByLabel('Email').fill(`${userName}@example.com`);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog.getByLabel(`Sign-in link for ${userName}`, { exact: true })).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/sign-in\/token\?t=[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: `Copy sign-in link for ${userName}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/sign-in\/token\?t=/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  const userRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: userName });
  await expect(userRow).toContainText('No password set yet');
  await expect(userRow).toContainText('Active');

  // The last administrator stays one.
  const adminRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ has: page.getByText('admin', { exact: true }) });
  await adminRow.getByRole('button', { name: 'Remove admin from Administrators' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'last active member of Administrators' })).toBeVisible();

  // A group, with the new user in it.
  await openTab(page, 'Groups');
  await page.getByRole('button', { name: 'Create group' }).click();
  dialog = page.getByRole('dialog', { name: 'Create group' });
  await dialog.getByLabel('Name', { exact: true }).fill(group);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Groups' }).getByRole('row').filter({ hasText: group })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete group Administrators' })).toHaveCount(0);

  await openTab(page, 'Users');
  const addTo = userRow.getByLabel(`Add ${userName} to a group`);
  await addTo.selectOption({ label: group });
  await userRow.getByRole('button', { name: `Add ${userName} to the group` }).click();
  await expect(userRow.getByRole('list', { name: `Groups of ${userName}` })).toContainText(group);

  // A grant, read back as OCI's policy statement with the nested compartment's path.
  await openTab(page, 'Policies');
  const form = page.getByRole('form', { name: 'Add a statement' });
  await form.getByLabel('Group').selectOption({ label: group });
  await form.getByLabel('Verb').selectOption('use');
  await form.getByLabel('Resource type').selectOption('data-science-model-deployments');
  const where = form.getByLabel('Compartment');
  await where.selectOption(await optionValue(where, child));
  const statement = `Allow group ${group} to use data-science-model-deployments in compartment ${compartment}:${child}`;
  await expect(form.getByLabel('Statement preview')).toHaveText(statement);
  await form.getByRole('button', { name: 'Add statement' }).click();
  await expect(page.getByRole('table', { name: 'Policy statements' }).getByRole('cell', { name: statement, exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Policy statements' }).getByRole('cell', { name: 'Allow group Administrators to manage all-resources in tenancy', exact: true })).toBeVisible();
  // The statement that keeps this page reachable offers no Remove; the new one does.
  await expect(page.getByRole('button', { name: 'Remove statement: Allow group Administrators to manage all-resources in tenancy' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Remove statement: ${statement}` })).toBeVisible();
});
