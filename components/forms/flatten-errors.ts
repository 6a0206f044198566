import type { FieldErrors, FieldValues } from 'react-hook-form';

/**
 * react-hook-form nests errors by path; the tag editor and the server speak in dotted paths
 * ("freeformTags.cost center"), so both kinds of errors meet in one flat map.
 */
export function flattenErrors<T extends FieldValues>(errors: FieldErrors<T>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown, path: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    const message = (node as { message?: unknown }).message;
    if (typeof message === 'string' && message) out[path.join('.') || 'form'] ??= message;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'ref' || k === 'message' || k === 'type' || k === 'types') continue;
      walk(v, [...path, k]);
    }
  };
  walk(errors, []);
  return out;
}

/** Errors under `prefix.` re-keyed without it, e.g. the tag errors for the tag editor. */
export function errorsUnder(errors: Record<string, string>, prefixes: string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([k]) => prefixes.some((p) => k === p || k.startsWith(`${p}.`))),
  );
}
