import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signIn } from './auth';
import { ownConsolePort, startOwnConsole, type OwnConsole } from './own-console';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';

// The Scaling tab's idle guard on a console of its own whose guard runs every 2 s with the minimum
// lowered to one minute (BERTH_IDLE_GUARD_MIN_MINUTES): a refused save names its field and changes
// nothing; a saved guard says what it will do, and once the deployment has had no request for a
// minute it is deactivated through a work request that the timeline records.

const PORT = ownConsolePort(11);
const URL_BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: URL_BASE, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { origin: URL_BASE } });

let own: OwnConsole;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  own = startOwnConsole(PORT, { BERTH_IDLE_GUARD_MIN_MINUTES: '1', BERTH_IDLE_GUARD_INTERVAL_S: '2' });
  await own.waitForOutput(/Berth console: http/, 200_000);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && own) {
    await testInfo.attach('own console output', { body: own.output().slice(-20_000), contentType: 'text/plain' });
  }
});

test.afterAll(async () => {
  await own?.stop();
});

test('the idle guard is saved on the Scaling tab and deactivates an idle deployment, the timeline saying why', async ({ page }) => {
  test.setTimeout(360_000);
  await signIn(page, E2E_ADMIN);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('idle-project'));
  const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: uniqueName('idle-model') });
  const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: uniqueName('idle-md') });
  try {
    await waitForState(page.request, md.id, 'ACTIVE', 180_000);
    await page.goto(`/model-deployments/${md.id}?tab=scaling`);
    const guard = page.getByRole('region', { name: 'Idle guard' });
    await expect(guard.getByRole('list', { name: 'Idle guard state' })).toHaveText('Off: the deployment serves until it is deactivated by hand.');
    await expect(guard).toContainText('lowered to 1 min on this installation (BERTH_IDLE_GUARD_MIN_MINUTES)');

    const form = guard.getByRole('form', { name: 'Idle guard settings' });
    await form.getByRole('checkbox', { name: 'Deactivate when idle' }).check();
    await form.getByLabel('Idle minutes').fill('0');
    await form.getByRole('checkbox', { name: 'Activate on a schedule' }).check();
    await form.getByLabel('Time (UTC)').fill('8am');
    await form.getByRole('button', { name: 'Save idle guard' }).click();
    await expect(form.getByText('Idle minutes must be a whole number from 1 to 10080 (lowered to 1 by BERTH_IDLE_GUARD_MIN_MINUTES).')).toBeVisible();
    await expect(form.getByText('Time must be HH:MM in UTC, for example 08:00.')).toBeVisible();
    // Nothing was saved: a reload shows the guard off.
    await page.reload();
    await expect(guard.getByRole('list', { name: 'Idle guard state' })).toHaveText('Off: the deployment serves until it is deactivated by hand.');

    await form.getByRole('checkbox', { name: 'Deactivate when idle' }).check();
    await form.getByLabel('Idle minutes').fill('1');
    await form.getByRole('button', { name: 'Save idle guard' }).click();
    const words = guard.getByRole('list', { name: 'Idle guard state' });
    await expect(words).toContainText('Deactivates after 1 min without requests; no request recorded.');
    await expect(words).toContainText('No activation schedule');

    // The tab refreshes itself while the guard is on; the guard's deactivation is a work request.
    const event = page.getByRole('listitem', { name: 'Idle guard: deactivated' });
    await expect(event).toBeVisible({ timeout: 180_000 });
    await expect(event).toContainText(/Idle guard: no predict requests for \d+ min \(none recorded, (active|watched) since \d\d:\d\d UTC\)\./);
    await waitForState(page.request, md.id, 'INACTIVE', 120_000);
    const res = await page.request.get(`/api/model-deployments/${md.id}`);
    expect(((await res.json()) as { modelDeploymentUrl: string }).modelDeploymentUrl).toBe(md.modelDeploymentUrl);
    await page.reload();
    await expect(event.getByText(/Work request/)).toContainText('Succeeded');
  } finally {
    await deleteDeployments(page.request, [md.id]);
  }
});
