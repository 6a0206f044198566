// The rules of the compartment tree, after OCI Identity: names unique among siblings, a move
// never puts a compartment under itself, and a compartment is deleted only once it is empty.
import type { CompartmentParents } from './iam';

/** OCI's compartment name: 1-100 letters, digits, periods, hyphens and underscores. */
export const COMPARTMENT_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export interface CompartmentNode {
  id: string;
  compartmentId: string | null;
  name: string;
}

/** Whether `candidate` is `id` itself or lies anywhere below it. */
export function isSelfOrDescendant(id: string, candidate: string, parents: CompartmentParents): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = candidate;
  while (current && !seen.has(current)) {
    if (current === id) return true;
    seen.add(current);
    current = parents.get(current);
  }
  return false;
}

/**
 * The sibling that already holds `name` under `parentId` (OCI compares names without case), if
 * any; `exceptId` is the compartment being renamed or moved.
 */
export function siblingNamed(nodes: readonly CompartmentNode[], parentId: string, name: string, exceptId?: string): CompartmentNode | undefined {
  const wanted = name.toLowerCase();
  return nodes.find((n) => n.compartmentId === parentId && n.id !== exceptId && n.name.toLowerCase() === wanted);
}

export interface CompartmentContents {
  compartments: number;
  projects: number;
  models: number;
  modelDeployments: number;
  grants: number;
}

const NOUNS: Record<keyof CompartmentContents, [string, string]> = {
  compartments: ['child compartment', 'child compartments'],
  projects: ['project', 'projects'],
  models: ['model', 'models'],
  modelDeployments: ['model deployment', 'model deployments'],
  grants: ['policy statement', 'policy statements'],
};

/** What a compartment still holds, in words ("2 projects and 1 model"); empty when nothing. */
export function describeContents(contents: CompartmentContents): string {
  const parts = (Object.keys(NOUNS) as (keyof CompartmentContents)[])
    .filter((k) => contents[k] > 0)
    .map((k) => `${contents[k]} ${NOUNS[k][contents[k] === 1 ? 0 : 1]}`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The live tree in display order (root first, then depth first, siblings by name) with depths. */
export function treeOrder<T extends CompartmentNode>(nodes: readonly T[]): (T & { depth: number })[] {
  const byParent = new Map<string | null, T[]>();
  for (const n of nodes) byParent.set(n.compartmentId, [...(byParent.get(n.compartmentId) ?? []), n]);
  const known = new Set(nodes.map((n) => n.id));
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const c of children) {
      out.push({ ...c, depth });
      walk(c.id, depth + 1);
    }
  };
  // Roots: the tenancy, and (defensively) anything whose parent is not among the live nodes.
  for (const n of nodes) if (n.compartmentId !== null && !known.has(n.compartmentId)) byParent.set(null, [...(byParent.get(null) ?? []), n]);
  walk(null, 0);
  return out;
}

/** OCI's path for a nested compartment in a policy ("Data:Team-A"); the tenancy has none. */
export function compartmentPath(id: string, nodes: ReadonlyMap<string, CompartmentNode>): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let current = nodes.get(id);
  while (current && current.compartmentId !== null && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = nodes.get(current.compartmentId);
  }
  return names.join(':') || id;
}
