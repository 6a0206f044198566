import { describe, expect, it } from 'vitest';
import { parseCondaYaml, parseMlmodel, parsePythonEnvYaml, parseRequirementsTxt } from './mlmodel';

// MLmodel files as mlflow's Model.save writes them (PyYAML's safe_dump: long quoted strings folded
// over lines), and the environment files beside them.

const SKLEARN = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict_proba
    python_version: 3.10.12
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.3.0
mlflow_version: 2.8.1
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  type: dataframe
signature:
  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type":
    "double", "name": "sepal width (cm)", "required": true}, {"type": "string", "name": "note", "required": false}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
utc_time_created: '2023-11-20 10:00:00.000000'
`;

describe('parseMlmodel', () => {
  it('reads the sklearn flavor, its signature (folded over lines), example and environment files', () => {
    const r = parseMlmodel(SKLEARN);
    if (!r.ok) throw new Error(r.error);
    expect(r.facts).toEqual({
      flavors: ['python_function', 'sklearn'],
      mlflowVersion: '2.8.1',
      serving: { flavor: 'sklearn', modelPath: 'model.pkl', serialization: 'cloudpickle', predictFn: 'predict_proba' },
      signature: {
        inputs: [
          { name: 'sepal length (cm)', type: 'double', required: true },
          { name: 'sepal width (cm)', type: 'double', required: true },
          { name: 'note', type: 'string', required: false },
        ],
        outputs: [{ name: 'output_0', type: 'long', required: true }],
        tensorInputs: false,
      },
      inputExample: { path: 'input_example.json', type: 'dataframe', pandasOrient: 'split' },
      pythonVersion: '3.10.12',
      envFiles: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
    });
  });

  it('serves python_function models loaded by mlflow.sklearn, with pickle', () => {
    const r = parseMlmodel('flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    data: model.pkl\n    env: conda.yaml\n');
    expect(r).toMatchObject({ ok: true, facts: { serving: { flavor: 'python_function', modelPath: 'model.pkl', serialization: 'pickle', predictFn: 'predict' }, signature: null, envFiles: { conda: 'conda.yaml' } } });
  });

  it('says why a flavor is not served natively', () => {
    const torch = parseMlmodel('flavors:\n  python_function:\n    loader_module: mlflow.pytorch\n  pytorch:\n    model_data: data\n');
    expect(torch).toMatchObject({ ok: true, facts: { serving: null, servingError: expect.stringMatching(/python_function, pytorch \(python_function's loader_module is mlflow\.pytorch\) are not served natively.*score\.py/) } });
    const joblib = parseMlmodel('flavors:\n  sklearn:\n    pickled_model: m.joblib\n    serialization_format: joblib\n');
    expect(joblib).toMatchObject({ ok: true, facts: { serving: null, servingError: expect.stringContaining('"joblib"; Berth loads pickle and cloudpickle') } });
    const fn = parseMlmodel('flavors:\n  python_function:\n    predict_fn: __class__\n  sklearn:\n    pickled_model: m.pkl\n');
    expect(fn).toMatchObject({ ok: true, facts: { serving: null, servingError: expect.stringContaining('predict_fn is "__class__"') } });
  });

  it('keeps a tensor signature without enforcing it, and names a column type it does not enforce', () => {
    const tensor = parseMlmodel(`flavors:\n  sklearn:\n    pickled_model: m.pkl\nsignature:\n  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}]'\n`);
    expect(tensor).toMatchObject({ ok: true, facts: { signature: { inputs: null, tensorInputs: true }, signatureError: expect.stringContaining('tensor spec') } });
    const arr = parseMlmodel(`flavors:\n  sklearn:\n    pickled_model: m.pkl\nsignature:\n  inputs: '[{"type": "array", "items": {"type": "double"}, "name": "v"}]'\n`);
    expect(arr).toMatchObject({ ok: true, facts: { signature: { inputs: null }, signatureError: expect.stringContaining('the column v has the type array') } });
  });

  it('refuses what is not an MLmodel, naming the problem', () => {
    expect(parseMlmodel('flavors: [oops')).toMatchObject({ ok: false, error: expect.stringMatching(/^MLmodel is not valid YAML/) });
    expect(parseMlmodel('artifact_path: model\n')).toMatchObject({ ok: false, error: expect.stringMatching(/^MLmodel: flavors/) });
    expect(parseMlmodel('flavors: {}\n')).toMatchObject({ ok: false, error: 'MLmodel: flavors MLmodel lists no flavors' });
  });
});

describe('environment files', () => {
  it('reads requirements.txt lines, skipping comments and naming what it cannot look up', () => {
    expect(parseRequirementsTxt('# pinned\nmlflow==2.8.1\nscikit-learn >= 1.2, <1.4  # comment\nPyYAML[extra]==6.0 ; python_version >= "3.8"\n-e git+https://x/y.git\n')).toEqual([
      { name: 'mlflow', key: 'mlflow', spec: '==2.8.1', source: 'requirements.txt' },
      { name: 'scikit-learn', key: 'scikit-learn', spec: '>=1.2,<1.4', source: 'requirements.txt' },
      { name: 'PyYAML', key: 'pyyaml', spec: '==6.0', source: 'requirements.txt' },
      { unparsed: '-e git+https://x/y.git', source: 'requirements.txt' },
    ]);
  });

  it('reads python_env.yaml', () => {
    const r = parsePythonEnvYaml('python: 3.10.12\nbuild_dependencies:\n- pip==23.3.1\ndependencies:\n- mlflow==2.8.1\n- cloudpickle==2.2.1\n');
    expect(r).toEqual({
      ok: true,
      pythonVersion: '3.10.12',
      requirements: [
        { name: 'mlflow', key: 'mlflow', spec: '==2.8.1', source: 'python_env.yaml' },
        { name: 'cloudpickle', key: 'cloudpickle', spec: '==2.2.1', source: 'python_env.yaml' },
      ],
    });
    expect(parsePythonEnvYaml('dependencies: 3\n')).toMatchObject({ ok: false, error: expect.stringMatching(/^python_env\.yaml: dependencies/) });
  });

  it("reads conda.yaml's conda and pip dependencies and its python", () => {
    const r = parseCondaYaml('channels:\n- conda-forge\ndependencies:\n- python=3.10.12\n- pip<=23.3.1\n- numpy=1.24\n- conda-forge::pandas==1.5.3=py310_0\n- pip:\n  - mlflow==2.8.1\n  - scikit-learn==1.3.0\nname: mlflow-env\n');
    expect(r).toEqual({
      ok: true,
      pythonVersion: '3.10.12',
      requirements: [
        { name: 'python', key: 'python', spec: '==3.10.12.*', source: 'conda.yaml' },
        { name: 'pip', key: 'pip', spec: '<=23.3.1', source: 'conda.yaml' },
        { name: 'numpy', key: 'numpy', spec: '==1.24.*', source: 'conda.yaml' },
        { name: 'pandas', key: 'pandas', spec: '==1.5.3', source: 'conda.yaml' },
        { name: 'mlflow', key: 'mlflow', spec: '==2.8.1', source: 'conda.yaml' },
        { name: 'scikit-learn', key: 'scikit-learn', spec: '==1.3.0', source: 'conda.yaml' },
      ],
    });
    expect(parseCondaYaml('dependencies:\n- [\n')).toMatchObject({ ok: false, error: expect.stringMatching(/^conda\.yaml is not valid YAML/) });
  });
});
