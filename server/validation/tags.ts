import { z } from 'zod';

// OCI tag limits: keys and namespaces up to 100 characters without spaces or periods (a period
// separates namespace and key in tag filters), values up to 256 characters, 64 tags a resource.

export const TAG_KEY_MAX = 100;
export const TAG_VALUE_MAX = 256;
export const MAX_TAGS = 64;

const preview = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Why a tag key (or namespace) is not acceptable, or null if it is. */
export function tagKeyIssue(key: string, what = 'Tag key', where = ''): string | null {
  if (key.length === 0) return `${what}${where} must not be empty.`;
  if (key.length > TAG_KEY_MAX) return `${what} "${preview(key)}"${where} is longer than ${TAG_KEY_MAX} characters.`;
  if (/[\s.]/.test(key)) return `${what} "${key}"${where} must not contain spaces or periods.`;
  return null;
}

const tagValueIssue = (value: string, name: string): string | null =>
  value.length > TAG_VALUE_MAX ? `The value of tag "${name}" is longer than ${TAG_VALUE_MAX} characters.` : null;

const tagValue = z.string({ error: 'Tag values must be text.' });

export const freeformTagsSchema = z.record(z.string(), tagValue).superRefine((tags, ctx) => {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    ctx.addIssue({ code: 'custom', message: `At most ${MAX_TAGS} freeform tags are allowed; there are ${keys.length}.` });
  }
  for (const key of keys) {
    const issue = tagKeyIssue(key) ?? tagValueIssue(tags[key] ?? '', key);
    if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [key] });
  }
});

export const definedTagsSchema = z.record(z.string(), z.record(z.string(), tagValue)).superRefine((tags, ctx) => {
  const count = Object.values(tags).reduce((n, keys) => n + Object.keys(keys).length, 0);
  if (count > MAX_TAGS) ctx.addIssue({ code: 'custom', message: `At most ${MAX_TAGS} defined tags are allowed; there are ${count}.` });
  for (const [namespace, keys] of Object.entries(tags)) {
    const nsIssue = tagKeyIssue(namespace, 'Tag namespace');
    if (nsIssue) ctx.addIssue({ code: 'custom', message: nsIssue, path: [namespace] });
    for (const [key, value] of Object.entries(keys)) {
      const issue = tagKeyIssue(key, 'Tag key', ` in namespace "${namespace}"`) ?? tagValueIssue(value, `${namespace}.${key}`);
      if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [namespace, key] });
    }
  }
});
