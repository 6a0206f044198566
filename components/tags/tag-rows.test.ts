import { describe, expect, it } from 'vitest';
import { localRowErrors, rowErrorKey, rowsToValue, tagsEqual, valueToRows, type TagRow, type TagsValue } from './tag-rows';

const value: TagsValue = { freeformTags: { team: 'ml' }, definedTags: { Operations: { CostCenter: '42' } } };

describe('tag rows', () => {
  it('round-trips a value through rows', () => {
    expect(rowsToValue(valueToRows(value))).toEqual(value);
  });

  it('gives rows built from a value deterministic ids (SSR and hydration agree)', () => {
    expect(valueToRows(value).map((r) => r.id)).toEqual(valueToRows(value).map((r) => r.id));
  });

  it('leaves incomplete rows out of the value', () => {
    const rows: TagRow[] = [
      { id: 'a', kind: 'freeform', key: '', value: 'orphan' },
      { id: 'b', kind: 'defined', key: 'k', value: 'v' },
      { id: 'c', kind: 'freeform', key: 'env', value: '' },
    ];
    expect(rowsToValue(rows)).toEqual({ freeformTags: { env: '' }, definedTags: {} });
  });

  it('compares values regardless of key order', () => {
    const a: TagsValue = { freeformTags: { a: '1', b: '2' }, definedTags: {} };
    const b: TagsValue = { freeformTags: { b: '2', a: '1' }, definedTags: {} };
    expect(tagsEqual(a, b)).toBe(true);
    expect(tagsEqual(a, { ...b, freeformTags: { a: '1' } })).toBe(false);
  });

  it('names rows the way validation errors are keyed', () => {
    expect(rowErrorKey({ id: 'a', kind: 'freeform', key: 'team', value: '' })).toBe('freeformTags.team');
    expect(rowErrorKey({ id: 'b', kind: 'defined', namespace: 'Ops', key: 'Cost', value: '' })).toBe('definedTags.Ops.Cost');
    expect(rowErrorKey({ id: 'c', kind: 'freeform', key: '', value: '' })).toBeNull();
  });

  it('flags a value without a key and case-insensitive duplicate keys', () => {
    const rows: TagRow[] = [
      { id: 'a', kind: 'freeform', key: 'Team', value: '' },
      { id: 'b', kind: 'freeform', key: 'team', value: '' },
      { id: 'c', kind: 'defined', namespace: 'Ops', key: 'team', value: '' },
      { id: 'd', kind: 'freeform', key: '', value: 'x' },
    ];
    const errors = localRowErrors(rows);
    expect([...errors.keys()]).toEqual(['b', 'd']);
  });
});
