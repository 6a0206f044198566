import { z } from 'zod';
import { isOcid } from '@/server/domain/ocid';
import { descriptionSchema, ocidSchema, optionalDisplayNameSchema } from './common';
import { definedTagsSchema, freeformTagsSchema } from './tags';

// CreateModelDetails / UpdateModelDetails and ModelProvenance (OCI-SPEC A.2), shared by the create
// form, the upload route and the edit action. Taxonomy keys are the ones ADS writes.

export const DEFINED_METADATA_KEYS = ['UseCaseType', 'Framework', 'FrameworkVersion', 'Algorithm', 'Hyperparameters'] as const;
export type DefinedMetadataKey = (typeof DEFINED_METADATA_KEYS)[number];

export const DEFINED_METADATA_LABELS: Record<DefinedMetadataKey, string> = {
  UseCaseType: 'Use case',
  Framework: 'Framework',
  FrameworkVersion: 'Framework version',
  Algorithm: 'Algorithm',
  Hyperparameters: 'Hyperparameters',
};

export const USE_CASE_TYPES = [
  'binary_classification',
  'regression',
  'multinomial_classification',
  'clustering',
  'recommender',
  'dimensionality_reduction/representation',
  'time_series_forecasting',
  'anomaly_detection',
  'topic_modeling',
  'ner',
  'sentiment_analysis',
  'image_classification',
  'object_localization',
  'other',
] as const;

export const FRAMEWORKS = [
  'scikit-learn', 'xgboost', 'tensorflow', 'pytorch', 'mxnet', 'keras', 'lightGBM', 'pymc3', 'pyOD', 'spacy', 'prophet',
  'sktime', 'statsmodels', 'cuml', 'oracle_automl', 'h2o', 'transformers', 'nltk', 'emcee', 'pystan', 'bert', 'gensim',
  'flair', 'word2vec', 'ensemble', 'other',
] as const;

export const CUSTOM_METADATA_CATEGORIES = [
  'Performance',
  'Training Profile',
  'Training and Validation Datasets',
  'Training Environment',
  'Reports',
  'Readme',
  'other',
] as const;

// ADS's client-side limits (not confirmed by the service, but what OCI users meet first).
export const METADATA_VALUE_MAX = 16_000;
export const METADATA_DESCRIPTION_MAX = 255;
export const METADATA_TOTAL_MAX = 32_000;
export const METADATA_KEY_MAX = 255;
export const SCHEMA_TEXT_MAX = 100_000;
const PROVENANCE_TEXT_MAX = 255;

/** Optional text: blank means "not given". */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional()
    .transform((v) => v || undefined);

const isJsonText = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const isJsonObjectText = (text: string) => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
};

/** Why a JSON text does not parse, with the parser's own words (they name the position). */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (cause) {
    return (cause as Error).message;
  }
}

const schemaTextSchema = (label: string) =>
  optionalText(label, SCHEMA_TEXT_MAX).superRefine((v, ctx) => {
    if (v !== undefined && !isJsonText(v)) ctx.addIssue({ code: 'custom', message: `${label} is not valid JSON: ${jsonError(v)}` });
  });

const definedMetadatumSchema = z.strictObject({
  key: z.enum(DEFINED_METADATA_KEYS, { error: `The key must be one of ${DEFINED_METADATA_KEYS.join(', ')}.` }),
  value: z.string({ error: 'The value must be text.' }).trim().min(1, 'Enter a value or leave the field out.').max(METADATA_VALUE_MAX, `The value must be at most ${METADATA_VALUE_MAX} characters.`),
  description: optionalText('Description', METADATA_DESCRIPTION_MAX),
});

const customMetadatumSchema = z.strictObject({
  key: z
    .string({ error: 'The key must be text.' })
    .trim()
    .min(1, 'Key is required.')
    .max(METADATA_KEY_MAX, `The key must be at most ${METADATA_KEY_MAX} characters.`),
  value: z.string({ error: 'The value must be text.' }).trim().max(METADATA_VALUE_MAX, `The value must be at most ${METADATA_VALUE_MAX} characters.`),
  description: optionalText('Description', METADATA_DESCRIPTION_MAX),
  category: z.enum(CUSTOM_METADATA_CATEGORIES, { error: `The category must be one of ${CUSTOM_METADATA_CATEGORIES.join(', ')}.` }),
});

const ALLOWED_VALUES: Partial<Record<DefinedMetadataKey, readonly string[]>> = { UseCaseType: USE_CASE_TYPES, Framework: FRAMEWORKS };

