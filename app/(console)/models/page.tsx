import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ListToolbar } from '@/components/lists/list-toolbar';
import { Pager } from '@/components/lists/pager';
import { ModelsTable } from '@/components/models/models-table';
import { ProjectFilter } from '@/components/models/project-filter';
import { stateLabel } from '@/components/state-badge';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { MODEL_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { getAppContext } from '@/server/services/context';
import { modelsServiceOf } from '@/server/services/models';
import { ocidSchema } from '@/server/validation/common';
import { listSearchParamsSchema } from '@/server/validation/list-params';

export const metadata: Metadata = { title: 'Models' };

const SORT_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'name-desc', label: 'Name Z–A' },
];

const searchSchema = listSearchParamsSchema.extend({ projectId: ocidSchema('datascienceproject').optional().catch(undefined) });

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = searchSchema.parse(await searchParams);
  const view = await modelsServiceOf(getAppContext()).listView({
    ...(params.compartmentId ? { compartmentId: params.compartmentId } : {}),
    ...(params.projectId ? { projectId: params.projectId } : {}),
    ...(params.state ? { state: params.state } : {}),
    ...(params.q ? { q: params.q } : {}),
    ...(params.sort ? { sort: params.sort } : {}),
    ...(params.page ? { page: params.page } : {}),
    tags: params.tag,
  });
  if (!view.ok) throw new Error(view.error.message);
  const { page, compartments, compartmentId, tagNamespaces, projects, projectNames } = view.data;
  const compartmentName = compartments.find((c) => c.id === compartmentId)?.name ?? 'this compartment';
  const filtered = Boolean(params.state || params.q || params.tag.length);
  const projectName = params.projectId ? (projectNames[params.projectId] ?? 'the chosen project') : null;
  const createHref = params.projectId ? `/models/new?projectId=${encodeURIComponent(params.projectId)}` : '/models/new';
  const create = (
    <Link href={createHref} className={buttonClasses({ variant: 'primary' })}>
      Create model
    </Link>
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Models"
        description={
          projectName
            ? `Models of the project ${projectName} in the ${compartmentName} compartment.`
            : `Models in the ${compartmentName} compartment, across its projects. An inactive model cannot be deployed.`
        }
        actions={create}
      />
      <Suspense>
        <ProjectFilter projects={projects} />
        <ListToolbar
          stateOptions={MODEL_LIFECYCLE_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
          sortOptions={SORT_OPTIONS}
          namespaces={tagNamespaces}
        />
      </Suspense>
      <ModelsTable
        models={page.items}
        filtered={filtered}
        compartments={compartments}
        namespaces={tagNamespaces}
        projectNames={projectNames}
        createAction={create}
        {...(projectName ? { emptyTitle: `No models in ${projectName} yet` } : {})}
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
