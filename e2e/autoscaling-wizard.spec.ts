import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signIn } from './auth';
import { ownConsolePort, startOwnConsole, type OwnConsole } from './own-console';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedModel, waitForState } from './support-deployments';

// A deployment created with an autoscaling policy through the wizard, on a console of its own
// whose scaler runs every 2 s with the local minimums lowered to 10 s
// (BERTH_AUTOSCALING_MIN_SECONDS): once the rule's pending duration has passed at idle, the
// Scaling tab records the scale-in the minimum holds back, with the values it saw.

const PORT = ownConsolePort(7);
const URL_BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: URL_BASE, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { origin: URL_BASE } });

let own: OwnConsole;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  own = startOwnConsole(PORT, { BERTH_AUTOSCALING_MIN_SECONDS: '10', BERTH_AUTOSCALING_INTERVAL_S: '2', BERTH_INSTANCE_STATS_INTERVAL_S: '2' });
  await own.waitForOutput(/Berth console: http/, 200_000);
});

// A failure here may be the console's own (a crash, a refused port): its output goes with the report.
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && own) {
    await testInfo.attach('own console output', { body: own.output().slice(-20_000), contentType: 'text/plain' });
  }
});

test.afterAll(async () => {
  await own?.stop();
});

test('the wizard creates an autoscaled deployment and its Scaling tab records a decision', async ({ page }) => {
  test.setTimeout(360_000);
  await signIn(page, E2E_ADMIN);
  const name = uniqueName('autoscaled');
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('autoscaling-project'));
  await seedModel(page.request, { compartmentId, projectId, displayName: `${name}-model` });
  const created: string[] = [];
  try {
    await page.goto(`/model-deployments/new?projectId=${encodeURIComponent(projectId)}`);
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: `${name}-model (minimal_p311_cpu_v1)` });
    await page.getByLabel('Name', { exact: true }).fill(name);

    const compute = page.getByRole('region', { name: 'Compute' });
    await compute.getByRole('radio', { name: 'Autoscaling' }).check();
    await compute.getByLabel('Maximum instances').fill('2');
    // The console says it lowers OCI's minimums, and takes what OCI would refuse.
    await expect(compute.getByText(/lowers OCI's minimums to 10 s/)).toBeVisible();
    const coolDown = compute.getByLabel('Cooldown (seconds)');
    await coolDown.fill('5');
    await coolDown.blur();
    await expect(compute.getByText('Cooldown must be at least 10 seconds.')).toBeVisible();
    await coolDown.fill('10');
    await expect(compute.getByText('Cooldown must be at least 10 seconds.')).toBeHidden();

    // Idle CPU is below 90 %: the rule wants to scale in, and the minimum of 1 holds it back.
    const rule = compute.getByRole('group', { name: 'Rule 1' });
    await expect(rule.getByLabel('Metric')).toHaveValue('CPU_UTILIZATION');
    await rule.getByLabel('Scale-out threshold (%)').fill('95');
    await rule.getByLabel('Scale-in threshold (%)').fill('96');
    await rule.getByLabel('Scale-in threshold (%)').blur();
    await expect(rule.getByText('The scale-in threshold must be lower than the scale-out threshold.')).toBeVisible();
    await rule.getByLabel('Scale-in threshold (%)').fill('90');
    await rule.getByLabel('Scale-out pending duration').fill('PT10S');
    await rule.getByLabel('Scale-in pending duration').fill('PT10S');

    // The review says the policy in words and what it costs between 1 and 2 instances.
    const review = page.getByRole('region', { name: 'Review', exact: true });
    await expect(review.getByRole('list', { name: 'Scaling policy in words' }).getByRole('listitem')).toHaveText([
      'Autoscaling: 1 to 2 instances, starting at 1, cooldown 10s after each scaling.',
      'CPU utilization: out by 1 at >= 95 % for 10s, in by 1 below 90 % for 10s',
    ]);
    const cost = review.getByRole('region', { name: 'Cost estimate' });
    await expect(cost).toContainText(/Hourly\s*\$0\.\d{4} to \$0\.\d{4}/);
    await expect(cost).toContainText(/Monthly \(744 h\)\s*\$\d+\.\d{2} to \$\d+\.\d{2}/);

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/?]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    created.push(id);
    await waitForState(page.request, id, 'ACTIVE', 180_000);

    const res = await page.request.get(`/api/model-deployments/${id}`);
    const md = (await res.json()) as { modelDeploymentConfigurationDetails: { modelConfigurationDetails: { scalingPolicy: unknown } } };
    expect(md.modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy).toEqual({
      policyType: 'AUTOSCALING',
      coolDownInSeconds: 10,
      isEnabled: true,
      autoScalingPolicies: [
        {
          autoScalingPolicyType: 'THRESHOLD',
          minimumInstanceCount: 1,
          maximumInstanceCount: 2,
          initialInstanceCount: 1,
          rules: [
            {
              metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
              metricType: 'CPU_UTILIZATION',
              scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 90, pendingDuration: 'PT10S', instanceCountAdjustment: 1 },
              scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 95, pendingDuration: 'PT10S', instanceCountAdjustment: 1 },
            },
          ],
        },
      ],
    });

    await expect(page.getByRole('region', { name: 'Cost estimate' })).toContainText('Autoscaling between 1 and 2 instances');
    await page.goto(`/model-deployments/${id}?tab=scaling`);
    const tab = page.getByRole('region', { name: 'Scaling', exact: true });
    await expect(tab).toContainText(/Minimum instances\s*1/);
    await expect(tab).toContainText(/Maximum instances\s*2/);
    await expect(tab.getByRole('img', { name: /^Instance count: 1 now/ })).toBeVisible();
    // The tab refreshes itself every 5 s while the deployment serves.
    const decision = tab.getByRole('listitem', { name: 'Scale in held by the instance bounds' }).first();
    await expect(decision).toBeVisible({ timeout: 120_000 });
    await expect(decision).toContainText(/but 1 is the minimum/);
    await decision.getByText('Values seen').click();
    await expect(decision.getByRole('list', { name: /^Values seen for/ })).toContainText(/Scale in when CPU_UTILIZATION < 90: latest \d/);
  } finally {
    await deleteDeployments(page.request, created);
  }
});
