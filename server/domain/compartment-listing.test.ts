import { describe, expect, it } from 'vitest';
import { accessibleCompartments, listCompartmentsOf, treeOrder } from './compartment-listing';
import type { Compartment } from './oci-types';

// OCI Identity's ListCompartments over a tree: children or the subtree, ACCESSIBLE or ANY, as a
// caller's grants let them see it.

const T = 'ocid1.tenancy.oc1..t';
const c = (id: string, parent: string | null, name: string, timeCreated = '2026-01-01T00:00:00.000Z'): Compartment => ({ id, compartmentId: parent, name, description: '', lifecycleState: 'ACTIVE', timeCreated });
const ALL = [c(T, null, 'root'), c('a', T, 'A', '2026-01-02T00:00:00.000Z'), c('a1', 'a', 'A1'), c('b', T, 'B', '2026-01-03T00:00:00.000Z')];
const parents = new Map(ALL.map((x) => [x.id, x.compartmentId]));

describe('accessibleCompartments', () => {
  it('is where a grant reaches, and the way down to it', () => {
    expect([...accessibleCompartments([{ verb: 'read', resourceType: 'data-science-models', compartmentId: 'a1' }], parents)].sort()).toEqual(['a', 'a1', T].sort());
    expect([...accessibleCompartments([{ verb: 'manage', resourceType: 'all-resources', compartmentId: T }], parents)].sort()).toEqual(['a', 'a1', 'b', T].sort());
    expect(accessibleCompartments([], parents).size).toBe(0);
  });
});

describe('listCompartmentsOf', () => {
  const everything = new Set(ALL.map((x) => x.id));
  const names = (r: ReturnType<typeof listCompartmentsOf>) => (r.ok ? r.data.map((x) => x.name) : r.error.message);

  it('lists children, or the subtree from the tenancy, sorted as asked', () => {
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: T }, everything))).toEqual(['A', 'B']);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: T, compartmentIdInSubtree: true, sortBy: 'NAME' }, everything))).toEqual(['A', 'A1', 'B']);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: T, sortBy: 'TIMECREATED' }, everything))).toEqual(['B', 'A']);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: T, sortBy: 'NAME', sortOrder: 'DESC' }, everything))).toEqual(['B', 'A']);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: 'a' }, everything))).toEqual(['A1']);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: T, name: 'B' }, everything))).toEqual(['B']);
  });

  it('marks and keeps what the caller may reach, and hides a parent it may not', () => {
    const some = new Set([T, 'a', 'a1']);
    const r = listCompartmentsOf(ALL, T, { compartmentId: T, compartmentIdInSubtree: true, accessLevel: 'ANY' }, some);
    expect(r.ok && r.data.map((x) => [x.name, x.isAccessible])).toEqual([
      ['A', true],
      ['A1', true],
      ['B', false],
    ]);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: T, compartmentIdInSubtree: true, accessLevel: 'ACCESSIBLE' }, some))).toEqual(['A', 'A1']);
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: 'b' }, some))).toBe('Compartment b was not found.');
    expect(names(listCompartmentsOf(ALL, T, { compartmentId: 'a', compartmentIdInSubtree: true }, some))).toBe('compartmentIdInSubtree can only be used on the tenancy (the root compartment).');
    // The SDK types the root's parent as a string: it names itself.
    expect(r.ok && r.data[0]?.compartmentId).toBe(T);
  });
});

describe('treeOrder', () => {
  it('puts the root first, then each branch depth-first; an orphan under the root', () => {
    const mixed = [c('a1', 'a', 'A1'), c('b', T, 'B'), c(T, null, 'root'), c('x', 'gone', 'X'), c('a', T, 'A')];
    expect(treeOrder(mixed, T).map((x) => x.id)).toEqual([T, 'b', 'x', 'a', 'a1']);
  });
});
