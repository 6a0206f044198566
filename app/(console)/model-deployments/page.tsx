import type { Metadata } from 'next';
import { Suspense } from 'react';
import { z } from 'zod';
import { CreateDeploymentLink } from '@/components/deployments/create-deployment-link';
import { DeploymentsTable } from '@/components/deployments/deployments-table';
import { ProjectFilter } from '@/components/deployments/project-filter';
import { RefreshWhile } from '@/components/deployments/refresh-while';
import { ListToolbar } from '@/components/lists/list-toolbar';
import { Pager } from '@/components/lists/pager';
import { stateLabel } from '@/components/state-badge';
import { PageHeader } from '@/components/ui/page-header';
import { isTransitional } from '@/server/domain/md-lifecycle';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { ocidSchema } from '@/server/validation/common';
import { listSearchParamsSchema } from '@/server/validation/list-params';

export const metadata: Metadata = { title: 'Model deployments' };

const SORT_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'name-desc', label: 'Name Z–A' },
];

const searchSchema = listSearchParamsSchema.extend({ projectId: ocidSchema('datascienceproject').optional().catch(undefined) });

type SearchParams = Promise<Record<string, string | string[]>>;

export default async function ModelDeploymentsPage({ searchParams }: { searchParams: SearchParams }) {
  const params: z.output<typeof searchSchema> = searchSchema.parse(await searchParams);
  const view = await deploymentsServiceOf(getAppContext()).listView({
    ...(params.compartmentId ? { compartmentId: params.compartmentId } : {}),
    ...(params.projectId ? { projectId: params.projectId } : {}),
    ...(params.state ? { state: params.state } : {}),
    ...(params.q ? { q: params.q } : {}),
    ...(params.sort ? { sort: params.sort } : {}),
    ...(params.page ? { page: params.page } : {}),
    tags: params.tag,
  });
  if (!view.ok) throw new Error(view.error.message);
  const { page, compartments, compartmentId, tagNamespaces, projects } = view.data;
  const compartmentName = compartments.find((c) => c.id === compartmentId)?.name ?? 'this compartment';
  const project = params.projectId ? projects.find((p) => p.id === params.projectId) : undefined;
  const filtered = Boolean(params.state || params.q || params.tag.length);
  const create = <CreateDeploymentLink {...(params.projectId ? { projectId: params.projectId } : { compartmentId })} />;

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
        <Suspense>
          <ProjectFilter projects={projects} />
          <ListToolbar
            stateOptions={MODEL_DEPLOYMENT_LIFECYCLE_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
            sortOptions={SORT_OPTIONS}
            namespaces={tagNamespaces}
          />
        </Suspense>
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
      />
      <Suspense>
        <Pager
          {...(page.prevPage !== undefined ? { prevPage: page.prevPage } : {})}
          {...(page.nextPage !== undefined ? { nextPage: page.nextPage } : {})}
          shownFrom={page.items.length ? page.offset + 1 : 0}
          shownTo={page.offset + page.items.length}
        />
      </Suspense>
    </div>
  );
}
