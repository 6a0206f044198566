import { describe, expect, it } from 'vitest';
import { accessOf } from './access';
import { allowedCompartments, ancestry, isAllowed, OPERATION_VERBS, policyStatement, type CheckedResourceType, type CompartmentParents, type Grant, type IamVerb } from './iam';

// The policy evaluator from a table of cases: verbs nest, families cover their members, grants
// hold below their compartment and never above or beside it, unknown compartments allow nothing.

const T = 'ocid1.tenancy.oc1..root';
const DEFAULT = 'ocid1.compartment.oc1..default';
const TEAM = 'ocid1.compartment.oc1..team';
const TEAM_DEV = 'ocid1.compartment.oc1..teamdev';
const OTHER = 'ocid1.compartment.oc1..other';
const UNKNOWN = 'ocid1.compartment.oc1..unknown';

// root -> default, root -> team -> team-dev, root -> other
const parents: CompartmentParents = new Map([
  [T, null],
  [DEFAULT, T],
  [TEAM, T],
  [TEAM_DEV, TEAM],
  [OTHER, T],
]);

const g = (verb: IamVerb, resourceType: Grant['resourceType'], compartmentId: string): Grant => ({ verb, resourceType, compartmentId });

const DS = 'data-science-model-deployments' as const;
const P = 'data-science-projects' as const;
const OPS = 'berth-operations' as const;

type Case = [why: string, grants: Grant[], verb: IamVerb, type: CheckedResourceType, compartment: string, allowed: boolean];

const cases: Case[] = [
  // verbs nest: inspect < read < use < manage
  ['manage covers inspect', [g('manage', DS, TEAM)], 'inspect', DS, TEAM, true],
  ['manage covers read', [g('manage', DS, TEAM)], 'read', DS, TEAM, true],
  ['manage covers use', [g('manage', DS, TEAM)], 'use', DS, TEAM, true],
  ['use covers read', [g('use', DS, TEAM)], 'read', DS, TEAM, true],
  ['use is not manage', [g('use', DS, TEAM)], 'manage', DS, TEAM, false],
  ['read is not use', [g('read', DS, TEAM)], 'use', DS, TEAM, false],
  ['inspect is not read', [g('inspect', DS, TEAM)], 'read', DS, TEAM, false],
  ['inspect allows inspect', [g('inspect', DS, TEAM)], 'inspect', DS, TEAM, true],
  // resource types and families
  ['a type covers only itself', [g('manage', P, TEAM)], 'read', DS, TEAM, false],
  ['the family covers deployments', [g('read', 'data-science-family', TEAM)], 'read', DS, TEAM, true],
  ['the family covers projects', [g('manage', 'data-science-family', TEAM)], 'manage', P, TEAM, true],
  ['the family covers work requests', [g('read', 'data-science-family', TEAM)], 'read', 'data-science-work-requests', TEAM, true],
  ['the family is not the operations', [g('manage', 'data-science-family', T)], 'manage', OPS, T, false],
  ['all-resources covers the operations', [g('manage', 'all-resources', T)], 'manage', OPS, T, true],
  ['all-resources covers data science', [g('manage', 'all-resources', T)], 'manage', DS, TEAM_DEV, true],
  // inheritance: down the tree, never up or sideways
  ['a tenancy grant holds everywhere below', [g('read', DS, T)], 'read', DS, TEAM_DEV, true],
  ['a grant holds in a child compartment', [g('manage', DS, TEAM)], 'manage', DS, TEAM_DEV, true],
  ['a grant does not hold above it', [g('manage', DS, TEAM_DEV)], 'inspect', DS, TEAM, false],
  ['a grant does not hold in a sibling', [g('manage', DS, TEAM)], 'inspect', DS, OTHER, false],
  ['a grant does not reach the tenancy from below', [g('manage', 'all-resources', DEFAULT)], 'manage', OPS, T, false],
  // unknown compartments and no grants
  ['an unknown compartment allows nothing, even to all-resources in the tenancy', [g('manage', 'all-resources', T)], 'inspect', DS, UNKNOWN, false],
  ['no grants allow nothing', [], 'inspect', DS, DEFAULT, false],
  ['a grant naming an unknown compartment allows nothing known', [g('manage', DS, UNKNOWN)], 'inspect', DS, DEFAULT, false],
  ['the strongest of several grants counts', [g('inspect', DS, TEAM), g('manage', 'data-science-family', TEAM)], 'manage', DS, TEAM, true],
];

