import { expect, test } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedModel, waitForState } from './support-deployments';

// A secret environment variable in real Chromium: masked on the deployment page and in the API,
// revealed on request (and the reveal is in the work-request history), while the container gets
// the real value.

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

const SECRET = 'e2e-s3cret-value-7431';
const ECHO_ENV_SCORE_PY = [
  'import os',
  '',
  'def load_model():',
  '    return None',
  '',
  'def predict(data, model=None):',
  '    return {"password": os.environ.get("DB_PASSWORD"), "greeting": os.environ.get("GREETING")}',
  '',
].join('\n');

test('a secret environment variable shows as •••• until revealed, and the container gets its value', async ({ page, request }) => {
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('secrets'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('env-echo'), scorePy: ECHO_ENV_SCORE_PY });
  const res = await request.post('/api/model-deployments', {
    data: {
      compartmentId,
      projectId,
      displayName: uniqueName('secret-md'),
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        },
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { DB_PASSWORD: SECRET, GREETING: 'hello' } },
      },
    },
  });
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  expect(text).not.toContain(SECRET);
  const md = JSON.parse(text) as { id: string; modelDeploymentUrl: string };
  created.push(md.id);
  await waitForState(request, md.id, 'ACTIVE');

  // The API answers with the mask, as the page does.
  const got = await (await request.get(`/api/model-deployments/${md.id}`)).text();
  expect(got).not.toContain(SECRET);
  expect(JSON.parse(got)).toMatchObject({ modelDeploymentConfigurationDetails: { environmentConfigurationDetails: { environmentVariables: { DB_PASSWORD: '••••', GREETING: 'hello' } } } });

  // The container has the real value.
  const predicted = await request.post(`${md.modelDeploymentUrl}/predict`, { data: { x: [1] } });
  expect(await predicted.json()).toEqual({ password: SECRET, greeting: 'hello' });

  await page.goto(`/model-deployments/${md.id}`);
  await expect(page.getByText('GREETING=hello')).toBeVisible();
  await expect(page.getByText('DB_PASSWORD=••••')).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);

  await page.getByRole('button', { name: 'Reveal DB_PASSWORD' }).click();
  await expect(page.getByText(`DB_PASSWORD=${SECRET}`)).toBeVisible();
  await page.getByRole('button', { name: 'Hide DB_PASSWORD' }).click();
  await expect(page.getByText('DB_PASSWORD=••••')).toBeVisible();

  // The reveal is on record in the deployment's work requests, without the value.
  await page.reload();
  await expect(page.getByRole('cell', { name: 'Reveal a secret' })).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);

  // And in the deployment's History, from the audit log: who revealed which variable.
  await page.getByRole('link', { name: 'History', exact: true }).click();
  const reveal = page.getByRole('table', { name: 'Deployment history' }).getByRole('row').filter({ hasText: 'RevealSecret' });
  await expect(reveal).toContainText('DB_PASSWORD');
  await expect(reveal).toContainText('SUCCEEDED');
  await expect(reveal.getByRole('cell', { name: 'admin', exact: true })).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);
});
