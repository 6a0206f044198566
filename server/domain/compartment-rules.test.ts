import { describe, expect, it } from 'vitest';
import { compartmentPath, describeContents, isSelfOrDescendant, siblingNamed, treeOrder } from './compartment-rules';

const nodes = [
  { id: 't', compartmentId: null, name: 'root' },
  { id: 'a', compartmentId: 't', name: 'Data' },
  { id: 'b', compartmentId: 'a', name: 'Team-A' },
  { id: 'c', compartmentId: 't', name: 'Apps' },
];
const parents = new Map(nodes.map((n) => [n.id, n.compartmentId]));

describe('compartment rules', () => {
  it('finds a compartment itself and what lies below it, not its siblings or parents', () => {
    expect(isSelfOrDescendant('a', 'a', parents)).toBe(true);
    expect(isSelfOrDescendant('a', 'b', parents)).toBe(true);
    expect(isSelfOrDescendant('a', 'c', parents)).toBe(false);
    expect(isSelfOrDescendant('b', 'a', parents)).toBe(false);
    // A cycle already in the data ends the walk instead of looping.
    expect(isSelfOrDescendant('z', 'x', new Map([['x', 'y'], ['y', 'x']]))).toBe(false);
  });

  it('compares sibling names without case and skips the compartment itself', () => {
    expect(siblingNamed(nodes, 't', 'data')?.id).toBe('a');
    expect(siblingNamed(nodes, 't', 'DATA', 'a')).toBeUndefined();
    expect(siblingNamed(nodes, 'a', 'Data')).toBeUndefined();
  });

  it('orders the tree depth first with siblings by name', () => {
    expect(treeOrder(nodes).map((n) => `${n.depth}${n.name}`)).toEqual(['0root', '1Apps', '1Data', '2Team-A']);
  });

  it("writes a nested compartment's path as OCI policies do", () => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(compartmentPath('b', byId)).toBe('Data:Team-A');
    expect(compartmentPath('c', byId)).toBe('Apps');
  });

  it('says what a compartment holds in words', () => {
    const none = { compartments: 0, projects: 0, models: 0, modelDeployments: 0, grants: 0 };
    expect(describeContents(none)).toBe('');
    expect(describeContents({ ...none, modelDeployments: 1 })).toBe('1 model deployment');
    expect(describeContents({ ...none, projects: 2, modelDeployments: 3 })).toBe('2 projects and 3 model deployments');
  });
});
