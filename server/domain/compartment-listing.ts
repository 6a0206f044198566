import { allowedCompartments, ancestry, type CompartmentParents, type Grant } from './iam';
import type { Compartment } from './oci-types';
import { domainError, err, ok, type DomainError, type Result } from './result';

// OCI Identity's ListCompartments over a compartment tree, pure: which compartments a caller sees
// (accessLevel), how far down (compartmentIdInSubtree, on the tenancy only, as OCI allows), the
// name and state filters and the sort. Paging is the caller's.

/** The resource types a grant can give access through: any one makes a compartment accessible. */
const INSPECTABLE = ['data-science-projects', 'data-science-models', 'data-science-model-deployments', 'data-science-work-requests', 'berth-operations'] as const;

/**
 * The compartments a caller may see, as OCI's ACCESSIBLE: those where it may inspect something,
 * directly or through a compartment below (so the path down to a granted compartment shows).
 */
export function accessibleCompartments(grants: readonly Grant[], parents: CompartmentParents): Set<string> {
  const out = new Set<string>();
  for (const type of INSPECTABLE) for (const id of allowedCompartments(grants, 'inspect', type, parents)) for (const up of ancestry(id, parents)) out.add(up);
  return out;
}

export interface CompartmentQuery {
  compartmentId: string;
  compartmentIdInSubtree?: boolean;
  accessLevel?: 'ANY' | 'ACCESSIBLE';
  name?: string;
  lifecycleState?: string;
  sortBy?: 'TIMECREATED' | 'NAME';
  sortOrder?: 'ASC' | 'DESC';
}

/** A compartment as OCI's SDK types it: the root names itself as its parent, never null. */
export interface OciCompartment extends Omit<Compartment, 'compartmentId'> {
  compartmentId: string;
  isAccessible?: boolean;
}

export function toOciCompartment(c: Compartment, accessible: boolean | undefined): OciCompartment {
  return { ...c, compartmentId: c.compartmentId ?? c.id, ...(accessible === undefined ? {} : { isAccessible: accessible }) };
}

/**
 * The answer to ListCompartments. `all` is the whole tree (the tenancy included); `tenancyId`
 * is its root. Without accessLevel every compartment is listed, as OCI does, marked with nothing;
 * with it, each carries isAccessible and ACCESSIBLE keeps only those.
 */
export function listCompartmentsOf(all: readonly Compartment[], tenancyId: string, q: CompartmentQuery, accessible: ReadonlySet<string>): Result<OciCompartment[], DomainError> {
  const parent = all.find((c) => c.id === q.compartmentId);
  if (!parent || !accessible.has(parent.id)) return err(domainError('NotAuthorizedOrNotFound', `Compartment ${q.compartmentId} was not found.`));
  if (q.compartmentIdInSubtree && q.compartmentId !== tenancyId) {
    return err(domainError('InvalidParameter', 'compartmentIdInSubtree can only be used on the tenancy (the root compartment).'));
  }
  const parents = new Map(all.map((c) => [c.id, c.compartmentId]));
  const below = (c: Compartment) => (q.compartmentIdInSubtree ? c.id !== q.compartmentId && ancestry(c.id, parents).includes(q.compartmentId) : c.compartmentId === q.compartmentId);
  let items = all.filter(
    (c) => below(c) && (q.accessLevel !== 'ACCESSIBLE' || accessible.has(c.id)) && (q.name === undefined || c.name === q.name) && (q.lifecycleState === undefined || c.lifecycleState === q.lifecycleState),
  );
  if (q.sortBy) {
    // OCI: TIMECREATED newest first, NAME A to Z (case-sensitive), unless sortOrder says otherwise.
    const order = q.sortOrder ?? (q.sortBy === 'TIMECREATED' ? 'DESC' : 'ASC');
    const sign = order === 'ASC' ? 1 : -1;
    const key = (c: Compartment) => (q.sortBy === 'NAME' ? c.name : c.timeCreated);
    items = [...items].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return ok(items.map((c) => toOciCompartment(c, q.accessLevel ? accessible.has(c.id) : undefined)));
}

/** The tenancy first, then depth-first, so a tree renders in order; a compartment whose parent is not listed follows the root. */
export function treeOrder<T extends { id: string; compartmentId: string | null }>(items: readonly T[], rootId: string): T[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(items.map((c) => c.id));
  for (const c of items) {
    const parent = c.id === rootId ? null : c.compartmentId && ids.has(c.compartmentId) ? c.compartmentId : rootId;
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const c of byParent.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}
