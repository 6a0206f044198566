import { describe, expect, it } from 'vitest';
import { decodeTagFilter, decodeTagFilters, encodeTagFilter, type TagFilter } from '@/server/domain/tag-filter-codec';

describe('encodeTagFilter', () => {
  it('encodes the four shapes', () => {
    expect(encodeTagFilter({ key: 'team' })).toBe('team');
    expect(encodeTagFilter({ key: 'team', value: 'ml' })).toBe('team=ml');
    expect(encodeTagFilter({ namespace: 'Operations', key: 'CostCenter' })).toBe('Operations.CostCenter');
    expect(encodeTagFilter({ namespace: 'Operations', key: 'CostCenter', value: '42' })).toBe('Operations.CostCenter=42');
  });

  it('treats an empty value as matching every value', () => {
    expect(encodeTagFilter({ key: 'team', value: '' })).toBe('team');
  });

  it("escapes '.', '=' and '%' in every part", () => {
    expect(encodeTagFilter({ namespace: 'a.b', key: 'c=d', value: '50%.=' })).toBe('a%2Eb.c%3Dd=50%25%2E%3D');
  });

  it('leaves other characters for URLSearchParams to escape', () => {
    expect(encodeTagFilter({ key: 'my key', value: 'ü & co' })).toBe('my key=ü & co');
  });
});

describe('decodeTagFilter', () => {
  const cases: TagFilter[] = [
    { key: 'team' },
    { key: 'team', value: 'ml' },
    { namespace: 'Operations', key: 'CostCenter' },
    { namespace: 'Operations', key: 'CostCenter', value: '42' },
    { namespace: 'a.b', key: 'c=d', value: '50%.=' },
    { key: '%2E', value: 'a=b=c' },
    { key: 'version', value: '1.2.3' },
    { key: 'ключ', value: 'значение 🚀' },
  ];

  it.each(cases)('round-trips %j', (f) => {
    expect(decodeTagFilter(encodeTagFilter(f))).toEqual(f);
  });

  it('round-trips through URLSearchParams', () => {
    const params = new URLSearchParams();
    for (const f of cases) params.append('tag', encodeTagFilter(f));
    expect(decodeTagFilters(new URLSearchParams(params.toString()).getAll('tag'))).toEqual(cases);
  });

  it('reads a trailing "=" as matching every value', () => {
    expect(decodeTagFilter('team=')).toEqual({ key: 'team' });
  });

  it.each(['', '=value', '.key', 'ns.', 'ns..key', 'a.b.c', 'a=b=c', 'bad%', 'bad%zz', 'ns.key=%E0%A4%A', '%'])(
    'rejects malformed %j',
    (s) => {
      expect(decodeTagFilter(s)).toBeNull();
    },
  );
});

describe('decodeTagFilters', () => {
  it('accepts a single value, an array, or nothing, and drops malformed entries', () => {
    expect(decodeTagFilters(undefined)).toEqual([]);
    expect(decodeTagFilters(null)).toEqual([]);
    expect(decodeTagFilters('team=ml')).toEqual([{ key: 'team', value: 'ml' }]);
    expect(decodeTagFilters(['team', 'a.b.c', 'ns.k=v'])).toEqual([{ key: 'team' }, { namespace: 'ns', key: 'k', value: 'v' }]);
  });
});
