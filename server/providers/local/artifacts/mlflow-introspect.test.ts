import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactChecklist } from '@/server/domain/artifact-checklist';
import { inspected, readArtifactIntrospection, type ArtifactIntrospection } from '@/server/domain/artifact-introspection';
import { planServing } from '../deployments/serving-plan';
import { introspect } from './store';

// An unpacked artifact on disk, introspected as an upload is, then planned as a deployment.

const MLMODEL = `flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    python_version: 3.10.12
  sklearn:
    pickled_model: model.pkl
    serialization_format: cloudpickle
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  type: dataframe
signature:
  inputs: '[{"type": "double", "name": "x", "required": true}]'
  outputs: '[{"type": "double", "required": true}]'
`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function unpacked(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-mlmodel-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return { root, introspection: introspect(root, Object.keys(files).map((f) => f.split('/').join(path.sep))) };
}

const planOf = (root: string, introspection: ReturnType<typeof introspect>) =>
  planServing({
    deploymentId: 'ocid1.datasciencemodeldeployment.oc1.it.x',
    tenancyId: 'ocid1.tenancy.oc1..x',
    config: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: 'm', instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex' } } },
    artifact: { unpackedDir: root, introspection: inspected(introspection) },
    cpus: 1,
  });

const ENV_FILES = {
  'model/requirements.txt': 'mlflow==2.8.1\ncloudpickle==2.2.1\nscikit-learn==1.3.0\nnumpy==1.24.2\n',
  'model/python_env.yaml': 'python: 3.10.12\ndependencies:\n- -r requirements.txt\n- pandas==1.5.3\n',
  'model/conda.yaml': 'dependencies:\n- python=3.10.12\n- pip:\n  - scikit-learn==1.3.0\n',
};

describe('an MLflow artifact at upload', () => {
  it('is read from its folder, checked per requirement, and deployed natively with BERTH_MLMODEL', () => {
    const { root, introspection } = unpacked({
      'model/MLmodel': MLMODEL,
      'model/model.pkl': 'not read at introspection',
      'model/input_example.json': '{"columns": ["x"], "data": [[1.5]]}',
      ...ENV_FILES,
    });
    expect(introspection.scoreDir).toBeNull();
    expect(introspection.mlflow).toMatchObject({
      dir: 'model',
      usesScorePy: false,
      serving: { flavor: 'sklearn', modelPath: 'model.pkl', serialization: 'cloudpickle', predictFn: 'predict' },
      checkedAgainst: 'generalml_p311_cpu_v1',
      requirementSources: ['requirements.txt', 'python_env.yaml', 'conda.yaml'],
      requirementErrors: [],
      exampleRequest: { dataframe_split: { columns: ['x'], data: [[1.5]] } },
      pythonVersion: '3.10.12',
    });

    const items = artifactChecklist(inspected(introspection));
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(items.map((i) => i.id)).toEqual([
      'runtime-yaml',
      'environment',
      'python-version',
      'mlmodel',
      'mlflow-signature',
      'mlflow-python',
      'requirements',
      'requirement:cloudpickle',
      'requirement:scikit-learn',
      'model-loads',
    ]);
    expect(byId.mlmodel).toMatchObject({ status: 'pass', reason: expect.stringContaining('No score.py is needed') });
    expect(byId['mlflow-python']).toMatchObject({ status: 'warning', reason: expect.stringContaining('Saved with Python 3.10.12, but Python 3.11 will run') });
    expect(byId.requirements).toMatchObject({ status: 'warning', reason: expect.stringContaining('2 requirements of requirements.txt, python_env.yaml, conda.yaml are not met by generalml_p311_cpu_v1') });
    expect(byId['requirement:cloudpickle']).toMatchObject({ status: 'warning', hint: expect.stringContaining('still loads without it') });
    expect(byId['requirement:scikit-learn']).toMatchObject({ reason: 'scikit-learn==1.3.0 (requirements.txt): generalml_p311_cpu_v1 has scikit-learn 1.2.1.' });
    expect(byId['model-loads']).toMatchObject({ label: 'The MLflow model loads in the runtime image', status: 'warning' });

    const plan = planOf(root, introspection);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.data.env.MODEL_DIR).toBe('/opt/ds/model/deployed_model/model');
    expect(JSON.parse(plan.data.env.BERTH_MLMODEL ?? '')).toEqual({ modelPath: 'model.pkl', serialization: 'cloudpickle', predictFn: 'predict', inputs: [{ name: 'x', type: 'double', required: true }] });
  });

  it('is served by score.py when the artifact has one, and says so', () => {
    const { root, introspection } = unpacked({ MLmodel: MLMODEL, 'score.py': 'def load_model():\n    return 1\n\ndef predict(data, model=None):\n    return data\n' });
    expect(introspection.mlflow).toMatchObject({ dir: '', usesScorePy: true });
    const items = artifactChecklist(inspected(introspection));
    expect(items.find((i) => i.id === 'mlmodel')).toMatchObject({ status: 'pass', reason: expect.stringContaining('also has score.py, which serves it, as on OCI') });
    expect(items.some((i) => i.id === 'score-py')).toBe(true);
    const plan = planOf(root, introspection);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.data.env.BERTH_MLMODEL).toBeUndefined();
    expect(plan.data.env.MODEL_DIR).toBe('/opt/ds/model/deployed_model');
  });

  it('fails the plan and the checklist, saying why, for a flavor it does not serve', () => {
    const { root, introspection } = unpacked({ MLmodel: 'flavors:\n  python_function:\n    loader_module: mlflow.pytorch\n  pytorch:\n    model_data: data\n' });
    const plan = planOf(root, introspection);
    expect(plan).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringContaining('cannot be served natively: The flavors python_function, pytorch') } });
    const mlmodel = artifactChecklist(inspected(introspection)).find((i) => i.id === 'mlmodel');
    expect(mlmodel).toMatchObject({ status: 'failure' });
  });

  it('names an unreadable MLmodel and environment file', () => {
    const { introspection } = unpacked({ MLmodel: 'flavors: [', 'conda.yaml': 'x' });
    expect(introspection.mlflow).toEqual({ dir: '', usesScorePy: false, error: expect.stringMatching(/^MLmodel is not valid YAML/) });
    const bad = unpacked({ MLmodel: MLMODEL, 'conda.yaml': 'dependencies: [', 'input_example.json': '{nope' });
    expect(bad.introspection.mlflow).toMatchObject({ requirementErrors: [expect.stringMatching(/^conda\.yaml is not valid YAML/)], exampleError: 'The input example input_example.json is not valid JSON.' });
  });

  it('ignores an MLmodel deeper than one folder, or in two folders', () => {
    expect(unpacked({ 'a/b/MLmodel': MLMODEL }).introspection.mlflow).toBeUndefined();
    expect(unpacked({ 'a/MLmodel': MLMODEL, 'b/MLmodel': MLMODEL }).introspection.mlflow).toBeUndefined();
  });
});

