import { parse } from 'yaml';
import { z } from 'zod';
import { parseCondaDependency, parsePipRequirement, type Requirement } from '@/server/domain/mlflow-requirements';
import { MLFLOW_COLUMN_TYPES, type MlflowColumn, type MlflowSignature } from '@/server/domain/mlflow-signature';

// MLflow's MLmodel file (YAML, written by mlflow's Model.save) and the environment files beside
// it, read with the yaml library and zod. Only what serving needs is checked; other keys pass.

const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = text.optional().nullable();

const sklearnFlavor = z.object({
  pickled_model: z.string().min(1, 'pickled_model is empty'),
  serialization_format: z.string().optional().nullable(),
  sklearn_version: optionalText,
});

const pyfuncFlavor = z.object({
  loader_module: z.string().optional().nullable(),
  model_path: z.string().optional().nullable(),
  data: z.string().optional().nullable(),
  predict_fn: z.string().optional().nullable(),
  python_version: optionalText,
  // Older MLflow wrote `env: conda.yaml`; newer a map of the conda and virtualenv files.
  env: z.union([z.string(), z.object({ conda: z.string().optional().nullable(), virtualenv: z.string().optional().nullable() })]).optional().nullable(),
});

const mlmodelSchema = z.object({
  flavors: z.record(z.string(), z.unknown()).refine((f) => Object.keys(f).length > 0, 'MLmodel lists no flavors'),
  mlflow_version: optionalText,
  signature: z
    .object({ inputs: z.string().optional().nullable(), outputs: z.string().optional().nullable(), params: z.string().optional().nullable() })
    .optional()
    .nullable(),
  saved_input_example_info: z
    .object({ artifact_path: z.string(), type: z.string().optional().nullable(), pandas_orient: z.string().optional().nullable(), serving_input_path: z.string().optional().nullable() })
    .passthrough()
    .optional()
    .nullable(),
});

export type MlflowSerialization = 'pickle' | 'cloudpickle';

/** What the model server needs to serve the model natively (BERTH_MLMODEL). */
export interface MlflowServing {
  flavor: 'sklearn' | 'python_function';
  /** Relative to the MLmodel's folder. */
  modelPath: string;
  serialization: MlflowSerialization;
  predictFn: string;
}

export interface MlmodelFacts {
  flavors: string[];
  mlflowVersion?: string;
  /** null: no flavor Berth serves natively; servingError says why. */
  serving: MlflowServing | null;
  servingError?: string;
  signature: MlflowSignature | null;
  signatureError?: string;
  inputExample?: { path: string; type?: string; pandasOrient?: string; servingInputPath?: string };
  pythonVersion?: string;
  /** Environment files the MLmodel names (python_function.env), relative to its folder. */
  envFiles: { conda?: string; virtualenv?: string };
}

export type MlmodelResult = { ok: true; facts: MlmodelFacts } | { ok: false; error: string };

const PREDICT_FNS = new Set(['predict', 'predict_proba', 'predict_log_proba', 'predict_joint_log_proba', 'score']);
const firstIssue = (e: z.ZodError) => {
  const issue = e.issues[0];
  return `${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`.trim();
};

