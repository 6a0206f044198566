import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openDatabase } from '../db/client';
import { readInstallation } from '../db/seed';
import { addCompartment, addUser } from '../tests/support/identity';
import { signIn } from './auth';
import { fillProjectDialog, uniqueName } from './support';

// Roles per compartment in the browser: a data scientist granted the default compartment only
// (DataScientists) does not see a project of another compartment, in lists or at its address, and
// has no operations; a viewer reads but is offered no change; ops see the operations page.

interface Seeded {
  other: string;
  otherName: string;
  project: { id: string; name: string };
  users: Record<'ds' | 'viewer' | 'ops', { userName: string; password: string }>;
}
let seeded: Seeded;

function database() {
  const dataDir = process.env.BERTH_E2E_DATA_DIR;
  if (!dataDir) throw new Error('BERTH_E2E_DATA_DIR is set by playwright.config.ts');
  return openDatabase(path.join(dataDir, 'berth.sqlite'));
}

test.beforeAll(async ({ browser }) => {
  const db = database();
  try {
    const installation = readInstallation(db);
    if (!installation) throw new Error('The e2e database has no installation.');
    const otherName = uniqueName('other-team');
    const other = addCompartment(db, otherName, installation.tenancyId);
    const user = async (base: string, group: string) => {
      const userName = uniqueName(base);
      const password = `${userName}-password`;
      await addUser(db, userName, { groups: [group], password });
      return { userName, password };
    };
    const users = { ds: await user('dana', 'DataScientists'), viewer: await user('vic', 'Viewers'), ops: await user('olga', 'Ops') };
    // The project of the other compartment, made by the administrator through the console.
    const admin = await browser.newPage();
    const name = uniqueName('hidden-project');
    await admin.goto(`/projects?compartmentId=${encodeURIComponent(other)}`);
    await admin.getByRole('button', { name: 'Create project' }).first().click();
    await fillProjectDialog(admin, name);
    await expect(admin.getByRole('heading', { level: 1, name })).toBeVisible();
    const id = admin.url().split('/').pop() ?? '';
    await admin.close();
    seeded = { other, otherName, project: { id, name }, users };
  } finally {
    db.$client.close();
  }
});

async function signedIn(browser: Browser, user: { userName: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

const notFoundPage = (page: Page) => page.getByRole('heading', { level: 1, name: 'Not found' });
const picker = (page: Page) => page.getByRole('banner').getByLabel('Compartment', { exact: true });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('a data scientist sees nothing of another compartment and no operations', async ({ browser }) => {
  const page = await signedIn(browser, seeded.users.ds);
  await page.goto('/projects');
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  // Granted the default compartment: a project can be created there.
  await expect(page.getByRole('button', { name: 'Create project' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: seeded.project.name, exact: true })).toHaveCount(0);
  // The picker offers the compartment granted, not the other one.
  await expect(picker(page).getByRole('option', { name: 'default' })).toHaveCount(1);
  await expect(picker(page).getByRole('option', { name: seeded.otherName })).toHaveCount(0);

  await page.goto(`/projects/${seeded.project.id}`);
  await expect(notFoundPage(page)).toBeVisible();
  await expect(page.getByText(seeded.project.name)).toHaveCount(0);
  await page.goto(`/projects?compartmentId=${encodeURIComponent(seeded.other)}`);
  await expect(notFoundPage(page)).toBeVisible();

  await expect(nav(page).getByRole('link', { name: 'Projects' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Operations' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(notFoundPage(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Host capacity' })).toHaveCount(0);
  await page.context().close();
});

test('a viewer reads the project and is offered no change', async ({ browser }) => {
  const page = await signedIn(browser, seeded.users.viewer);
  await page.goto(`/projects/${seeded.project.id}`);
  await expect(page.getByRole('heading', { level: 1, name: seeded.project.name })).toBeVisible();
  for (const name of ['Edit', 'Move resource', 'Add tags', 'Delete']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await page.goto(`/projects?compartmentId=${encodeURIComponent(seeded.other)}`);
  await expect(page.getByRole('link', { name: seeded.project.name, exact: true })).toBeVisible();
  await expect(picker(page).getByRole('option', { name: seeded.otherName })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Create project' })).toHaveCount(0);
  await page.context().close();
});

test('ops see the operations page', async ({ browser }) => {
  const page = await signedIn(browser, seeded.users.ops);
  await page.goto('/projects');
  await nav(page).getByRole('link', { name: 'Operations' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Host capacity' })).toBeVisible();
  await page.context().close();
});
