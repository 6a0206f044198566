import type { Compartment } from '@/server/domain/oci-types';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import type { TagFilter } from '@/server/domain/tag-filter';
import type { DataScienceProvider, ListParams, Page, TagNamespaceSummary } from '@/server/providers/types';
import type { ListSearchParams } from '@/server/validation/list-params';

export type ListSort = 'newest' | 'oldest' | 'name' | 'name-desc';

/** A list page's filters, as the console's list views take them. */
export interface ListInput {
  compartmentId?: string;
  state?: string;
  q?: string;
  tags?: TagFilter[];
  sort?: ListSort;
  page?: string;
  limit?: number;
}

export type CompartmentWithDepth = Compartment & { depth: number };

/** One page of a compartment's resources, with what the page's pickers and tag filter need. */
export interface CompartmentListView<T> {
  page: Page<T>;
  compartmentId: string;
  compartments: CompartmentWithDepth[];
  tagNamespaces: TagNamespaceSummary[];
}

const SORTS = {
  newest: { sortBy: 'timeCreated', sortOrder: 'DESC' },
  oldest: { sortBy: 'timeCreated', sortOrder: 'ASC' },
  name: { sortBy: 'displayName', sortOrder: 'ASC' },
  'name-desc': { sortBy: 'displayName', sortOrder: 'DESC' },
} as const;

/** Compartments in tree order with their depth below the root, for indented pickers. */
export function withDepth(compartments: Compartment[]): CompartmentWithDepth[] {
  const depthOf = new Map<string, number>();
  return compartments.map((c) => {
    const depth = c.compartmentId ? (depthOf.get(c.compartmentId) ?? 0) + 1 : 0;
    depthOf.set(c.id, depth);
    return { ...c, depth };
  });
}

/** The parsed URL of a list page as a list view's input; `projectId` passes through when present. */
export function listInputOf<P extends ListSearchParams & { projectId?: string | undefined }>(params: P): ListInput & { projectId?: string } {
  return {
    ...(params.compartmentId ? { compartmentId: params.compartmentId } : {}),
    ...(params.projectId ? { projectId: params.projectId } : {}),
    ...(params.state ? { state: params.state } : {}),
    ...(params.q ? { q: params.q } : {}),
    ...(params.sort ? { sort: params.sort } : {}),
    ...(params.page ? { page: params.page } : {}),
    tags: params.tag,
  };
}

/** The provider's list parameters for a list view's filters. */
export function listParamsOf(input: ListInput & { projectId?: string }, compartmentId: string): ListParams & { projectId?: string } {
  return {
    compartmentId,
    ...(input.projectId ? { projectId: input.projectId } : {}),
    ...(input.state ? { lifecycleState: input.state } : {}),
    ...(input.q ? { nameContains: input.q } : {}),
    ...(input.tags?.length ? { tagFilters: input.tags } : {}),
    ...SORTS[input.sort ?? 'newest'],
    ...(input.page ? { page: input.page } : {}),
    ...(input.limit ? { limit: input.limit } : {}),
  };
}

/** Loads a page of resources alongside the compartment tree and tag namespaces, failing on the first error. */
export async function compartmentListView<T>(
  provider: DataScienceProvider,
  compartmentId: string,
  listPage: Promise<Result<Page<T>, DomainError>>,
): Promise<Result<CompartmentListView<T>, DomainError>> {
  const [page, compartments, tagNamespaces] = await Promise.all([listPage, provider.listCompartments(), provider.listTagNamespaces()]);
  if (!page.ok) return page;
  if (!compartments.ok) return compartments;
  if (!tagNamespaces.ok) return tagNamespaces;
  return ok({ page: page.data, compartmentId, compartments: withDepth(compartments.data), tagNamespaces: tagNamespaces.data });
}

/** A fixed default compartment, or the one of the request's context (Local or an OCI profile). */
export type DefaultCompartment = string | (() => Promise<string>);

export const defaultCompartmentOf = async (d: DefaultCompartment): Promise<string> => (typeof d === 'string' ? d : d());
