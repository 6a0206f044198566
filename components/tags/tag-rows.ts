// Pure model of the tag editor: an ordered list of rows, so half-typed rows survive re-renders
// while the emitted value only holds complete tags.

export type TagsValue = {
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, string>>;
};

export interface TagRow {
  id: string;
  kind: 'freeform' | 'defined';
  namespace?: string;
  key: string;
  value: string;
}

let seq = 0;
/** Ids of rows added in the browser; rows built from a value use their index so SSR and hydration agree. */
export const newRowId = (): string => `added-${++seq}`;

export const emptyTags = (): TagsValue => ({ freeformTags: {}, definedTags: {} });

export function valueToRows(value: TagsValue): TagRow[] {
  const defined = Object.entries(value.definedTags).flatMap(([namespace, tags]) =>
    Object.entries(tags).map(([key, v]): Omit<TagRow, 'id'> => ({ kind: 'defined', namespace, key, value: v })),
  );
  const freeform = Object.entries(value.freeformTags).map(([key, v]): Omit<TagRow, 'id'> => ({ kind: 'freeform', key, value: v }));
  return [...defined, ...freeform].map((row, i) => ({ ...row, id: `initial-${i}` }));
}

/** Rows without a key (or a defined row without a namespace) are left out until completed. */
export function rowsToValue(rows: readonly TagRow[]): TagsValue {
  const out = emptyTags();
  for (const row of rows) {
    if (!row.key.trim()) continue;
    if (row.kind === 'freeform') out.freeformTags[row.key] = row.value;
    else if (row.namespace) (out.definedTags[row.namespace] ??= {})[row.key] = row.value;
  }
  return out;
}

function canonical(v: TagsValue): string {
  const sort = <T>(r: Record<string, T>) => Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([sort(v.freeformTags), sort(v.definedTags).map(([ns, tags]) => [ns, sort(tags)])]);
}

export const tagsEqual = (a: TagsValue, b: TagsValue): boolean => canonical(a) === canonical(b);

/** The key server-side validation uses for this row's errors, e.g. `definedTags.Ops.CostCenter`. */
export function rowErrorKey(row: TagRow): string | null {
  if (!row.key) return null;
  if (row.kind === 'freeform') return `freeformTags.${row.key}`;
  return row.namespace ? `definedTags.${row.namespace}.${row.key}` : null;
}

/** Problems visible before submitting: a value without a key, or a key used twice (keys are case-insensitive). */
export function localRowErrors(rows: readonly TagRow[]): Map<string, string> {
  const errors = new Map<string, string>();
  const seen = new Set<string>();
  for (const row of rows) {
    if (!row.key.trim()) {
      if (row.value) errors.set(row.id, row.kind === 'defined' ? 'Select a tag key.' : 'Enter a tag key.');
      continue;
    }
    const identity = `${row.kind === 'defined' ? row.namespace ?? '' : ''}\u0000${row.key.toLowerCase()}`;
    if (seen.has(identity)) errors.set(row.id, 'This tag key is already used.');
    seen.add(identity);
  }
  return errors;
}
