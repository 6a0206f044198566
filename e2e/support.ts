import { expect, type Page } from '@playwright/test';

/** A name no earlier test in this run has used, so specs do not depend on each other's data. */
export const uniqueName = (base: string) => `${base}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

export interface TagInput {
  namespace?: string;
  key: string;
  value: string;
}

/** Fills the create dialog of a project and submits it. */
export async function fillProjectDialog(page: Page, name: string, opts: { description?: string; tags?: TagInput[] } = {}) {
  const dialog = page.getByRole('dialog', { name: 'Create project' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  if (opts.description) await dialog.getByLabel('Description').fill(opts.description);
  for (const [i, tag] of (opts.tags ?? []).entries()) {
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    const n = i + 1;
    if (tag.namespace) {
      await dialog.getByLabel(`Tag namespace ${n}`).selectOption(tag.namespace);
      await dialog.getByLabel(`Tag key ${n}`).selectOption(tag.key);
    } else {
      await dialog.getByLabel(`Tag key ${n}`).fill(tag.key);
    }
    await dialog.getByLabel(`Tag value ${n}`).fill(tag.value);
  }
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  return dialog;
}

export async function createProject(page: Page, name: string, opts: { description?: string; tags?: TagInput[] } = {}) {
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Create project' }).first().click();
  await fillProjectDialog(page, name, opts);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/projects\/ocid1\.datascienceproject\.oc1\.[a-z0-9-]+\.[a-z0-9]+$/);
}

export const projectRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
