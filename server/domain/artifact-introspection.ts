import { z } from 'zod';
import { loadCheckSchema } from './load-check';
import { MLFLOW_COLUMN_TYPES } from './mlflow-signature';

// What the local provider found inside an uploaded artifact, as stored with it (model_artifacts.
// introspection): one schema for the writer (the upload's introspection) and every reader. The
// parts added over time are optional, so every row written since the first upload parses.

const inferenceEnvironmentSchema = z.object({
  slug: z.string(),
  type: z.enum(['data_science', 'published']),
  path: z.string().optional(),
  pythonVersion: z.string().optional(),
});

const mlflowColumnSchema = z.object({ name: z.string(), type: z.enum(MLFLOW_COLUMN_TYPES), required: z.boolean() });

const mlflowReadSchema = z.object({
  /** The MLmodel's folder relative to the artifact root ('' for the root). */
  dir: z.string(),
  /** score.py is in the artifact: it serves, as on OCI, and the MLmodel is only described. */
  usesScorePy: z.boolean(),
  flavors: z.array(z.string()),
  mlflowVersion: z.string().optional(),
  /** null: no flavor Berth serves natively; servingError says why. */
  serving: z
    .object({ flavor: z.enum(['sklearn', 'python_function']), modelPath: z.string(), serialization: z.enum(['pickle', 'cloudpickle']), predictFn: z.string() })
    .nullable(),
  servingError: z.string().optional(),
  signature: z.object({ inputs: z.array(mlflowColumnSchema).nullable(), outputs: z.array(mlflowColumnSchema).nullable(), tensorInputs: z.boolean() }).nullable(),
  signatureError: z.string().optional(),
  inputExample: z.object({ path: z.string(), type: z.string().optional(), pandasOrient: z.string().optional(), servingInputPath: z.string().optional() }).optional(),
  pythonVersion: z.string().optional(),
  envFiles: z.object({ conda: z.string().optional(), virtualenv: z.string().optional() }),
  /** The environment the requirements were checked against. */
  checkedAgainst: z.string(),
  requirements: z.array(
    z.object({
      name: z.string(),
      spec: z.string(),
      source: z.string(),
      status: z.enum(['ok', 'version', 'missing', 'not-needed', 'unchecked']),
      installed: z.string().optional(),
      message: z.string(),
    }),
  ),
  /** The files the requirements were read from, and those that could not be read. */
  requirementSources: z.array(z.string()),
  requirementErrors: z.array(z.string()),
  /** The saved input example, as a scoring request (or why it could not be read). */
  exampleRequest: z.json().optional(),
  exampleError: z.string().optional(),
});

/** An MLmodel that could not be read: where it is, and why. */
const mlflowFailedSchema = z.object({ dir: z.string(), usesScorePy: z.boolean(), error: z.string() });

export const artifactIntrospectionSchema = z.object({
  /** Folder of score.py relative to the artifact root ('' for the root), null when absent. */
  scoreDir: z.string().nullable(),
  runtime: inferenceEnvironmentSchema.nullable(),
  runtimeError: z.string().optional(),
  fileCount: z.number().int().nonnegative(),
  /** Whether score.py defines load_model() and predict() at its top level; null without score.py. */
  scoreFunctions: z.object({ loadModel: z.boolean(), predict: z.boolean() }).nullable().optional(),
  /** Whether a runtime.yaml sits beside score.py (or at the root when there is no score.py). */
  hasRuntimeYaml: z.boolean().optional(),
  /** The keys score.py's predict() subscripts on its input, for the invoke sample; absent without score.py. */
  predictInputKeys: z.array(z.string()).optional(),
  /** An MLflow model: what its MLmodel (top level or one folder) says; absent without one. */
  mlflow: z.union([mlflowFailedSchema, mlflowReadSchema]).optional(),
  /** The whole archive unpacked, in bytes. */
  unpackedBytes: z.number().int().nonnegative().optional(),
  /** load_model() run for real in the runtime image, once the upload is in. */
  loadCheck: loadCheckSchema.optional(),
});

export type ArtifactIntrospection = z.infer<typeof artifactIntrospectionSchema>;
export type MlflowIntrospection = NonNullable<ArtifactIntrospection['mlflow']>;
export type MlflowRead = z.infer<typeof mlflowReadSchema>;

/**
 * What is known of the inside of a model's artifact: what introspection found; nothing, where the
 * provider keeps artifacts without looking inside (OCI: its service reads runtime.yaml at deploy);
 * or a stored record this console cannot read (damaged, or written by another version).
 */
export type ArtifactIntrospectionState =
  | { state: 'inspected'; facts: ArtifactIntrospection }
  | { state: 'uninspected' }
  | { state: 'unreadable'; reason: string };

export const inspected = (facts: ArtifactIntrospection): ArtifactIntrospectionState => ({ state: 'inspected', facts });
export const UNINSPECTED: ArtifactIntrospectionState = { state: 'uninspected' };

/** The stored introspection (JSON of any age) read once, into a state that never throws. */
export function readArtifactIntrospection(raw: unknown): ArtifactIntrospectionState {
  if (raw === null || raw === undefined) return { state: 'unreadable', reason: 'nothing was recorded of what the artifact holds' };
  const parsed = artifactIntrospectionSchema.safeParse(raw);
  if (parsed.success) return inspected(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the record';
  return { state: 'unreadable', reason: `the stored record of what it holds does not read (${where}: ${issue?.message ?? 'invalid'})` };
}

/** The facts, where the artifact was inspected and its record reads. */
export const factsOf = (introspection: ArtifactIntrospectionState | undefined): ArtifactIntrospection | null =>
  introspection?.state === 'inspected' ? introspection.facts : null;
