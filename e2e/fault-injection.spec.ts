import { expect, test } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState, X_INPUT_SCHEMA } from './support-deployments';

// Fault injection from the deployment page: turn a 5xx rate on, see it shown, get the injected
// error from the invoke panel, turn it off, and find both changes in the work requests.

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

test('a fault turned on in the UI is shown, answers with the injected error, and turns off', async ({ page }) => {
  test.setTimeout(240_000);
  const name = uniqueName('faulty');
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('fault-project'));
  const modelId = await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model`, inputSchema: X_INPUT_SCHEMA });
  const md = await seedDeployment(page.request, { compartmentId, projectId, modelId, displayName: name });
  created.push(md.id);
  await waitForState(page.request, md.id, 'ACTIVE');

  await page.goto(`/model-deployments/${md.id}`);
  await expect(page.getByRole('region', { name: 'Faults on' })).toHaveCount(0);
  await page.getByText('Fault injection', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Turn on a fault' });
  await form.getByLabel('Fault', { exact: true }).selectOption({ label: '5xx answers' });
  await form.getByLabel('Share of requests (%)').fill('100');
  await form.getByLabel('Status code').selectOption({ label: 'HTTP 503' });
  await form.getByLabel('Duration (s)').fill('120');

  // Bad input is refused at the field, and nothing is turned on.
  await form.getByLabel('Duration (s)').fill('99999');
  await form.getByRole('button', { name: 'Turn on' }).click();
  await expect(form.getByText('Duration must be at most 3600 s.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Faults on' })).toHaveCount(0);

  await form.getByLabel('Duration (s)').fill('120');
  await form.getByRole('button', { name: 'Turn on' }).click();
  const on = page.getByRole('region', { name: 'Faults on' });
  await expect(on).toBeVisible();
  await expect(on.getByText('Fault on: 5xx answers')).toBeVisible();
  await expect(on.getByText('5xx answers: 100 % as HTTP 503')).toBeVisible();
  await expect(on.getByText(/\(\d+ min left\)|\(\d+ s left\)/)).toBeVisible();

  // The invoke panel gets the injected answer, OCI-shaped and marked; the badge shows on every tab.
  await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Invoke' }).click();
  await expect(page).toHaveURL(/\?tab=invoke$/);
  await expect(on).toBeVisible();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // The status badge of the answer (the form's status select also says "HTTP 503").
  await expect(page.getByRole('definition').getByText('HTTP 503', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Response body')).toContainText('injected by fault injection');
  await expect(page.getByText(/^ERROR_RATE; id=fault-[0-9a-f]{12}$/)).toBeVisible();

  await on.getByRole('button', { name: 'Turn off 5xx answers' }).click();
  await expect(page.getByRole('region', { name: 'Faults on' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('definition').getByText('HTTP 200', { exact: true })).toBeVisible();
  expect(JSON.parse((await page.getByLabel('Response body').textContent()) ?? '')).toEqual({ prediction: [2, 4, 6] });

  // Both changes are in the deployment's history.
  await page.getByRole('navigation', { name: 'Model deployment sections' }).getByRole('link', { name: 'Work requests' }).click();
  const workRequests = page.getByRole('table', { name: 'Work requests' });
  await expect(workRequests.getByRole('row').filter({ hasText: 'Fault injection on' }).getByText('Succeeded')).toBeVisible();
  await expect(workRequests.getByRole('row').filter({ hasText: 'Fault injection off' }).getByText('Succeeded')).toBeVisible();
  // The state panel still speaks of the deployment, not of the fault's records.
  await expect(page.getByRole('heading', { name: 'Active: the endpoint serves predictions' })).toBeVisible();
});
