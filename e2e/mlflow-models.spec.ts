import { expect, test, type Page } from '@playwright/test';
import { zipOf } from './support-deployments';
import { createProject, uniqueName } from './support';

// An MLflow model uploaded through the create form: its MLmodel is read, the requirements the
// runtime lacks are warnings of their own on the model page, the signature is its input schema,
// and the upload's load check ran the MLflow loader (which names the missing pickle).

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    python_version: 3.11.5
  sklearn:
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.3.0
mlflow_version: 2.9.2
signature:
  inputs: '[{"type": "double", "name": "tenure_months", "required": true}, {"type": "string",
    "name": "plan", "required": true}]'
  outputs: '[{"type": "long", "required": true}]'
`;

const checkItem = (page: Page, label: string) => page.getByRole('list', { name: 'Artifact checks' }).getByRole('listitem').filter({ hasText: label });

test('an MLflow artifact shows how it is served and each requirement the runtime lacks', async ({ page }) => {
  const project = uniqueName('mlflow-project');
  const name = uniqueName('mlflow-model');
  const zip = await zipOf({
    'model/MLmodel': MLMODEL,
    'model/requirements.txt': 'mlflow==2.9.2\ncloudpickle==2.2.1\nscikit-learn==1.3.0\nnumpy>=1.21\n',
  });
  await createProject(page, project);
  await page.goto('/models/new');
  await page.getByLabel('Project', { exact: true }).selectOption({ label: project });
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Model artifact').setInputFiles({ name: 'mlflow-model.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByRole('button', { name: 'Create model' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await expect(checkItem(page, 'MLmodel is served natively')).toContainText('No score.py is needed');
  await expect(checkItem(page, 'score.py is present')).toHaveCount(0);
  const cloudpickle = checkItem(page, 'Requirement cloudpickle==2.2.1');
  await expect(cloudpickle).toContainText('Warning');
  await expect(cloudpickle).toContainText('cloudpickle==2.2.1 (requirements.txt) is missing: generalml_p311_cpu_v1 does not have cloudpickle.');
  await expect(checkItem(page, 'Requirement scikit-learn==1.3.0')).toContainText('generalml_p311_cpu_v1 has scikit-learn 1.2.1.');
  await expect(checkItem(page, 'Requirement numpy')).toHaveCount(0);
  await expect(checkItem(page, 'The signature is enforced')).toContainText('tenure_months (double), plan (string)');
  await expect(checkItem(page, 'The MLflow model loads in the runtime image')).toContainText('MLmodel names model.pkl, which is not in the artifact');

  const schemas = page.getByRole('region', { name: 'Input and output schemas' });
  await expect(schemas).toContainText('"name": "tenure_months"');
  await expect(schemas).toContainText('"feature_type": "String"');
});
