import { describe, expect, it } from 'vitest';
import { generateOcid } from '@/server/domain/ocid';
import { createProjectSchema, updateProjectSchema } from './project';

const compartmentId = generateOcid('compartment', { region: '' });

const fieldMessages = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]));

describe('createProjectSchema', () => {
  it('accepts the CreateProjectDetails body', () => {
    const body = { compartmentId, displayName: ' Fraud ', description: 'models', freeformTags: { team: 'ml' }, definedTags: { Ops: { Owner: 'me' } } };
    expect(createProjectSchema.parse(body)).toEqual({ ...body, displayName: 'Fraud' });
  });

  it('requires a compartment and a name', () => {
    expect(fieldMessages(createProjectSchema.safeParse({}))).toEqual({ compartmentId: 'Compartment OCID is required.', displayName: 'Name is required' });
  });

  it('checks each field with its own rule', () => {
    const r = createProjectSchema.safeParse({ compartmentId: 'nope', displayName: 'p', description: 'd'.repeat(401), freeformTags: { 'a b': 'c' } });
    expect(fieldMessages(r)).toEqual({
      compartmentId: 'Must be a compartment OCID (ocid1.compartment.oc1...).',
      description: 'Description must be at most 400 characters.',
      'freeformTags.a b': 'Tag key "a b" must not contain spaces or periods.',
    });
  });

  it('refuses fields the API does not have', () => {
    expect(createProjectSchema.safeParse({ compartmentId, displayName: 'p', lifecycleState: 'ACTIVE' }).success).toBe(false);
  });
});

describe('updateProjectSchema', () => {
  it('makes every field optional', () => {
    expect(updateProjectSchema.parse({})).toEqual({});
    expect(updateProjectSchema.parse({ description: '' })).toEqual({ description: '' });
  });

  it('still refuses an empty name when one is sent, and a compartment change', () => {
    expect(fieldMessages(updateProjectSchema.safeParse({ displayName: '' }))).toEqual({ displayName: 'Name is required' });
    expect(updateProjectSchema.safeParse({ compartmentId }).success).toBe(false);
  });
});
