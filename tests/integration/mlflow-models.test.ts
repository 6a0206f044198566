import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRuntime } from '@/server/domain/runtimes';
import type { CreateModelDeploymentDetails } from '@/server/domain/oci-types';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { createDeploymentsService } from '@/server/services/deployments';
import { modelsServiceOf } from '@/server/services/models';
import { docker, postJson, runOnce, startHarness, zipFolder, type Harness } from './support';
import { runInImage } from './image-run';

// MLflow models end to end: the model server's MLflow tests inside the generalml image (where
// scikit-learn is), the runtime catalog's packages against the images, and an MLmodel artifact
// (no score.py) uploaded, checked, deployed and answering MLflow's scoring protocol.

let h: Harness;
let images: Record<'generalml_p311_cpu_v1' | 'minimal_p311_cpu_v1', string>;

const TRAIN = `
import pickle, pandas as pd
from sklearn.linear_model import LogisticRegression
rows = [[0, 0, 1], [0, 1, 2], [1, 0, 1], [1, 1, 2], [5, 5, 9], [5, 6, 8], [6, 5, 9], [6, 6, 8]]
X = pd.DataFrame(rows, columns=["width", "height", "count"]).astype({"width": float, "height": float})
with open("/work/model/model.pkl", "wb") as f:
    pickle.dump(LogisticRegression().fit(X, [0, 0, 0, 0, 1, 1, 1, 1]), f)
`;

// As mlflow.sklearn.log_model writes it (MLflow 2.9), with cloudpickle, MLflow's default.
const MLMODEL = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.5
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.2.1
mlflow_version: 2.9.2
model_size_bytes: 1020
model_uuid: 4b6f0b7e3c6e4d1f9d0f3f0f4b1f2a3c
run_id: 8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  type: dataframe
signature:
  inputs: '[{"type": "double", "name": "width", "required": true}, {"type": "double",
    "name": "height", "required": true}, {"type": "long", "name": "count", "required":
    true}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