export const definedMetadataListSchema = z.array(definedMetadatumSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((m, i) => {
    if (seen.has(m.key)) ctx.addIssue({ code: 'custom', message: `${m.key} is given more than once.`, path: [i, 'key'] });
    seen.add(m.key);
    const allowed = ALLOWED_VALUES[m.key];
    if (allowed && !allowed.includes(m.value)) {
      ctx.addIssue({ code: 'custom', message: `"${m.value}" is not a known ${DEFINED_METADATA_LABELS[m.key].toLowerCase()}; choose one from the list.`, path: [i, 'value'] });
    }
    if (m.key === 'Hyperparameters' && !isJsonObjectText(m.value)) {
      ctx.addIssue({ code: 'custom', message: 'Hyperparameters must be a JSON object, e.g. {"max_depth": 4}.', path: [i, 'value'] });
    }
  });
});

export const customMetadataListSchema = z.array(customMetadatumSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((m, i) => {
    if (seen.has(m.key)) ctx.addIssue({ code: 'custom', message: `The key "${m.key}" is used more than once.`, path: [i, 'key'] });
    seen.add(m.key);
  });
});

export const provenanceSchema = z.strictObject({
  repositoryUrl: optionalText('Repository URL', PROVENANCE_TEXT_MAX).refine((v) => v === undefined || /^(https?|ssh|git):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(v), {
    error: 'Repository URL must be a git URL, e.g. https://github.com/org/repo.git.',
  }),
  gitBranch: optionalText('Git branch', PROVENANCE_TEXT_MAX),
  gitCommit: optionalText('Git commit', PROVENANCE_TEXT_MAX).refine((v) => v === undefined || /^[0-9a-f]{7,64}$/i.test(v), {
    error: 'Git commit must be a commit hash (7 to 64 hexadecimal digits).',
  }),
  scriptDir: optionalText('Script directory', PROVENANCE_TEXT_MAX),
  trainingScript: optionalText('Training script', PROVENANCE_TEXT_MAX),
  trainingId: optionalText('Training OCID', PROVENANCE_TEXT_MAX).refine((v) => v === undefined || isOcid(v), {
    error: 'Training OCID must be the OCID of the job run or notebook session that trained the model.',
  }),
});

const metadataBytes = (lists: { key: string; value: string; description?: string | undefined }[][]) =>
  new TextEncoder().encode(JSON.stringify(lists.flat())).length;

const checkMetadataSize = (
  v: { definedMetadataList?: { key: string; value: string }[] | undefined; customMetadataList?: { key: string; value: string }[] | undefined },
  ctx: z.RefinementCtx,
) => {
  const size = metadataBytes([v.definedMetadataList ?? [], v.customMetadataList ?? []]);
  if (size > METADATA_TOTAL_MAX) {
    ctx.addIssue({ code: 'custom', message: `The metadata takes ${size} bytes; at most ${METADATA_TOTAL_MAX} are allowed.`, path: ['customMetadataList'] });
  }
};

export const VERSION_LABEL_MAX = 255;
const versionSetIdSchema = ocidSchema('datasciencemodelversionset');

/** The `details` field of the upload: CreateModelDetails with the provenance alongside. */
export const createModelSchema = z
  .strictObject({
    compartmentId: ocidSchema('compartment'),
    projectId: ocidSchema('datascienceproject'),
    displayName: optionalDisplayNameSchema,
    description: descriptionSchema.optional(),
    definedMetadataList: definedMetadataListSchema.optional(),
    customMetadataList: customMetadataListSchema.optional(),
    inputSchema: schemaTextSchema('Input schema'),
    outputSchema: schemaTextSchema('Output schema'),
    provenance: provenanceSchema.optional(),
    modelVersionSetId: versionSetIdSchema.optional(),
    versionLabel: optionalText('Version label', VERSION_LABEL_MAX).optional(),
    freeformTags: freeformTagsSchema.optional(),
    definedTags: definedTagsSchema.optional(),
  })
  .superRefine(checkMetadataSize);

export const updateModelSchema = z
  .strictObject({
    displayName: optionalDisplayNameSchema,
    description: descriptionSchema.optional(),
    definedMetadataList: definedMetadataListSchema.optional(),
    customMetadataList: customMetadataListSchema.optional(),
    modelVersionSetId: versionSetIdSchema.optional(),
    // Blank is kept: it removes the label, where an absent one keeps it.
    versionLabel: z.string({ error: 'Version label must be text.' }).trim().max(VERSION_LABEL_MAX, `Version label must be at most ${VERSION_LABEL_MAX} characters.`).optional(),
    freeformTags: freeformTagsSchema.optional(),
    definedTags: definedTagsSchema.optional(),
  })
  .superRefine(checkMetadataSize);

export type CreateModelValues = z.output<typeof createModelSchema>;
export type UpdateModelValues = z.output<typeof updateModelSchema>;