// The record an upload stores is read back through the schema every reader uses: nothing written
// is dropped (zod strips what it does not know) and nothing written is refused.
describe('the stored record of an introspection (artifactIntrospectionSchema)', () => {
  const stored = (introspection: ArtifactIntrospection) => readArtifactIntrospection(JSON.parse(JSON.stringify({ ...introspection, unpackedBytes: 512, loadCheck: LOAD_CHECK })));
  const LOAD_CHECK = { status: 'fail', reason: "Loading the model failed: ModuleNotFoundError: No module named 'x'", excerpt: 'Traceback ...', hint: 'Add x.', failureClass: 'IMPORT_ERROR', image: 'berth-runtime/x:1', seconds: 1.5, time: '2026-12-01T00:00:00.000Z' } as const;
  const SCORE = 'def load_model():\n    return 1\n\ndef predict(data, model=None):\n    return data["rows"]\n';

  it.each<[string, Record<string, string>]>([
    ['score.py with runtime.yaml', { 'score.py': SCORE, 'runtime.yaml': 'MODEL_ARTIFACT_VERSION: "3.0"\nMODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: mlcpuv1\n    INFERENCE_ENV_TYPE: published\n    INFERENCE_ENV_PATH: oci://b@n/p\n    INFERENCE_PYTHON_VERSION: "3.8"\n' }],
    ['score.py in a folder, runtime.yaml that does not parse', { 'm/score.py': SCORE, 'm/runtime.yaml': 'MODEL_DEPLOYMENT: [' }],
    ['no score.py', { 'model.pkl': 'x' }],
    ['an MLflow model served natively', { 'model/MLmodel': MLMODEL, 'model/model.pkl': 'x', 'model/input_example.json': '{"columns": ["x"], "data": [[1.5]]}', ...ENV_FILES }],
    ['an MLflow model beside score.py', { MLmodel: MLMODEL, 'score.py': SCORE }],
    ['an MLmodel that does not parse', { MLmodel: 'flavors: [' }],
    ['an MLflow model with broken environment files', { MLmodel: MLMODEL, 'conda.yaml': 'dependencies: [', 'input_example.json': '{nope' }],
  ])('reads back %s whole', (_name, files) => {
    const { introspection } = unpacked(files);
    expect(stored(introspection)).toEqual({ state: 'inspected', facts: { ...introspection, unpackedBytes: 512, loadCheck: LOAD_CHECK } });
  });

  it('names what does not read in a record of another shape', () => {
    const { introspection } = unpacked({ 'model/MLmodel': MLMODEL, ...ENV_FILES });
    const damaged = JSON.parse(JSON.stringify(introspection)) as { mlflow: { requirements: { status: string }[] } };
    const first = damaged.mlflow.requirements[0];
    if (first) first.status = 'fine';
    expect(readArtifactIntrospection(damaged)).toEqual({ state: 'unreadable', reason: expect.stringMatching(/^the stored record of what it holds does not read \(mlflow/) });
    // A conda deployment of it is refused, saying why, rather than guessing how to serve it.
    const plan = planServing({
      deploymentId: 'ocid1.datasciencemodeldeployment.oc1.it.x',
      tenancyId: 'ocid1.tenancy.oc1..x',
      config: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: 'm', instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex' } } },
      artifact: { unpackedDir: '/data/x/unpacked', introspection: readArtifactIntrospection(damaged) },
      cpus: 1,
    });
    expect(plan).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringMatching(/^The model artifact cannot be served: the stored record .* Upload it again, as a new model\.$/) } });
  });
});
