import { parse } from 'yaml';
import { z } from 'zod';

// runtime.yaml of a model artifact (OCI-SPEC H): MODEL_DEPLOYMENT.INFERENCE_CONDA_ENV selects the
// environment. Unknown keys are kept out of the way: only this section matters for serving.
const condaEnvSchema = z.object({
  INFERENCE_ENV_SLUG: z.string().trim().min(1, 'INFERENCE_ENV_SLUG is empty'),
  INFERENCE_ENV_TYPE: z.enum(['data_science', 'published']).default('data_science'),
  INFERENCE_ENV_PATH: z.string().trim().optional(),
  INFERENCE_PYTHON_VERSION: z.union([z.string(), z.number()]).transform(String).optional(),
});

const runtimeYamlSchema = z.object({
  MODEL_ARTIFACT_VERSION: z.union([z.string(), z.number()]).transform(String).optional(),
  // An empty `MODEL_DEPLOYMENT:` reads as '' in the failsafe schema: no section.
  MODEL_DEPLOYMENT: z.preprocess((v) => (v === '' ? null : v), z.object({ INFERENCE_CONDA_ENV: condaEnvSchema }).optional().nullable()),
});

export interface InferenceEnvironment {
  slug: string;
  type: 'data_science' | 'published';
  path?: string;
  pythonVersion?: string;
}

export type RuntimeYamlResult =
  | { ok: true; environment: InferenceEnvironment | null }
  | { ok: false; error: string };

/** Parses runtime.yaml; `environment` is null when it has no MODEL_DEPLOYMENT section. */
export function parseRuntimeYaml(text: string): RuntimeYamlResult {
  let doc: unknown;
  try {
    // Every scalar as text: a number would read `INFERENCE_PYTHON_VERSION: 3.10` as 3.1.
    doc = parse(text, { schema: 'failsafe' });
  } catch (cause) {
    return { ok: false, error: `runtime.yaml is not valid YAML: ${(cause as Error).message.split('\n')[0]}` };
  }
  const parsed = runtimeYamlSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `runtime.yaml: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`.trim() };
  }
  const env = parsed.data.MODEL_DEPLOYMENT?.INFERENCE_CONDA_ENV;
  if (!env) return { ok: true, environment: null };
  return {
    ok: true,
    environment: {
      slug: env.INFERENCE_ENV_SLUG,
      type: env.INFERENCE_ENV_TYPE,
      ...(env.INFERENCE_ENV_PATH ? { path: env.INFERENCE_ENV_PATH } : {}),
      ...(env.INFERENCE_PYTHON_VERSION ? { pythonVersion: env.INFERENCE_PYTHON_VERSION } : {}),
    },
  };
}
