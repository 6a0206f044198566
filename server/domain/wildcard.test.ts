import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, indexOfKmp, matchWildcard, wildcardCount } from './wildcard';

const matches = (pattern: string, value: string) => matchWildcard(compileWildcard(pattern), value);

// The reference: what the old regex translation answered, safe on short inputs only.
const byRegex = (pattern: string, value: string) =>
  new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(value);

describe('wildcard matcher', () => {
  it('matches prefixes, suffixes, infixes and exact values', () => {
    expect(matches('i-*', 'i-12')).toBe(true);
    expect(matches('i-*', 'x-12')).toBe(false);
    expect(matches('*-12', 'i-12')).toBe(true);
    expect(matches('*model*', 'ocid1.datasciencemodeldeployment.x')).toBe(true);
    expect(matches('a*b*c', 'abc')).toBe(true);
    expect(matches('a*b*c', 'acb')).toBe(false);
    expect(matches('ab*ba', 'aba')).toBe(false); // head and tail may not share the middle "b"
    expect(matches('ab*ba', 'abba')).toBe(true);
    expect(matches('*', '')).toBe(true);
    expect(matches('**', 'anything')).toBe(true);
    expect(matches('exact', 'exact')).toBe(true);
    expect(matches('exact', 'exactly')).toBe(false);
    expect(matches('', '')).toBe(true);
    expect(matches('a.c', 'abc')).toBe(false); // no regex meaning for anything but *
  });

  it('answers the query that stalled the console at once', () => {
    const value = 'o'.repeat(100_000);
    const t0 = performance.now();
    expect(matches('o*******q', value)).toBe(false);
    expect(matches(`${'o*'.repeat(30)}q`, value)).toBe(false);
    // A generous bound: the regex took minutes on a value a thousand times shorter.
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('agrees with the regex translation on random short patterns and values', () => {
    const alphabet = fc.constantFrom('a', 'b', '*');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b'), { maxLength: 12 }), (p, v) => {
        const pattern = p.join('');
        const value = v.join('');
        expect(matches(pattern, value)).toBe(byRegex(pattern, value));
      }),
      { seed: 9, numRuns: 5000 },
    );
  });

  it('counts star runs, not stars', () => {
    expect(wildcardCount('o*******q')).toBe(1);
    expect(wildcardCount('*a*b*')).toBe(3);
    expect(wildcardCount('none')).toBe(0);
  });

  it('finds a needle only where it ends before the limit', () => {
    expect(indexOfKmp('aabaabaaab', 'aaab', 0)).toBe(6);
    expect(indexOfKmp('aabaabaaab', 'aaab', 0, 9)).toBe(-1);
    expect(indexOfKmp('abcabc', 'abc', 1)).toBe(3);
    expect(indexOfKmp('abc', '', 2)).toBe(2);
  });
});
