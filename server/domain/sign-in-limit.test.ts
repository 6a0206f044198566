import { describe, expect, it } from 'vitest';
import { decideSignInLimit, failureKeyOf, signInLimitMessage } from './sign-in-limit';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
const times = (n: number, from = 0) => Array.from({ length: n }, (_, i) => t(from + i));

describe('decideSignInLimit', () => {
  it.each([
    { name: 'under both limits', user: 4, address: 19, expected: { allowed: true } },
    { name: 'at the user limit', user: 5, address: 5, expected: { allowed: false, scope: 'user', retryAt: new Date(t(15)) } },
    // Seven failures: two must leave before the count is under five, the third oldest at 12:02.
    { name: 'past the user limit', user: 7, address: 7, expected: { allowed: false, scope: 'user', retryAt: new Date(t(17)) } },
    { name: 'at the address limit', user: 0, address: 20, expected: { allowed: false, scope: 'address', retryAt: new Date(t(15)) } },
  ])('$name', ({ user, address, expected }) => {
    expect(decideSignInLimit({ byUserName: times(user), byAddress: times(address) })).toEqual(expected);
  });

  it('names the later of two blocks, the one that lets the attempt through', () => {
    const d = decideSignInLimit({ byUserName: times(5, 3), byAddress: times(20) });
    expect(d).toEqual({ allowed: false, scope: 'user', retryAt: new Date(t(18)) });
  });
});

describe('signInLimitMessage', () => {
  it('says which limit and when, rounding up to a whole minute', () => {
    const message = signInLimitMessage({ allowed: false, scope: 'address', retryAt: new Date(t(15)) }, new Date(Date.parse(t(10)) + 1));
    expect(message).toBe('Too many attempts: 20 failed sign-ins from your address in 15 minutes. Try again in 5 minutes (at 12:15 UTC).');
  });
});

it('counts names in any case, trimmed, as one', () => {
  expect(failureKeyOf('  Admin ')).toBe('admin');
});
