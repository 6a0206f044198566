import type { Compartment, CreateProjectDetails, Project, UpdateProjectDetails } from '@/server/domain/oci-types';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import type { TagFilter } from '@/server/domain/tag-filter';
import type { Accepted, DataScienceProvider, Page, TagNamespaceSummary } from '@/server/providers/types';

export interface ProjectListInput {
  compartmentId?: string;
  state?: string;
  q?: string;
  tags?: TagFilter[];
  sort?: 'newest' | 'oldest' | 'name' | 'name-desc';
  page?: string;
  limit?: number;
}

export interface ProjectListView {
  page: Page<Project>;
  compartmentId: string;
  compartments: (Compartment & { depth: number })[];
  tagNamespaces: TagNamespaceSummary[];
}

const SORTS = {
  newest: { sortBy: 'timeCreated', sortOrder: 'DESC' },
  oldest: { sortBy: 'timeCreated', sortOrder: 'ASC' },
  name: { sortBy: 'displayName', sortOrder: 'ASC' },
  'name-desc': { sortBy: 'displayName', sortOrder: 'DESC' },
} as const;

/** Compartments in tree order with their depth below the root, for indented pickers. */
export function withDepth(compartments: Compartment[]): (Compartment & { depth: number })[] {
  const depthOf = new Map<string, number>();
  return compartments.map((c) => {
    const depth = c.compartmentId ? (depthOf.get(c.compartmentId) ?? 0) + 1 : 0;
    depthOf.set(c.id, depth);
    return { ...c, depth };
  });
}

export function createProjectsService(provider: DataScienceProvider, defaultCompartmentId: string) {
  return {
    async listView(input: ProjectListInput): Promise<Result<ProjectListView, DomainError>> {
      const compartmentId = input.compartmentId ?? defaultCompartmentId;
      const [page, compartments, tagNamespaces] = await Promise.all([
        provider.listProjects({
          compartmentId,
          ...(input.state ? { lifecycleState: input.state } : {}),
          ...(input.q ? { nameContains: input.q } : {}),
          ...(input.tags?.length ? { tagFilters: input.tags } : {}),
          ...SORTS[input.sort ?? 'newest'],
          ...(input.page ? { page: input.page } : {}),
          ...(input.limit ? { limit: input.limit } : {}),
        }),
        provider.listCompartments(),
        provider.listTagNamespaces(),
      ]);
      if (!page.ok) return page;
      if (!compartments.ok) return compartments;
      if (!tagNamespaces.ok) return tagNamespaces;
      return ok({ page: page.data, compartmentId, compartments: withDepth(compartments.data), tagNamespaces: tagNamespaces.data });
    },
    get: (id: string) => provider.getProject(id),
    create: (details: CreateProjectDetails) => provider.createProject(details),
    update: (id: string, details: UpdateProjectDetails) => provider.updateProject(id, details),
    remove: (id: string): Promise<Result<Accepted, DomainError>> => provider.deleteProject(id),
    move: (id: string, compartmentId: string) => provider.changeProjectCompartment(id, compartmentId),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
