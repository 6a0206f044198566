import { describe, expect, it } from 'vitest';
import { errorsUnder, flattenErrors } from './flatten-errors';

describe('flattenErrors', () => {
  it('turns nested react-hook-form errors into dotted paths', () => {
    const flat = flattenErrors({
      displayName: { type: 'custom', message: 'Name is required' },
      freeformTags: { 'cost center': { type: 'custom', message: 'no spaces' } },
      definedTags: { Operations: { Nope: { type: 'custom', message: 'unknown key' } } },
    });
    expect(flat).toEqual({
      displayName: 'Name is required',
      'freeformTags.cost center': 'no spaces',
      'definedTags.Operations.Nope': 'unknown key',
    });
  });

  it('keeps a message on a parent and its children', () => {
    expect(flattenErrors({ freeformTags: { type: 'custom', message: 'too many', a: { type: 'x', message: 'bad a' } } })).toEqual({
      freeformTags: 'too many',
      'freeformTags.a': 'bad a',
    });
  });

  it('selects errors under prefixes', () => {
    const all = { displayName: 'x', freeformTags: 'y', 'freeformTags.k': 'z', 'definedTags.ns.k': 'w', freeformTagsX: 'no' };
    expect(errorsUnder(all, ['freeformTags', 'definedTags'])).toEqual({ freeformTags: 'y', 'freeformTags.k': 'z', 'definedTags.ns.k': 'w' });
  });
});
