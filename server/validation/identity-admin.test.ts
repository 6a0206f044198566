import { describe, expect, it } from 'vitest';
import { createCompartmentSchema, createGrantSchema, createUserSchema } from './identity-admin';

const GROUP = 'ocid1.group.oc1..aaaaaaaaexample';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaaexample';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaaexample';

describe('identity admin input', () => {
  it("accepts a grant of OCI's verbs and resource types in a compartment or the tenancy", () => {
    expect(createGrantSchema.safeParse({ groupId: GROUP, verb: 'manage', resourceType: 'data-science-family', compartmentId: COMPARTMENT }).success).toBe(true);
    expect(createGrantSchema.safeParse({ groupId: GROUP, verb: 'inspect', resourceType: 'berth-operations', compartmentId: TENANCY }).success).toBe(true);
  });

  it('refuses an unknown verb or resource type, and a group or compartment that is not an OCID of its kind, naming the field', () => {
    const bad = createGrantSchema.safeParse({ groupId: COMPARTMENT, verb: 'own', resourceType: 'virtual-network-family', compartmentId: GROUP });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const byField = Object.fromEntries(bad.error.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField.verb).toBe('Verb is one of inspect, read, use, manage.');
    expect(byField.resourceType).toContain('data-science-family');
    expect(byField.groupId).toContain('group OCID');
    expect(byField.compartmentId).toContain('compartment OCID');
  });

  it("holds compartment names to OCI's characters and length", () => {
    const parse = (name: string) => createCompartmentSchema.safeParse({ parentId: TENANCY, name });
    expect(parse('Team_A-1.prod').success).toBe(true);
    expect(parse('has space').success).toBe(false);
    expect(parse('x'.repeat(101)).success).toBe(false);
    expect(parse('  ').success).toBe(false);
  });

  it('takes a user with or without an email, and refuses a malformed one or a name with spaces', () => {
    expect(createUserSchema.parse({ name: 'ana@example.com', email: '' })).toEqual({ name: 'ana@example.com', email: undefined, description: '' });
    expect(createUserSchema.safeParse({ name: 'ana', email: 'not-an-address' }).success).toBe(false);
    expect(createUserSchema.safeParse({ name: 'ana maria' }).success).toBe(false);
  });
});
