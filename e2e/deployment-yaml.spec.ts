import { expect, test } from '@playwright/test';
import { uniqueName } from './support';
import { createProjectForDeployments, deleteDeployments, seedModel, waitForState } from './support-deployments';

// Seed 003's spec in the console: a problem is shown with its path and line before anything is
// created, the fixed spec creates a real deployment, and its export is a spec that checks clean.

const spec = (shapeKey: string) =>
  [
    'kind: deployment',
    'spec:',
    '  infrastructure:',
    '    kind: infrastructure',
    '    type: modelDeployment',
    '    spec:',
    `      ${shapeKey}: VM.Standard.E4.Flex`,
    '      shapeConfigDetails:',
    '        ocpus: 1',
    '        memoryInGBs: 6',
    '      replica: 1',
    '      bandwidthMbps: 10',
    '  runtime:',
    '    kind: runtime',
    '    type: conda',
    '    spec:',
    '      uri: minimal_p311_cpu_v1',
    "      pythonVersion: '3.11'",
    '',
  ].join('\n');

test('create from YAML: a misspelt key is shown at its line, the fixed spec deploys, and its export checks clean', async ({ page, request }) => {
  test.setTimeout(240_000);
  const { projectId, compartmentId } = await createProjectForDeployments(page, uniqueName('yaml'));
  const modelName = uniqueName('yaml-model');
  await seedModel(request, { compartmentId, projectId, displayName: modelName });
  const ids: string[] = [];
  try {
    await page.goto(`/model-deployments/new/yaml?projectId=${encodeURIComponent(projectId)}`);
    await expect(page.getByRole('heading', { name: 'Create model deployment from YAML' })).toBeVisible();
    await page.getByLabel('Name').fill('from-yaml');
    const editor = page.getByLabel('Deployment spec (YAML)');
    await editor.fill(spec('shapeNmae'));
    await page.getByRole('button', { name: 'Check spec' }).click();
    const problems = page.getByRole('region', { name: 'Problems in the spec' });
    await expect(problems).toContainText('line 7');
    await expect(problems).toContainText('shapeNmae');
    await expect(page.getByRole('button', { name: 'Create model deployment' })).toBeDisabled();

    await editor.fill(spec('shapeName'));
    // An edit after a check needs a new check before Create.
    await expect(page.getByRole('button', { name: 'Create model deployment' })).toBeDisabled();
    await page.getByRole('button', { name: 'Check spec' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The spec is valid' })).toBeVisible();
    await expect(page.getByLabel('CreateModelDeploymentDetails', { exact: true })).toContainText('"instanceShapeName": "VM.Standard.E4.Flex"');
    await page.getByRole('button', { name: 'Create model deployment' }).click();

    await page.waitForURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\./);
    const id = decodeURIComponent(page.url().split('/model-deployments/')[1]?.split('?')[0] ?? '');
    ids.push(id);
    await expect(page.getByRole('heading', { name: 'from-yaml' })).toBeVisible();
    await waitForState(request, id, 'ACTIVE');

    await page.getByRole('button', { name: 'Export as YAML' }).click();
    const exported = (await page.getByLabel('deployment spec', { exact: true }).textContent()) ?? '';
    expect(exported).toContain('shapeName: VM.Standard.E4.Flex');
    // The conda environment is the model's (its runtime.yaml): the spec names the model instead.
    expect(exported).toContain('type: conda');
    expect(exported).toContain('modelUri: ocid1.datasciencemodel.');
    await page.keyboard.press('Escape');

    // Export then import: the exported spec checks clean for the same project.
    await page.goto(`/model-deployments/new/yaml?projectId=${encodeURIComponent(projectId)}`);
    await page.getByLabel('Deployment spec (YAML)').fill(exported);
    await page.getByRole('button', { name: 'Check spec' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The spec is valid' })).toBeVisible();
    await expect(page.getByLabel('CreateModelDeploymentDetails', { exact: true })).toContainText('"displayName": "from-yaml"');
  } finally {
    await deleteDeployments(request, ids);
  }
});
