import type { DefinedTags, FreeformTags } from './oci-types';

/** A list filter on one tag: a freeform key, or a defined `namespace.key`; no value means any. */
export interface TagFilter {
  namespace?: string;
  key: string;
  value?: string;
}

// OCI tag keys are case-insensitive; values compare exactly.
export function matchesTagFilter(tags: { freeformTags?: FreeformTags; definedTags?: DefinedTags }, f: TagFilter): boolean {
  const key = f.key.toLowerCase();
  let source: Record<string, unknown> | undefined;
  if (f.namespace) {
    const ns = Object.entries(tags.definedTags ?? {}).find(([n]) => n.toLowerCase() === f.namespace?.toLowerCase());
    source = ns?.[1];
  } else {
    source = tags.freeformTags;
  }
  if (!source) return false;
  const entry = Object.entries(source).find(([k]) => k.toLowerCase() === key);
  if (!entry) return false;
  return f.value === undefined || f.value === '' || String(entry[1]) === f.value;
}
