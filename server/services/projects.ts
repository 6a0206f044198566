import type { CreateProjectDetails, Project, UpdateProjectDetails } from '@/server/domain/oci-types';
import type { DomainError, Result } from '@/server/domain/result';
import type { Accepted, DataScienceProvider } from '@/server/providers/types';
import { compartmentListView, listParamsOf, type CompartmentListView, type ListInput } from './list-view';

export function createProjectsService(provider: DataScienceProvider, defaultCompartmentId: string) {
  return {
    async listView(input: ListInput): Promise<Result<CompartmentListView<Project>, DomainError>> {
      const compartmentId = input.compartmentId ?? defaultCompartmentId;
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
