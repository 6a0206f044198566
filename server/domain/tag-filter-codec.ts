// URL form of a tag filter: `key`, `key=value`, `ns.key`, `ns.key=value`. Parts escape '%', '.'
// and '=' as %25, %2E and %3D, so the first unescaped '.' and '=' are unambiguous separators.

import type { TagFilter } from './tag-filter';

export type { TagFilter };

const escapePart = (s: string) => s.replace(/[%.=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function unescapePart(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function encodeTagFilter(f: TagFilter): string {
  const name = f.namespace ? `${escapePart(f.namespace)}.${escapePart(f.key)}` : escapePart(f.key);
  return f.value ? `${name}=${escapePart(f.value)}` : name;
}

export function decodeTagFilter(s: string): TagFilter | null {
  const [name = '', value, ...extraValues] = s.split('=');
  if (extraValues.length > 0) return null;
  const parts = name.split('.');
  if (parts.length > 2) return null;
  const decoded = parts.map(unescapePart);
  const decodedValue = value === undefined ? undefined : unescapePart(value);
  if (decoded.some((p) => !p) || decodedValue === null) return null;

  const [first, second] = decoded as [string, string | undefined];
  const filter: TagFilter = second === undefined ? { key: first } : { namespace: first, key: second };
  if (decodedValue) filter.value = decodedValue;
  return filter;
}

/** All valid filters of a repeated search param (as Next passes it); malformed entries are dropped. */
export function decodeTagFilters(param: string | readonly string[] | null | undefined): TagFilter[] {
  const values = param === null || param === undefined ? [] : typeof param === 'string' ? [param] : param;
  return values.map(decodeTagFilter).filter((f): f is TagFilter => f !== null);
}

export function sameTagFilter(a: TagFilter, b: TagFilter): boolean {
  return encodeTagFilter(a) === encodeTagFilter(b);
}
