import { models, requests, type DataScienceClient } from 'oci-datascience';
import { isOcid } from '@/server/domain/ocid';
import { CliError, EXIT } from './errors';

// Names to OCIDs, as a person types them: a deployment or model by its display name in the
// compartment, the project when none is given. Not found is exit 3; a name that matches several
// is a usage error that lists them, so a script never acts on a guess.

export type Say = (line: string) => void;

async function allPages<T>(fetchPage: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>): Promise<T[]> {
  const out: T[] = [];
  let page: string | undefined;
  do {
    const r = await fetchPage(page);
    out.push(...r.items);
    page = r.opcNextPage;
  } while (page);
  return out;
}

function one<T extends { id: string; displayName?: string }>(found: T[], what: string, name: string, compartmentId: string): T {
  const [first, ...others] = found;
  if (!first) throw new CliError(`No ${what} named "${name}" in compartment ${compartmentId}.`, EXIT.notFound);
  if (others.length > 0) {
    throw new CliError(`${found.length} ${what}s are named "${name}" in compartment ${compartmentId}; give the OCID of one:`, EXIT.usage, found.map((f) => f.id));
  }
  return first;
}

export async function resolveDeploymentId(client: DataScienceClient, target: string, compartmentId: string): Promise<string> {
  if (isOcid(target, 'datasciencemodeldeployment')) return target;
  const found = await allPages((page) => client.listModelDeployments({ compartmentId, displayName: target, ...(page ? { page } : {}) }));
  return one(found.filter((d) => d.lifecycleState !== models.ModelDeploymentLifecycleState.Deleted), 'model deployment', target, compartmentId).id;
}

export async function resolveModelId(client: DataScienceClient, model: string, compartmentId: string, projectId: string | undefined): Promise<string> {
  if (isOcid(model, 'datasciencemodel')) return model;
  const found = await allPages((page) =>
    client.listModels({ compartmentId, displayName: model, lifecycleState: models.ModelLifecycleState.Active, ...(projectId ? { projectId } : {}), ...(page ? { page } : {}) }),
  );
  return one(found, 'ACTIVE model', model, compartmentId).id;
}

/** The only ACTIVE project of the compartment, or the oldest when there are several (said on stderr). */
export async function resolveProjectId(client: DataScienceClient, compartmentId: string, say: Say): Promise<string> {
  const found = await allPages((page) =>
    client.listProjects({
      compartmentId,
      lifecycleState: models.ProjectLifecycleState.Active,
      sortBy: requests.ListProjectsRequest.SortBy.TimeCreated,
      sortOrder: requests.ListProjectsRequest.SortOrder.Asc,
      ...(page ? { page } : {}),
    }),
  );
  const [first] = found;
  if (!first) throw new CliError(`Compartment ${compartmentId} has no ACTIVE project: pass --project-id, or --compartment-id of one that has a project.`, EXIT.notFound);
  if (found.length > 1) say(`Using project ${first.displayName} (${first.id}), the oldest of ${found.length} in the compartment; --project-id picks another.`);
  return first.id;
}
