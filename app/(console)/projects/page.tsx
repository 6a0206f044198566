import type { Metadata } from 'next';
import { ListFilters } from '@/components/lists/list-filters';
import { ListPager } from '@/components/lists/list-pager';
import { CreateProjectButton } from '@/components/projects/create-project-button';
import { ProjectsTable } from '@/components/projects/projects-table';
import { PageHeader } from '@/components/ui/page-header';
import { PROJECT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { listInputOf } from '@/server/services/list-view';
import { hasListFilters, listSearchParamsSchema } from '@/server/validation/list-params';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = listSearchParamsSchema.parse(await searchParams);
  const { projects } = getAppContext();
  const { page, compartments, compartmentId, tagNamespaces } = await pageData(await projects.listView(listInputOf(params)));
  const access = await pageAccess(compartmentId, 'data-science-projects');
  const create = access.canCreate ? <CreateProjectButton compartments={compartments} compartmentId={compartmentId} namespaces={tagNamespaces} /> : null;
  const compartmentName = compartments.find((c) => c.id === compartmentId)?.name ?? 'this compartment';
  const filtered = hasListFilters(params);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Projects"
        description={`Projects in the ${compartmentName} compartment. A project holds models and their deployments.`}
        actions={create}
      />
      <ListFilters states={PROJECT_LIFECYCLE_STATES} namespaces={tagNamespaces} />
      <ProjectsTable
        projects={page.items}
        filtered={filtered}
        compartments={compartments}
        namespaces={tagNamespaces}
        createAction={create}
        access={access}
      />
      <ListPager page={page} />
    </div>
  );
}
