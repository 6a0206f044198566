import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { definedTagsSchema, freeformTagsSchema } from './tags';

const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('freeformTagsSchema', () => {
  it('accepts ordinary tags, including empty values', () => {
    expect(freeformTagsSchema.parse({ team: 'ml', 'cost-center': '', Owner_1: 'me' })).toEqual({ team: 'ml', 'cost-center': '', Owner_1: 'me' });
  });

  it('refuses keys with spaces or periods, naming the key', () => {
    expect(issues(freeformTagsSchema, { 'my tag': 'x' })).toEqual([{ path: 'my tag', message: 'Tag key "my tag" must not contain spaces or periods.' }]);
    expect(issues(freeformTagsSchema, { 'a.b': 'x' })).toEqual([{ path: 'a.b', message: 'Tag key "a.b" must not contain spaces or periods.' }]);
  });

  it('refuses empty keys and keys over 100 characters', () => {
    expect(issues(freeformTagsSchema, { '': 'x' })).toEqual([{ path: '', message: 'Tag key must not be empty.' }]);
    const long = 'k'.repeat(101);
    expect(issues(freeformTagsSchema, { [long]: 'x' })[0]?.message).toMatch(/^Tag key "k{40}…" is longer than 100 characters\.$/);
    expect(freeformTagsSchema.safeParse({ ['k'.repeat(100)]: 'x' }).success).toBe(true);
  });

  it('refuses values over 256 characters, naming the tag', () => {
    expect(issues(freeformTagsSchema, { team: 'v'.repeat(257) })).toEqual([{ path: 'team', message: 'The value of tag "team" is longer than 256 characters.' }]);
    expect(freeformTagsSchema.safeParse({ team: 'v'.repeat(256) }).success).toBe(true);
  });

  it('allows at most 64 tags', () => {
    expect(freeformTagsSchema.safeParse(many(64)).success).toBe(true);
    expect(issues(freeformTagsSchema, many(65))).toEqual([{ path: '', message: 'At most 64 freeform tags are allowed; there are 65.' }]);
  });

  it('refuses values that are not text', () => {
    expect(issues(freeformTagsSchema, { team: 1 })).toEqual([{ path: 'team', message: 'Tag values must be text.' }]);
  });
});

describe('definedTagsSchema', () => {
  it('accepts namespace -> key -> value', () => {
    expect(definedTagsSchema.parse({ Operations: { CostCenter: '42' } })).toEqual({ Operations: { CostCenter: '42' } });
  });

  it('applies the key rules to namespaces and keys, naming both', () => {
    expect(issues(definedTagsSchema, { 'Ops team': { CostCenter: '1' } })).toEqual([
      { path: 'Ops team', message: 'Tag namespace "Ops team" must not contain spaces or periods.' },
    ]);
    expect(issues(definedTagsSchema, { Operations: { 'Cost.Center': '1' } })).toEqual([
      { path: 'Operations.Cost.Center', message: 'Tag key "Cost.Center" in namespace "Operations" must not contain spaces or periods.' },
    ]);
  });

  it('limits values to 256 characters and the total to 64 tags', () => {
    expect(issues(definedTagsSchema, { Operations: { Owner: 'o'.repeat(257) } })).toEqual([
      { path: 'Operations.Owner', message: 'The value of tag "Operations.Owner" is longer than 256 characters.' },
    ]);
    expect(issues(definedTagsSchema, { A: many(40), B: many(25) })).toEqual([{ path: '', message: 'At most 64 defined tags are allowed; there are 65.' }]);
  });
});
