import type { Metadata } from 'next';
import { CreateDeploymentLink } from '@/components/deployments/create-deployment-link';
import { DeploymentsTable } from '@/components/deployments/deployments-table';
import { firingAlarmCounts } from '@/server/services/alarms/alarms';
import { RefreshWhile } from '@/components/shell/refresh-while';
import { ListFilters } from '@/components/lists/list-filters';
import { ListPager } from '@/components/lists/list-pager';
import { ProjectFilter } from '@/components/lists/project-filter';
import { PageHeader } from '@/components/ui/page-header';
import { isTransitional } from '@/server/domain/md-lifecycle';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { listInputOf } from '@/server/services/list-view';
import { hasListFilters, projectListSearchParamsSchema } from '@/server/validation/list-params';

export const metadata: Metadata = { title: 'Model deployments' };

type SearchParams = Promise<Record<string, string | string[]>>;

export default async function ModelDeploymentsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = projectListSearchParamsSchema.parse(await searchParams);
  const { page, compartments, compartmentId, tagNamespaces, projects } = await pageData(await deploymentsServiceOf(getAppContext()).listView(listInputOf(params)));
  const access = await pageAccess(compartmentId, 'data-science-model-deployments');
  const compartmentName = compartments.find((c) => c.id === compartmentId)?.name ?? 'this compartment';
  const project = params.projectId ? projects.find((p) => p.id === params.projectId) : undefined;
  const filtered = hasListFilters(params);
  const create = access.canCreate ? <CreateDeploymentLink {...(params.projectId ? { projectId: params.projectId } : { compartmentId })} /> : null;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Model deployments"
        description={
          project
            ? `Model deployments of the project ${project.displayName} in the ${compartmentName} compartment.`
            : `Model deployments of every project in the ${compartmentName} compartment. Each serves a model as an HTTP endpoint.`
        }
        actions={create}
      />
      <div className="flex flex-col gap-3">
        <ListFilters states={MODEL_DEPLOYMENT_LIFECYCLE_STATES} namespaces={tagNamespaces}>
          <ProjectFilter projects={projects} />
        </ListFilters>
      </div>
      <RefreshWhile active={page.items.some((d) => isTransitional(d.lifecycleState))} />
      <DeploymentsTable
        deployments={page.items}
        filtered={filtered}
        compartments={compartments}
        namespaces={tagNamespaces}
        showProject={!params.projectId}
        createAction={create}
        scope={project ? 'in this project' : 'in this compartment'}
        access={access}
        firingAlarms={firingAlarmCounts(getAppContext().db, page.items.map((d) => d.id))}
      />
      <ListPager page={page} />
    </div>
  );
}
