import type { CreateProjectDetails, Project, UpdateProjectDetails, WorkRequest } from '@/server/domain/oci-types';
import type { DomainError, Result } from '@/server/domain/result';
import type { Accepted, DataScienceProvider } from '@/server/providers/types';
import { compartmentListView, defaultCompartmentOf, listParamsOf, type CompartmentListView, type DefaultCompartment, type ListInput } from './list-view';

/** A work request on a project's page, with the resource it was about. */
export interface ProjectWorkRequest extends WorkRequest {
  resource: { id: string; displayName: string; kind: 'project' | 'model' | 'model deployment'; href: string };
}

const PROJECT_RESOURCES_SCANNED = 100;

export function createProjectsService(provider: DataScienceProvider, defaultCompartmentId: DefaultCompartment) {
  /**
   * The work requests of the project and of its models and deployments, newest first: the work
   * done in a project is mostly its deployments' (create, update, deactivate), not the project's own.
   */
  async function workRequestsOf(project: Pick<Project, 'id' | 'compartmentId' | 'displayName'>, limit = 20): Promise<ProjectWorkRequest[]> {
    const scope = { compartmentId: project.compartmentId, projectId: project.id, limit: PROJECT_RESOURCES_SCANNED };
    const [deployments, models] = await Promise.all([provider.listModelDeployments(scope), provider.listModels(scope)]);
    const resources: ProjectWorkRequest['resource'][] = [
      { id: project.id, displayName: project.displayName, kind: 'project', href: `/projects/${project.id}` },
      ...(deployments.ok ? deployments.data.items : []).map((d) => ({ id: d.id, displayName: d.displayName, kind: 'model deployment' as const, href: `/model-deployments/${d.id}` })),
      ...(models.ok ? models.data.items : []).map((m) => ({ id: m.id, displayName: m.displayName, kind: 'model' as const, href: `/models/${m.id}` })),
    ];
    const compartmentOf = new Map<string, string>([
      ...(deployments.ok ? deployments.data.items : []).map((d) => [d.id, d.compartmentId] as const),
      ...(models.ok ? models.data.items : []).map((m) => [m.id, m.compartmentId] as const),
    ]);
    // A work request stays in the compartment its resource had when it ran.
    const queries = resources.flatMap((resource) =>
      [...new Set([project.compartmentId, compartmentOf.get(resource.id) ?? project.compartmentId])].map((compartmentId) => ({ resource, compartmentId })),
    );
    const pages = await Promise.all(
      queries.map(async ({ resource, compartmentId }) => {
        const r = await provider.listWorkRequests({ compartmentId, resourceId: resource.id, limit });
        return r.ok ? r.data.items.map((w) => ({ ...w, resource })) : [];
      }),
    );
    const seen = new Set<string>();
    return pages
      .flat()
      .sort((a, b) => b.timeAccepted.localeCompare(a.timeAccepted))
      .filter((w) => !seen.has(w.id) && seen.add(w.id))
      .slice(0, limit);
  }

  return {
    workRequestsOf,
    async listView(input: ListInput): Promise<Result<CompartmentListView<Project>, DomainError>> {
      const compartmentId = input.compartmentId ?? (await defaultCompartmentOf(defaultCompartmentId));
      return compartmentListView(provider, compartmentId, provider.listProjects(listParamsOf(input, compartmentId)));
    },
    get: (id: string) => provider.getProject(id),
    create: (details: CreateProjectDetails) => provider.createProject(details),
    update: (id: string, details: UpdateProjectDetails) => provider.updateProject(id, details),
    remove: (id: string): Promise<Result<Accepted, DomainError>> => provider.deleteProject(id),
    move: (id: string, compartmentId: string) => provider.changeProjectCompartment(id, compartmentId),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
