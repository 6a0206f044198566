import { expect, test } from '@playwright/test';
import { DeploymentPage } from './pages';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedDeployment, seedModel, waitForState } from './support-deployments';

// The deployment page's Scaling tab in real Chromium: a fixed-size deployment says how to
// autoscale; an autoscaled one shows its instance counts and rules, and that no decision has been
// made yet (its rules wait OCI's three minutes of pending duration before the scaler acts).

const created: string[] = [];
test.afterEach(async ({ request }) => {
  await deleteDeployments(request, created.splice(0));
});

test('the Scaling tab shows a fixed size with what to do, and an autoscaled deployment with its bounds and rules', async ({ page, request }) => {
  test.setTimeout(240_000);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('scaling'));
  const modelId = await seedModel(request, { compartmentId, projectId, displayName: uniqueName('doubling') });
  const fixed = await seedDeployment(request, { compartmentId, projectId, modelId, displayName: uniqueName('fixed-md') });
  created.push(fixed.id);
  const res = await request.post('/api/model-deployments', {
    data: {
      compartmentId,
      projectId,
      displayName: uniqueName('autoscaled-md'),
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: {
            policyType: 'AUTOSCALING',
            coolDownInSeconds: 600,
            isEnabled: true,
            autoScalingPolicies: [
              {
                autoScalingPolicyType: 'THRESHOLD',
                minimumInstanceCount: 1,
                maximumInstanceCount: 3,
                initialInstanceCount: 1,
                rules: [
                  {
                    metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
                    metricType: 'CPU_UTILIZATION',
                    scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 80, pendingDuration: 'PT5M' },
                    scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 15 },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const autoscaled = ((await res.json()) as { id: string }).id;
  created.push(autoscaled);
  await waitForState(request, fixed.id, 'ACTIVE');
  await waitForState(request, autoscaled, 'ACTIVE');

  const fixedPage = new DeploymentPage(page, fixed.id);
  await fixedPage.goto();
  await fixedPage.openTab('Scaling');
  await expect(page).toHaveURL(/tab=scaling/);
  const fixedTab = fixedPage.scaling;
  await expect(fixedTab).toContainText(/Current instances\s*1/);
  await expect(fixedTab.getByText('This deployment has a fixed number of instances')).toBeVisible();
  await expect(fixedTab).toContainText('give it an autoscaling policy in the compute section');
  await fixedTab.getByRole('link', { name: 'Edit deployment' }).click();
  await expect(page).toHaveURL(new RegExp(`/model-deployments/${fixed.id.replace(/\./g, '\\.')}/edit$`));

  const autoscaledPage = new DeploymentPage(page, autoscaled);
  await autoscaledPage.goto('scaling');
  const tab = autoscaledPage.scaling;
  await expect(tab).toContainText(/Current instances\s*1/);
  await expect(tab).toContainText(/Minimum instances\s*1/);
  await expect(tab).toContainText(/Maximum instances\s*3/);
  await expect(tab).toContainText(/Cooldown\s*10m/);
  await expect(tab.getByRole('list', { name: 'Scaling rules' }).getByRole('listitem')).toHaveText(['CPU utilization: out by 1 at >= 80 % for 5m, in by 1 below 15 % for 3m']);
  await expect(tab.getByRole('heading', { name: 'Scaling decisions' })).toBeVisible();
  await expect(tab.getByText('No scaling decisions yet')).toBeVisible();
});
