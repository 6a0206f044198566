import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf, firstIssueText } from './field-errors';

const schema = z.object({
  displayName: z.string().min(1, 'Enter a name.'),
  scaling: z.object({ minimum: z.number().int('A whole number.'), maximum: z.number().max(10, 'At most 10.') }),
  days: z.array(z.enum(['MON', 'TUE'], { error: 'Not a day.' })),
});
const issuesOf = (input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return parsed.error.issues;
};
const bad = { displayName: '', scaling: { minimum: 1.5, maximum: 11 }, days: ['MON', 'SUN', 'XYZ'] };

describe('fieldErrorsOf', () => {
  it('keys each message by its dotted path, the first message per path', () => {
    expect(fieldErrorsOf(issuesOf(bad))).toEqual({
      displayName: 'Enter a name.',
      'scaling.minimum': 'A whole number.',
      'scaling.maximum': 'At most 10.',
      'days.1': 'Not a day.',
      'days.2': 'Not a day.',
    });
  });

  it('keys an issue about the whole input as the fallback, form unless told', () => {
    const issues = z.object({ a: z.string() }).safeParse('text').error?.issues ?? [];
    expect(fieldErrorsOf(issues)).toEqual({ form: expect.any(String) });
    expect(fieldErrorsOf(issues, { fallback: 'body' })).toEqual({ body: expect.any(String) });
  });

  it('lets a form put several paths under one field, keeping the first message', () => {
    expect(fieldErrorsOf(issuesOf(bad), { keyOf: (path) => path[0] })).toEqual({ displayName: 'Enter a name.', scaling: 'A whole number.', days: 'Not a day.' });
    expect(fieldErrorsOf(issuesOf(bad), { keyOf: (path) => (path[0] === 'days' ? 'days' : undefined) })).toMatchObject({ days: 'Not a day.', 'scaling.minimum': 'A whole number.' });
  });
});

describe('firstIssueText', () => {
  it("names the first issue's field, as OCI's InvalidParameter does", () => {
    expect(firstIssueText(issuesOf(bad), 'The request is not valid.')).toBe('displayName: Enter a name.');
  });

  it('says the message alone for the whole input, and the fallback without issues', () => {
    const issues = z.string({ error: 'Send a string.' }).safeParse(1).error?.issues ?? [];
    expect(firstIssueText(issues, 'x')).toBe('Send a string.');
    expect(firstIssueText([], 'The request is not valid.')).toBe('The request is not valid.');
  });
});
