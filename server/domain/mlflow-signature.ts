import type { MlflowIntrospection, MlflowRead } from './artifact-introspection';
import type { JsonValue } from './sample-request';

// An MLflow signature's column specs: turned into the model's input and output schema in OCI's
// JSON form (the schema ADS writes as input_schema.json), and into example requests in MLflow's
// scoring protocol for the invoke panel.

export const MLFLOW_COLUMN_TYPES = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime'] as const;
export type MlflowColumnType = (typeof MLFLOW_COLUMN_TYPES)[number];

export interface MlflowColumn {
  name: string;
  type: MlflowColumnType;
  required: boolean;
}

export interface MlflowSignature {
  /** null: no column signature (none, a tensor spec, or one Berth cannot enforce). */
  inputs: MlflowColumn[] | null;
  outputs: MlflowColumn[] | null;
  tensorInputs: boolean;
}

// pandas dtypes and ADS feature types, as ADS describes the same columns.
const ADS: Record<MlflowColumnType, { dtype: string; feature_type: string }> = {
  boolean: { dtype: 'bool', feature_type: 'Boolean' },
  integer: { dtype: 'int32', feature_type: 'Integer' },
  long: { dtype: 'int64', feature_type: 'Integer' },
  float: { dtype: 'float32', feature_type: 'Continuous' },
  double: { dtype: 'float64', feature_type: 'Continuous' },
  string: { dtype: 'object', feature_type: 'String' },
  binary: { dtype: 'object', feature_type: 'String' },
  datetime: { dtype: 'datetime64[ns]', feature_type: 'DateTime' },
};

/** The columns in OCI's schema JSON ({"schema": [...], "version": "1.1"}), as model.inputSchema holds it. */
export function toOciSchema(columns: readonly MlflowColumn[]): string {
  return JSON.stringify({
    schema: columns.map((c, order) => ({
      ...ADS[c.type],
      name: c.name,
      required: c.required,
      description: `MLflow signature: ${c.type}`,
      domain: { values: '', stats: {}, constraints: [] },
      order,
    })),
    version: '1.1',
  });
}

const PLACEHOLDER: Record<MlflowColumnType, JsonValue> = {
  boolean: false,
  integer: 0,
  long: 0,
  float: 0.0,
  double: 0.0,
  string: 'text',
  binary: 'AA==',
  datetime: '2024-01-01T00:00:00',
};

/** One row of placeholder values in the signature's columns, as dataframe_split. */
export function signatureSample(columns: readonly MlflowColumn[]): JsonValue {
  return { dataframe_split: { columns: columns.map((c) => c.name), data: [columns.map((c) => PLACEHOLDER[c.type])] } };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const INPUT_FIELDS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'];

/**
 * A saved input example as a scoring request. serving_input_example.json is one already;
 * input_example.json holds a DataFrame in pandas' split or records orient, or an array.
 * null when it is in no form this reads.
 */
export function exampleRequest(example: unknown, info: { type?: string; pandasOrient?: string; servingInput?: boolean } = {}): JsonValue | null {
  if (isObj(example) && INPUT_FIELDS.some((f) => f in example)) return example as JsonValue;
  if (info.servingInput) return null;
  if (isObj(example) && Array.isArray(example.data)) {
    const split: Obj = { data: example.data };
    if (Array.isArray(example.columns)) split.columns = example.columns;
    return { dataframe_split: split } as JsonValue;
  }
  if (Array.isArray(example)) {
    if (info.pandasOrient === 'records' || (example.length > 0 && example.every(isObj))) return { dataframe_records: example };
    return { inputs: example };
  }
  if (isObj(example)) return { inputs: example } as JsonValue;
  return null;
}

/** An MLflow model whose MLmodel is what serves: no score.py, and a flavor Berth loads. */
export function nativeMlflowOf(mlflow: MlflowIntrospection | undefined): (MlflowRead & { serving: NonNullable<MlflowRead['serving']> }) | null {
  if (!mlflow || 'error' in mlflow || mlflow.usesScorePy || !mlflow.serving) return null;
  return { ...mlflow, serving: mlflow.serving };
}

/**
 * What the invoke sample needs of an MLflow model: only for one served natively, since a score.py
 * next to the MLmodel reads its own input.
 */
export function mlflowSampleContext(mlflow: MlflowIntrospection | undefined): { example?: JsonValue; signatureSample?: JsonValue } | undefined {
  const native = nativeMlflowOf(mlflow);
  if (!native) return undefined;
  const columns = native.signature?.inputs ?? [];
  return {
    ...(native.exampleRequest !== undefined ? { example: native.exampleRequest } : {}),
    ...(columns.length > 0 ? { signatureSample: signatureSample(columns) } : {}),
  };
}