describe('isAllowed', () => {
  it.each(cases)('%s', (_why, grants, verb, type, compartment, allowed) => {
    expect(isAllowed(grants, verb, type, compartment, parents)).toBe(allowed);
  });
});

describe('allowedCompartments', () => {
  it('is the granted compartment and what is below it', () => {
    expect([...allowedCompartments([g('inspect', DS, TEAM)], 'inspect', DS, parents)].sort()).toEqual([TEAM, TEAM_DEV].sort());
  });
  it('is every compartment for a tenancy grant, and none without grants', () => {
    expect(allowedCompartments([g('read', 'data-science-family', T)], 'inspect', P, parents).size).toBe(parents.size);
    expect(allowedCompartments([], 'inspect', P, parents).size).toBe(0);
  });
});

describe('ancestry', () => {
  it('walks up to the root, nearest first, and stops at a cycle', () => {
    expect(ancestry(TEAM_DEV, parents)).toEqual([TEAM_DEV, TEAM, T]);
    const cyclic: CompartmentParents = new Map([['a', 'b'], ['b', 'a']]);
    expect(ancestry('a', cyclic)).toEqual(['a', 'b']);
  });
});

describe('OPERATION_VERBS', () => {
  it("follows OCI's table: list inspect, get read, update and predict use, the rest manage", () => {
    expect(OPERATION_VERBS).toMatchObject({ list: 'inspect', get: 'read', update: 'use', predict: 'use', create: 'manage', delete: 'manage', move: 'manage', activate: 'manage' });
  });
});

describe('accessOf (what the UI offers)', () => {
  const who = (grants: Grant[]) => ({ grants, tenancyId: T });
  type Row = [who: string, grants: Grant[], compartment: string, expected: Record<string, boolean>];
  const rows: Row[] = [
    ['a data scientist in their compartment', [g('manage', 'data-science-family', DEFAULT)], DEFAULT, { canCreate: true, canUpdate: true, canDelete: true, canMove: true, canActivate: true, canRevealSecrets: true, isOps: false }],
    ['a data scientist elsewhere', [g('manage', 'data-science-family', DEFAULT)], OTHER, { canCreate: false, canUpdate: false, canDelete: false, canMove: false, canActivate: false, canRevealSecrets: false, isOps: false }],
    ['a viewer', [g('read', 'data-science-family', T)], DEFAULT, { canCreate: false, canUpdate: false, canDelete: false, canMove: false, canActivate: false, canRevealSecrets: false, isOps: false }],
    ['a user who may use but not manage', [g('use', DS, TEAM)], TEAM_DEV, { canCreate: false, canUpdate: true, canDelete: false, canMove: false, canActivate: false, canRevealSecrets: false, isOps: false }],
    ['ops', [g('manage', 'all-resources', T)], OTHER, { canCreate: true, canUpdate: true, canDelete: true, canMove: true, canActivate: true, canRevealSecrets: true, isOps: true }],
  ];
  it.each(rows)('%s', (_w, grants, compartment, expected) => {
    expect(accessOf(who(grants), parents, compartment, DS)).toEqual(expected);
  });
});

describe('policyStatement', () => {
  it("writes a grant as OCI's policy language does", () => {
    const name = (id: string) => (id === TEAM ? 'team' : id);
    expect(policyStatement('DataScientists', g('manage', 'data-science-family', TEAM), name, T)).toBe('Allow group DataScientists to manage data-science-family in compartment team');
    expect(policyStatement('Viewers', g('read', 'data-science-family', T), name, T)).toBe('Allow group Viewers to read data-science-family in tenancy');
  });
});
