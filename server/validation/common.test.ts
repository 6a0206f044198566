import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generateOcid } from '@/server/domain/ocid';
import { descriptionSchema, displayNameSchema, ocidSchema, optionalDisplayNameSchema } from './common';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('ocidSchema', () => {
  const project = generateOcid('datascienceproject', { region: 'iad' });

  it('accepts an OCID of the asked type, trimmed', () => {
    expect(ocidSchema('datascienceproject').parse(` ${project} `)).toBe(project);
    expect(ocidSchema().parse(project)).toBe(project);
  });

  it('names the expected resource type when the OCID is of another type or malformed', () => {
    expect(messages(ocidSchema('datasciencemodel'), project)).toEqual(['Must be a model OCID (ocid1.datasciencemodel.oc1...).']);
    expect(messages(ocidSchema('datasciencemodeldeployment'), 'abc')).toEqual([
      'Must be a model deployment OCID (ocid1.datasciencemodeldeployment.oc1...).',
    ]);
    expect(messages(ocidSchema(), 'abc')).toEqual(['Must be an OCID (ocid1.<type>.oc1...).']);
  });

  it('says which OCID is missing', () => {
    expect(messages(ocidSchema('datascienceproject'), undefined)).toEqual(['Project OCID is required.']);
    expect(messages(ocidSchema('datascienceproject'), '  ')).toEqual(['Project OCID is required.']);
  });

  it('accepts the tenancy where a compartment is expected, since it is the root compartment', () => {
    expect(ocidSchema('compartment').safeParse(generateOcid('tenancy', { region: '' })).success).toBe(true);
    expect(ocidSchema('compartment').safeParse(generateOcid('compartment', { region: '' })).success).toBe(true);
    expect(messages(ocidSchema('compartment'), project)).toEqual(['Must be a compartment OCID (ocid1.compartment.oc1...).']);
  });
});

describe('displayNameSchema', () => {
  it('trims and accepts 1 to 255 characters', () => {
    expect(displayNameSchema.parse('  my model  ')).toBe('my model');
    expect(displayNameSchema.safeParse('x'.repeat(255)).success).toBe(true);
  });

  it('says "Name is required" when empty or missing', () => {
    expect(messages(displayNameSchema, '')).toEqual(['Name is required']);
    expect(messages(displayNameSchema, '   ')).toEqual(['Name is required']);
    expect(messages(displayNameSchema, undefined)).toEqual(['Name is required']);
  });

  it('refuses names longer than 255 characters', () => {
    expect(messages(displayNameSchema, 'x'.repeat(256))).toEqual(['Name must be at most 255 characters.']);
  });
});

describe('optionalDisplayNameSchema', () => {
  it('treats a blank name as not given, so the service can generate one', () => {
    expect(optionalDisplayNameSchema.parse('   ')).toBeUndefined();
    expect(optionalDisplayNameSchema.parse(undefined)).toBeUndefined();
    expect(optionalDisplayNameSchema.parse(' md ')).toBe('md');
    expect(messages(optionalDisplayNameSchema, 'x'.repeat(256))).toEqual(['Name must be at most 255 characters.']);
  });
});

describe('descriptionSchema', () => {
  it('allows up to 400 characters', () => {
    expect(descriptionSchema.safeParse('d'.repeat(400)).success).toBe(true);
    expect(messages(descriptionSchema, 'd'.repeat(401))).toEqual(['Description must be at most 400 characters.']);
  });
});
