import type { Metadata, ModelProvenance } from '@/server/domain/oci-types';
import { DEFINED_METADATA_KEYS, type DefinedMetadataKey } from '@/server/validation/model';

// The model forms edit taxonomy as one field per key and custom metadata as rows; the API speaks
// in metadata lists. These convert both ways and carry list errors back to the fields.

export type TaxonomyValues = Record<DefinedMetadataKey, string>;

export interface CustomMetadataRow {
  id: string;
  key: string;
  value: string;
  category: string;
  description: string;
}

export type ProvenanceValues = Required<{ [K in keyof ModelProvenance]: string }>;

export const PROVENANCE_LABELS: ProvenanceValues = {
  repositoryUrl: 'Git repository URL',
  gitBranch: 'Git branch',
  gitCommit: 'Git commit',
  scriptDir: 'Local model directory',
  trainingScript: 'Model training script',
  trainingId: 'Training resource OCID',
};

export const emptyTaxonomy = (): TaxonomyValues => ({ UseCaseType: '', Framework: '', FrameworkVersion: '', Algorithm: '', Hyperparameters: '' });
export const emptyProvenance = (): ProvenanceValues => ({ repositoryUrl: '', gitBranch: '', gitCommit: '', scriptDir: '', trainingScript: '', trainingId: '' });

let nextRow = 0;
export const newCustomRow = (init: Partial<CustomMetadataRow> = {}): CustomMetadataRow => ({
  id: `cm${++nextRow}`,
  key: '',
  value: '',
  category: 'other',
  description: '',
  ...init,
});

export function taxonomyFromMetadata(list: readonly Metadata[] | undefined): TaxonomyValues {
  const out = emptyTaxonomy();
  for (const m of list ?? []) {
    if (m.key && (DEFINED_METADATA_KEYS as readonly string[]).includes(m.key)) out[m.key as DefinedMetadataKey] = m.value ?? '';
  }
  return out;
}

/** The non-blank taxonomy fields as a definedMetadataList, in the fixed key order. */
export function definedMetadataFromTaxonomy(t: TaxonomyValues): { key: DefinedMetadataKey; value: string }[] {
  return DEFINED_METADATA_KEYS.filter((k) => t[k].trim() !== '').map((key) => ({ key, value: t[key] }));
}

export const rowsFromCustomMetadata = (list: readonly Metadata[] | undefined): CustomMetadataRow[] =>
  (list ?? []).map((m) => newCustomRow({ key: m.key ?? '', value: m.value ?? '', category: m.category ?? 'other', description: m.description ?? '' }));

const blankRow = (r: CustomMetadataRow) => !r.key.trim() && !r.value.trim() && !r.description.trim();

/** Rows as a customMetadataList; entirely blank rows are left out. `rowIds[i]` is the row of item i. */
export function customMetadataFromRows(rows: readonly CustomMetadataRow[]) {
  const used = rows.filter((r) => !blankRow(r));
  return {
    list: used.map((r) => ({ key: r.key, value: r.value, category: r.category, ...(r.description.trim() ? { description: r.description } : {}) })),
    rowIds: used.map((r) => r.id),
  };
}

/** Provenance with blank fields left out, or undefined when nothing is filled in. */
export function provenanceFromValues(p: ProvenanceValues): Partial<ProvenanceValues> | undefined {
  const filled = Object.fromEntries(Object.entries(p).filter(([, v]) => v.trim() !== ''));
  return Object.keys(filled).length ? filled : undefined;
}

/**
 * Errors keyed by the API's paths ("definedMetadataList.1.value") re-keyed to the form's fields:
 * "taxonomy.Framework", "custom.<row id>.key"; other keys are kept.
 */
export function formErrorsOf(
  errors: Record<string, string>,
  defined: readonly { key: string }[],
  rowIds: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const d = path.match(/^definedMetadataList\.(\d+)(?:\.\w+)?$/);
    const c = path.match(/^customMetadataList\.(\d+)\.(\w+)$/);
    const key = d ? defined[Number(d[1])]?.key : undefined;
    const row = c ? rowIds[Number(c[1])] : undefined;
    if (key) out[`taxonomy.${key}`] ??= message;
    else if (row && c) out[`custom.${row}.${c[2]}`] ??= message;
    else out[path] ??= message;
  }
  return out;
}