export function parseMlmodel(source: string): MlmodelResult {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (cause) {
    return { ok: false, error: `MLmodel is not valid YAML: ${(cause as Error).message.split('\n')[0]}` };
  }
  const parsed = mlmodelSchema.safeParse(doc ?? {});
  if (!parsed.success) return { ok: false, error: `MLmodel: ${firstIssue(parsed.error)}` };
  const m = parsed.data;
  const flavors = Object.keys(m.flavors);
  const pyfunc = pyfuncFlavor.safeParse(m.flavors.python_function ?? {});
  const pf = pyfunc.success ? pyfunc.data : {};
  const env = typeof pf.env === 'string' ? { conda: pf.env } : { ...(pf.env?.conda ? { conda: pf.env.conda } : {}), ...(pf.env?.virtualenv ? { virtualenv: pf.env.virtualenv } : {}) };
  const { serving, servingError } = servingOf(m.flavors, pf);
  const { signature, signatureError } = signatureOf(m.signature?.inputs, m.signature?.outputs);
  const example = m.saved_input_example_info;
  return {
    ok: true,
    facts: {
      flavors,
      ...(m.mlflow_version ? { mlflowVersion: m.mlflow_version } : {}),
      serving,
      ...(servingError ? { servingError } : {}),
      signature,
      ...(signatureError ? { signatureError } : {}),
      ...(example
        ? {
            inputExample: {
              path: example.artifact_path,
              ...(example.type ? { type: example.type } : {}),
              ...(example.pandas_orient ? { pandasOrient: example.pandas_orient } : {}),
              ...(example.serving_input_path ? { servingInputPath: example.serving_input_path } : {}),
            },
          }
        : {}),
      ...(pf.python_version ? { pythonVersion: pf.python_version } : {}),
      envFiles: env,
    },
  };
}

function servingOf(flavors: Record<string, unknown>, pf: z.infer<typeof pyfuncFlavor>): { serving: MlflowServing | null; servingError?: string } {
  const predictFn = pf.predict_fn ?? 'predict';
  if (!PREDICT_FNS.has(predictFn)) return { serving: null, servingError: `python_function.predict_fn is "${predictFn}"; Berth calls one of ${[...PREDICT_FNS].join(', ')}.` };
  if ('sklearn' in flavors) {
    const sk = sklearnFlavor.safeParse(flavors.sklearn ?? {});
    if (!sk.success) return { serving: null, servingError: `MLmodel's sklearn flavor: ${firstIssue(sk.error)}` };
    const serialization = sk.data.serialization_format ?? 'cloudpickle';
    if (serialization !== 'pickle' && serialization !== 'cloudpickle') {
      return { serving: null, servingError: `The sklearn flavor's serialization_format is "${serialization}"; Berth loads pickle and cloudpickle.` };
    }
    return { serving: { flavor: 'sklearn', modelPath: sk.data.pickled_model, serialization, predictFn } };
  }
  if (pf.loader_module === 'mlflow.sklearn') {
    const modelPath = pf.model_path ?? pf.data;
    if (!modelPath) return { serving: null, servingError: 'python_function names mlflow.sklearn as its loader but no model_path (or data).' };
    // mlflow.sklearn's pyfunc loader unpickles a file with pickle.
    return { serving: { flavor: 'python_function', modelPath, serialization: 'pickle', predictFn } };
  }
  const loader = pf.loader_module ? ` (python_function's loader_module is ${pf.loader_module})` : '';
  return {
    serving: null,
    servingError: `The flavors ${Object.keys(flavors).join(', ')}${loader} are not served natively: Berth serves the sklearn flavor and python_function models loaded by mlflow.sklearn. Add a score.py to serve this model.`,
  };
}

const columnSchema = z.object({ name: z.string().optional(), type: z.string(), required: z.boolean().optional() }).passthrough();

function columnsOf(json: string | null | undefined, which: 'inputs' | 'outputs'): { columns: MlflowColumn[] | null; tensor: boolean; error?: string } {
  if (!json) return { columns: null, tensor: false };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { columns: null, tensor: false, error: `signature.${which} is not valid JSON.` };
  }
  const parsed = z.array(columnSchema).safeParse(value);
  if (!parsed.success) return { columns: null, tensor: false, error: `signature.${which}: ${firstIssue(parsed.error)}` };
  if (parsed.data.some((c) => c.type === 'tensor')) return { columns: null, tensor: true };
  const columns: MlflowColumn[] = [];
  for (const [i, c] of parsed.data.entries()) {
    if (!(MLFLOW_COLUMN_TYPES as readonly string[]).includes(c.type)) {
      return { columns: null, tensor: false, error: `signature.${which}: the column ${c.name ?? i} has the type ${c.type}, which Berth does not enforce (it enforces ${MLFLOW_COLUMN_TYPES.join(', ')}).` };
    }
    if (which === 'inputs' && !c.name) return { columns: null, tensor: false, error: `signature.inputs: the column at position ${i} has no name, which Berth needs to enforce the schema.` };
    columns.push({ name: c.name ?? `output_${i}`, type: c.type as MlflowColumn['type'], required: c.required ?? true });
  }
  return { columns, tensor: false };
}

