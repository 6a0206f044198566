import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ListToolbar } from '@/components/lists/list-toolbar';
import { Pager } from '@/components/lists/pager';
import { CreateProjectButton } from '@/components/projects/create-project-button';
import { ProjectsTable } from '@/components/projects/projects-table';
import { PageHeader } from '@/components/ui/page-header';
import { stateLabel } from '@/components/state-badge';
import { PROJECT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { getAppContext } from '@/server/services/context';
import { listSearchParamsSchema } from '@/server/validation/list-params';

export const metadata: Metadata = { title: 'Projects' };

const SORT_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'name-desc', label: 'Name Z–A' },
];

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = listSearchParamsSchema.parse(await searchParams);
  const { projects } = getAppContext();
  const view = await projects.listView({
    ...(params.compartmentId ? { compartmentId: params.compartmentId } : {}),
    ...(params.state ? { state: params.state } : {}),
    ...(params.q ? { q: params.q } : {}),
    ...(params.sort ? { sort: params.sort } : {}),
    ...(params.page ? { page: params.page } : {}),
    tags: params.tag,
  });
  if (!view.ok) throw new Error(view.error.message);
  const { page, compartments, compartmentId, tagNamespaces } = view.data;
  const compartmentName = compartments.find((c) => c.id === compartmentId)?.name ?? 'this compartment';
  const filtered = Boolean(params.state || params.q || params.tag.length);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Projects"
        description={`Projects in the ${compartmentName} compartment. A project holds models and their deployments.`}
        actions={<CreateProjectButton compartments={compartments} compartmentId={compartmentId} namespaces={tagNamespaces} />}
      />
      <Suspense>
        <ListToolbar
          stateOptions={PROJECT_LIFECYCLE_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
          sortOptions={SORT_OPTIONS}
          namespaces={tagNamespaces}
        />
      </Suspense>
      <ProjectsTable
        projects={page.items}
        filtered={filtered}
        compartments={compartments}
        namespaces={tagNamespaces}
        createAction={<CreateProjectButton compartments={compartments} compartmentId={compartmentId} namespaces={tagNamespaces} />}
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
