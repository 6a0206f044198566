import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { signIn } from './auth';
import { ownConsolePort, startOwnConsole, type OwnConsole } from './own-console';

// The first start of a console without BERTH_ADMIN_PASSWORD: a console of its own on a fresh data
// directory, its printed one-time link opened, a password chosen, then the sign-in page.
const PORT = ownConsolePort(1);
const URL_BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'first-run password 1';
const LINK = new RegExp(`${URL_BASE.replace(/[.]/g, '\\.')}/sign-in/token\\?t=[A-Za-z0-9_-]{43}`);

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: URL_BASE, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { origin: URL_BASE } });

let own: OwnConsole;
let link: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  own = startOwnConsole(PORT, { BERTH_E2E_FIRST_RUN: '1', BERTH_ADMIN_PASSWORD: undefined });
  link = (await own.waitForOutput(LINK, 200_000))[0];
});

test.afterAll(async () => {
  await own?.stop();
});

test('prints a one-time link under the console address, and the link signs in and asks for a password', async ({ page }) => {
  const out = own.output();
  // The address first, the link after it: the last thing printed.
  expect(out.indexOf(`Berth console: ${URL_BASE}`)).toBeGreaterThanOrEqual(0);
  expect(out.indexOf(link)).toBeGreaterThan(out.indexOf(`Berth console: ${URL_BASE}`));
  expect(out.slice(out.indexOf(link) + link.length).trim()).toBe('');

  await page.goto('/projects');
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\/new-password$/);
  await expect(page.getByRole('heading', { name: 'Choose a password' })).toBeVisible();
  // The console waits until a password is chosen.
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/sign-in\/new-password$/);
  await page.getByLabel('New password', { exact: true }).fill('too short');
  await page.getByLabel('Confirm new password').fill('too short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('Use at least 12 characters')).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm new password').fill(`${PASSWORD}x`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('The two passwords differ')).toBeVisible();
  await page.getByLabel('Confirm new password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();

  await expect(page).toHaveURL(/\/projects/);
  await expect(page.getByRole('button', { name: 'User menu: admin' })).toBeVisible();

  // Used once: opening it again says so and how to get another.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This sign-in link was already used' })).toBeVisible();
  await expect(page.getByText('npm run reset-admin')).toBeVisible();
});

test('signs out from the user menu, refuses a wrong password readably, and signs in with the new one', async ({ page }) => {
  await signIn(page, { userName: 'admin', password: PASSWORD });
  await page.getByRole('button', { name: 'User menu: admin' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprojects/);

  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form.getByRole('alert')).toHaveText('The user name or password is not right.');
  // What was typed stays: only the password is typed again.
  await expect(form.getByLabel('User name')).toHaveValue('admin');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole('button', { name: 'User menu: admin' })).toBeVisible();
});

test('the account page shows who you are, changes the password and signs out everywhere', async ({ page, browser }) => {
  await signIn(page, { userName: 'admin', password: PASSWORD });
  // A second browser signed in too: signing out everywhere ends its session as well.
  const other = await browser.newContext({ baseURL: URL_BASE, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { origin: URL_BASE } });
  const otherPage = await other.newPage();
  await signIn(otherPage, { userName: 'admin', password: PASSWORD });

  await page.getByRole('button', { name: 'User menu: admin' }).click();
  await page.getByRole('menuitem', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText(/^ocid1\.user\.oc1\.\./)).toBeVisible();
  await expect(page.getByText('Administrators')).toBeVisible();

  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not the password');
  await form.getByLabel('New password', { exact: true }).fill('second password 22');
  await form.getByLabel('Confirm new password').fill('second password 22');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('The current password is not right.').first()).toBeVisible();
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  // The earlier tests' sessions are still open too: what counts is that the other browser's ends.
  await expect(form.getByRole('status')).toHaveText(/^Password changed\. \d+ other sessions? signed out\.$/);
  await otherPage.goto('/projects');
  await expect(otherPage).toHaveURL(/\/sign-in/);

  await signIn(otherPage, { userName: 'admin', password: 'second password 22' });
  await page.reload();
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await otherPage.goto('/projects');
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
});

test('npm run reset-admin clears the password, ends the sessions and prints a link that asks for a new one', async ({ page }) => {
  await signIn(page, { userName: 'admin', password: 'second password 22' });
  const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/reset-admin.ts'], {
    env: { ...process.env, BERTH_DATA_DIR: own.dataDir, PORT: String(PORT), BERTH_ADMIN_PASSWORD: undefined },
  });
  expect(stdout).toMatch(/The administrator's password is cleared and \d+ sessions? ended\./);
  expect(stdout).not.toMatch(/No console answers/);
  const resetLink = stdout.match(LINK)?.[0];
  expect(resetLink).toBeDefined();

  // The session open before the reset has ended, and the old password no longer works.
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill('second password 22');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('The user name or password is not right.');

  await page.goto(resetLink ?? '');
  await expect(page.getByRole('heading', { name: 'Choose a password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('third password 333');
  await page.getByLabel('Confirm new password').fill('third password 333');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/projects/);
  await expect(page.getByRole('button', { name: 'User menu: admin' })).toBeVisible();
});
