import { describe, expect, it } from 'vitest';
import { exampleRequest, mlflowSampleContext, signatureSample, toOciSchema, type MlflowColumn } from './mlflow-signature';
import type { MlflowRead } from './artifact-introspection';
import { buildSampleRequest } from './sample-request';

const COLUMNS: MlflowColumn[] = [
  { name: 'age', type: 'long', required: true },
  { name: 'income', type: 'double', required: true },
  { name: 'city', type: 'string', required: false },
];

describe('toOciSchema', () => {
  it("writes the columns in OCI's schema JSON, which the invoke panel reads as ADS's", () => {
    const schema = JSON.parse(toOciSchema(COLUMNS));
    expect(schema).toEqual({
      version: '1.1',
      schema: [
        { dtype: 'int64', feature_type: 'Integer', name: 'age', required: true, description: 'MLflow signature: long', domain: { values: '', stats: {}, constraints: [] }, order: 0 },
        { dtype: 'float64', feature_type: 'Continuous', name: 'income', required: true, description: 'MLflow signature: double', domain: { values: '', stats: {}, constraints: [] }, order: 1 },
        { dtype: 'object', feature_type: 'String', name: 'city', required: false, description: 'MLflow signature: string', domain: { values: '', stats: {}, constraints: [] }, order: 2 },
      ],
    });
    expect(buildSampleRequest(toOciSchema(COLUMNS))).toMatchObject({ source: 'ads-schema', body: { data: { age: [0], income: [0], city: ['text'] } } });
  });
});

describe('exampleRequest', () => {
  it('turns each saved form into a scoring request', () => {
    expect(exampleRequest({ columns: ['a'], data: [[1]] }, { type: 'dataframe', pandasOrient: 'split' })).toEqual({ dataframe_split: { columns: ['a'], data: [[1]] } });
    expect(exampleRequest([{ a: 1 }], { type: 'dataframe', pandasOrient: 'records' })).toEqual({ dataframe_records: [{ a: 1 }] });
    expect(exampleRequest([[1, 2]], { type: 'ndarray' })).toEqual({ inputs: [[1, 2]] });
    expect(exampleRequest({ inputs: [[1, 2]] }, { type: 'ndarray' })).toEqual({ inputs: [[1, 2]] });
    expect(exampleRequest({ dataframe_split: { columns: ['a'], data: [[1]] } }, { servingInput: true })).toEqual({ dataframe_split: { columns: ['a'], data: [[1]] } });
    expect(exampleRequest({ a: 1 }, { servingInput: true })).toBeNull();
    expect(exampleRequest('text')).toBeNull();
  });
});

describe('the invoke sample of an MLflow model', () => {
  const native: MlflowRead = {
    dir: '',
    usesScorePy: false,
    flavors: ['python_function', 'sklearn'],
    serving: { flavor: 'sklearn', modelPath: 'model.pkl', serialization: 'pickle', predictFn: 'predict' },
    signature: { inputs: COLUMNS, outputs: null, tensorInputs: false },
    envFiles: {},
    checkedAgainst: 'generalml_p311_cpu_v1',
    requirements: [],
    requirementSources: [],
    requirementErrors: [],
  };

  it('is the saved input example, else a row of the signature, in the scoring protocol', () => {
    const withExample = mlflowSampleContext({ ...native, exampleRequest: { dataframe_split: { columns: ['age'], data: [[40]] } } });
    expect(buildSampleRequest(toOciSchema(COLUMNS), { serving: 'conda', ...(withExample ? { mlflow: withExample } : {}) })).toMatchObject({
      source: 'mlflow-example',
      body: { dataframe_split: { columns: ['age'], data: [[40]] } },
    });
    const fromSignature = mlflowSampleContext(native);
    expect(buildSampleRequest(toOciSchema(COLUMNS), { serving: 'conda', ...(fromSignature ? { mlflow: fromSignature } : {}) })).toMatchObject({
      source: 'mlflow-signature',
      body: { dataframe_split: { columns: ['age', 'income', 'city'], data: [[0, 0, 'text']] } },
    });
    expect(signatureSample([{ name: 'flag', type: 'boolean', required: true }])).toEqual({ dataframe_split: { columns: ['flag'], data: [[false]] } });
  });

  it('is left to score.py when the artifact has one, and to the fallback without signature or example', () => {
    expect(mlflowSampleContext({ ...native, usesScorePy: true })).toBeUndefined();
    expect(mlflowSampleContext({ dir: '', usesScorePy: false, error: 'MLmodel is not valid YAML' })).toBeUndefined();
    expect(mlflowSampleContext(undefined)).toBeUndefined();
    const bare = mlflowSampleContext({ ...native, signature: null });
    expect(buildSampleRequest(null, { serving: 'conda', ...(bare ? { mlflow: bare } : {}) })).toMatchObject({ source: 'none', body: { instances: [[1, 2, 3]] }, note: expect.stringContaining('MLflow model has no signature') });
  });
});