function signatureOf(inputs: string | null | undefined, outputs: string | null | undefined): { signature: MlflowSignature | null; signatureError?: string } {
  if (!inputs && !outputs) return { signature: null };
  const i = columnsOf(inputs, 'inputs');
  const o = columnsOf(outputs, 'outputs');
  const error = i.error ?? (i.tensor ? 'signature.inputs is a tensor spec: predictions are not checked against it (Berth enforces column signatures).' : undefined);
  return { signature: { inputs: i.columns, outputs: o.columns, tensorInputs: i.tensor }, ...(error ? { signatureError: error } : {}) };
}

// ---- environment files ------------------------------------------------------------------------

type Parsed = Requirement | { unparsed: string; source: string };
export type EnvFileResult = { ok: true; requirements: Parsed[]; pythonVersion?: string } | { ok: false; error: string };

const readYaml = (source: string, name: string): { ok: true; doc: unknown } | { ok: false; error: string } => {
  try {
    return { ok: true, doc: parse(source, { schema: 'failsafe' }) ?? {} };
  } catch (cause) {
    return { ok: false, error: `${name} is not valid YAML: ${(cause as Error).message.split('\n')[0]}` };
  }
};

export function parseRequirementsTxt(source: string, name = 'requirements.txt'): Parsed[] {
  return source.split(/\r?\n/).flatMap((line) => parsePipRequirement(line, name) ?? []);
}

// The failsafe schema reads an empty `dependencies:` as ''.
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === '' ? null : v), z.array(item).optional().nullable());

const pythonEnvSchema = z.object({
  python: z.string().optional(),
  build_dependencies: list(z.string()),
  dependencies: list(z.string()),
});

export function parsePythonEnvYaml(source: string, name = 'python_env.yaml'): EnvFileResult {
  const y = readYaml(source, name);
  if (!y.ok) return y;
  const parsed = pythonEnvSchema.safeParse(y.doc);
  if (!parsed.success) return { ok: false, error: `${name}: ${firstIssue(parsed.error)}` };
  const requirements = (parsed.data.dependencies ?? []).flatMap((d) => parsePipRequirement(d, name) ?? []);
  return { ok: true, requirements, ...(parsed.data.python ? { pythonVersion: parsed.data.python } : {}) };
}

const condaSchema = z.object({
  name: z.string().optional(),
  channels: list(z.string()),
  dependencies: list(z.union([z.string(), z.object({ pip: z.array(z.string()) })])),
});

export function parseCondaYaml(source: string, name = 'conda.yaml'): EnvFileResult {
  const y = readYaml(source, name);
  if (!y.ok) return y;
  const parsed = condaSchema.safeParse(y.doc);
  if (!parsed.success) return { ok: false, error: `${name}: ${firstIssue(parsed.error)}` };
  const requirements: Parsed[] = [];
  let pythonVersion: string | undefined;
  for (const dep of parsed.data.dependencies ?? []) {
    if (typeof dep !== 'string') {
      requirements.push(...dep.pip.flatMap((d) => parsePipRequirement(d, name) ?? []));
      continue;
    }
    const python = dep.trim().match(/^python\s*[=<>]=?\s*([\d.]+)/);
    if (python?.[1]) pythonVersion = python[1];
    const r = parseCondaDependency(dep, name);
    if (r) requirements.push(r);
  }
  return { ok: true, requirements, ...(pythonVersion ? { pythonVersion } : {}) };
}
