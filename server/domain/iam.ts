// Access as OCI IAM policies read: "Allow group <g> to <verb> <resource-type> in compartment <c>".
// A grant in a compartment holds in every compartment below it; the verbs nest
// (inspect < read < use < manage); a family covers its members. Pure: callers bring the grants of
// the principal's groups and the compartment tree.

export const IAM_VERBS = ['inspect', 'read', 'use', 'manage'] as const;
export type IamVerb = (typeof IAM_VERBS)[number];

export const DATA_SCIENCE_RESOURCE_TYPES = [
  'data-science-projects',
  'data-science-models',
  'data-science-model-deployments',
  'data-science-work-requests',
] as const;
export type DataScienceResourceType = (typeof DATA_SCIENCE_RESOURCE_TYPES)[number];

/**
 * What a grant may name. `berth-operations` is the console's own: the operations page, image
 * builds, fault injection, users, groups, grants, compartments and the audit log (OCI splits
 * these over IAM and its services; here one type keeps the card's ops role one grant).
 */
export const IAM_RESOURCE_TYPES = ['all-resources', 'data-science-family', ...DATA_SCIENCE_RESOURCE_TYPES, 'berth-operations'] as const;
export type IamResourceType = (typeof IAM_RESOURCE_TYPES)[number];

/** The types a check is made for (a family is only ever granted). */
export type CheckedResourceType = DataScienceResourceType | 'berth-operations';

export interface Grant {
  verb: IamVerb;
  resourceType: IamResourceType;
  compartmentId: string;
}

/** Child compartment id -> parent id (null for the tenancy, the root). */
export type CompartmentParents = ReadonlyMap<string, string | null>;

const rank = (verb: IamVerb): number => IAM_VERBS.indexOf(verb);

export function grantCovers(grantType: IamResourceType, type: CheckedResourceType): boolean {
  if (grantType === 'all-resources' || grantType === type) return true;
  return grantType === 'data-science-family' && type !== 'berth-operations';
}

/** The compartment and every compartment above it, nearest first; stops at a cycle or unknown id. */
export function ancestry(compartmentId: string, parents: CompartmentParents): string[] {
  const chain: string[] = [];
  let current: string | null | undefined = compartmentId;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = parents.get(current);
  }
  return chain;
}

/** Whether the grants allow `verb` on `type` in the compartment (or by inheritance from above it). */
export function isAllowed(grants: readonly Grant[], verb: IamVerb, type: CheckedResourceType, compartmentId: string, parents: CompartmentParents): boolean {
  if (!parents.has(compartmentId)) return false;
  const chain = new Set(ancestry(compartmentId, parents));
  return grants.some((g) => rank(g.verb) >= rank(verb) && grantCovers(g.resourceType, type) && chain.has(g.compartmentId));
}

/** The compartments (of those known) in which `verb` on `type` is allowed. */
export function allowedCompartments(grants: readonly Grant[], verb: IamVerb, type: CheckedResourceType, parents: CompartmentParents): Set<string> {
  const out = new Set<string>();
  for (const id of parents.keys()) if (isAllowed(grants, verb, type, id, parents)) out.add(id);
  return out;
}

/** A grant as OCI's policy language writes it, for the operations page and the audit log. */
export function policyStatement(groupName: string, grant: Grant, compartmentName: (id: string) => string, tenancyId: string): string {
  const where = grant.compartmentId === tenancyId ? 'tenancy' : `compartment ${compartmentName(grant.compartmentId)}`;
  return `Allow group ${groupName} to ${grant.verb} ${grant.resourceType} in ${where}`;
}

/**
 * The verb each operation needs, after OCI Data Science's permission tables: list is inspect, get
 * is read, update and predict are use, create/delete/move and the lifecycle actions are manage.
 */
export const OPERATION_VERBS = {
  list: 'inspect',
  get: 'read',
  update: 'use',
  predict: 'use',
  create: 'manage',
  delete: 'manage',
  move: 'manage',
  activate: 'manage',
  deactivate: 'manage',
  cancel: 'manage',
} as const satisfies Record<string, IamVerb>;

/** The built-in groups of the design card's users, and what each is granted in the tenancy. */
export const BUILT_IN_GROUPS = [
  { name: 'Administrators', description: 'Everything, including users, groups and grants.', grants: [{ verb: 'manage', resourceType: 'all-resources' }] },
  { name: 'Ops', description: 'Operations: every deployment, the operations page, image builds and fault injection.', grants: [{ verb: 'manage', resourceType: 'all-resources' }] },
  { name: 'DataScientists', description: 'Projects, models and deployments in the compartments granted (the default compartment to start).', grants: [] },
  { name: 'Viewers', description: 'Read everything of Data Science, change nothing.', grants: [{ verb: 'read', resourceType: 'data-science-family' }] },
] as const satisfies readonly { name: string; description: string; grants: readonly Omit<Grant, 'compartmentId'>[] }[];