utc_time_created: '2026-11-30 10:00:00.000000'
`;

const FILES: Record<string, string> = {
  MLmodel: MLMODEL,
  'input_example.json': JSON.stringify({ columns: ['width', 'height', 'count'], data: [[5.5, 6.0, 9]] }),
  'requirements.txt': 'mlflow==2.9.2\ncloudpickle==2.2.1\nnumpy==1.24.2\npandas>=1.5,<3\nscikit-learn==1.3.0\n',
  'python_env.yaml': 'python: 3.11.5\nbuild_dependencies:\n- pip==23.3.1\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n',
  'conda.yaml': 'channels:\n- conda-forge\ndependencies:\n- python=3.11.5\n- pip<=23.3.1\n- pip:\n  - mlflow==2.9.2\n  - cloudpickle==2.2.1\n  - scikit-learn==1.3.0\nname: mlflow-env\n',
};

beforeAll(async () => {
  h = await startHarness();
  const general = await ensureRuntimeImage(docker, 'generalml_p311_cpu_v1');
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!general.ok || !minimal.ok) throw new Error('runtime images are missing; run the setup first');
  images = { generalml_p311_cpu_v1: general.data.tag, minimal_p311_cpu_v1: minimal.data.tag };
}, 900_000);

afterAll(async () => {
  await h?.dispose();
}, 120_000);

describe('MLflow models', () => {
  it("passes the model server's MLflow tests inside the generalml image, none skipped", async () => {
    const run = await runInImage(images.generalml_p311_cpu_v1, ['python3', '-B', '-m', 'unittest', '-v', 'test_berth_mlflow']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/^OK$/m);
    expect(run.output).not.toMatch(/skipped/);
    for (const form of ['test_dataframe_split', 'test_dataframe_records', 'test_instances_as_rows_and_as_records', 'test_inputs_as_columns']) expect(run.output).toContain(form);
  }, 300_000);

  it('lists in the runtime catalog the packages and Python each image has', async () => {
    for (const [slug, image] of Object.entries(images)) {
      const run = await runInImage(image, ['python3', '-c', 'import importlib.metadata as m, json, platform; print(json.dumps({"python": platform.python_version(), "installed": {d.metadata["Name"]: d.version for d in m.distributions()}}))']);
      expect(run.code, run.output).toBe(0);
      const env = findRuntime(slug);
      expect(JSON.parse(run.output.trim()), slug).toEqual({ python: env?.pythonPatchVersion, installed: env?.installed });
    }
  }, 120_000);

  it('deploys an MLmodel artifact without score.py, which answers {"predictions": [...]} and refuses bad input as MLflow does', async () => {
    const p = await h.ctx.provider.createProject({ compartmentId: h.ctx.installation.defaultCompartmentId, displayName: 'mlflow' });
    if (!p.ok) throw new Error(p.error.message);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-mlflow-'));
    fs.mkdirSync(path.join(dir, 'model'));
    fs.chmodSync(path.join(dir, 'model'), 0o777);
    for (const [name, content] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, 'model', name), content);
    fs.writeFileSync(path.join(dir, 'train.py'), TRAIN);
    await runOnce(images.generalml_p311_cpu_v1, ['python3', '/work/train.py'], dir, '/work');
    fs.rmSync(path.join(dir, 'train.py'));

    // Zipped from its folder, as `mlflow artifacts download` leaves it: model/MLmodel.
    const models = modelsServiceOf(h.ctx);
    const created = await models.createWithArtifact({ compartmentId: h.ctx.installation.defaultCompartmentId, projectId: p.data.id, displayName: 'iris-ish', inputSchema: undefined, outputSchema: undefined }, zipFolder(dir), 'model.zip');
    fs.rmSync(dir, { recursive: true, force: true });
    if (!created.ok) throw new Error(created.error.message);
    const model = created.data;
    expect(JSON.parse(model.inputSchema ?? '{}')).toMatchObject({
      version: '1.1',
      schema: [
        { name: 'width', dtype: 'float64', feature_type: 'Continuous', required: true, order: 0 },
        { name: 'height', dtype: 'float64', feature_type: 'Continuous', order: 1 },
        { name: 'count', dtype: 'int64', feature_type: 'Integer', order: 2 },
      ],
    });
    expect(JSON.parse(model.outputSchema ?? '{}')).toMatchObject({ schema: [{ dtype: 'int64' }] });

    const view = await models.detailView(model.id);
    if (!view.ok) throw new Error(view.error.message);
    const items = Object.fromEntries((view.data.artifact?.checklist ?? []).map((i) => [i.id, i]));
    expect(items['score-py']).toBeUndefined();
    expect(items.mlmodel).toMatchObject({ status: 'pass', label: 'MLmodel is served natively' });
    expect(items['model-loads']).toMatchObject({ status: 'pass', reason: expect.stringContaining('The MLflow model loaded natively') });
    expect(items['requirement:cloudpickle']).toMatchObject({ status: 'warning', reason: 'cloudpickle==2.2.1 (requirements.txt) is missing: generalml_p311_cpu_v1 does not have cloudpickle.' });
    expect(items['requirement:scikit-learn']).toMatchObject({ status: 'warning', reason: 'scikit-learn==1.3.0 (requirements.txt): generalml_p311_cpu_v1 has scikit-learn 1.2.1.' });
    expect(items['requirement:numpy']).toBeUndefined();

    const details: CreateModelDeploymentDetails = {
      projectId: p.data.id,
      compartmentId: h.ctx.installation.defaultCompartmentId,
      displayName: 'mlflow',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: model.id,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        },
      },
    };
    const md = await h.ctx.provider.createModelDeployment(details);
    if (!md.ok) throw new Error(md.error.message);
    await h.ctx.runner.idle();
    const active = await h.ctx.provider.getModelDeployment(md.data.resource.id);
    if (!active.ok) throw new Error(active.error.message);
    expect(active.data.lifecycleState, active.data.lifecycleDetails ?? '').toBe('ACTIVE');
    const url = `${active.data.modelDeploymentUrl}/predict`;

    const split = await postJson(url, { dataframe_split: { columns: ['width', 'height', 'count'], data: [[0.1, 0.2, 1], [5.5, 6.0, 9]] } });
    expect(split).toMatchObject({ status: 200, json: { predictions: [0, 1] } });
    expect(await postJson(url, { dataframe_records: [{ width: 6, height: 6, count: 8 }] })).toMatchObject({ status: 200, json: { predictions: [1] } });
    expect(await postJson(url, { instances: [[0, 0, 1]] })).toMatchObject({ status: 200, json: { predictions: [0] } });
    expect(await postJson(url, { inputs: { width: [6.0], height: [5.0], count: [9] } })).toMatchObject({ status: 200, json: { predictions: [1] } });
    const missing = await postJson(url, { dataframe_records: [{ width: 1.0, count: 1 }] });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error_code: 'BAD_REQUEST', message: expect.stringContaining("Model is missing inputs ['height']") });
    const wrongField = await postJson(url, { data: [[1, 2, 3]] });
    expect(wrongField).toMatchObject({ status: 400, json: { error_code: 'BAD_REQUEST' } });

    // The invoke panel's first request is the saved input example, and it scores.
    const deployments = createDeploymentsService(h.ctx.provider, h.ctx.installation.defaultCompartmentId);
    const page = await deployments.detailsView(active.data.id);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.sample).toMatchObject({ source: 'mlflow-example', body: { dataframe_split: { columns: ['width', 'height', 'count'], data: [[5.5, 6.0, 9]] } } });
    expect(await postJson(url, page.data.sample.body)).toMatchObject({ status: 200, json: { predictions: [1] } });
  }, 600_000);
});
