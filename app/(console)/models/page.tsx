import type { Metadata } from 'next';
import Link from 'next/link';
import { ListFilters } from '@/components/lists/list-filters';
import { ListPager } from '@/components/lists/list-pager';
import { ProjectFilter } from '@/components/lists/project-filter';
import { ModelsTable } from '@/components/models/models-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { MODEL_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { listInputOf } from '@/server/services/list-view';
import { modelsServiceOf } from '@/server/services/models';
import { hasListFilters, projectListSearchParamsSchema } from '@/server/validation/list-params';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = projectListSearchParamsSchema.parse(await searchParams);
  const { page, compartments, compartmentId, tagNamespaces, projects, projectNames } = await pageData(await modelsServiceOf(getAppContext()).listView(listInputOf(params)));
  const access = await pageAccess(compartmentId, 'data-science-models');
  const compartmentName = compartments.find((c) => c.id === compartmentId)?.name ?? 'this compartment';
  const filtered = hasListFilters(params);
  const projectName = params.projectId ? (projectNames[params.projectId] ?? 'the chosen project') : null;
  const createHref = params.projectId ? `/models/new?projectId=${encodeURIComponent(params.projectId)}` : '/models/new';
  const create = access.canCreate ? (
    <Link href={createHref} className={buttonClasses({ variant: 'primary' })}>
      Create model
    </Link>
  ) : null;

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
      <ListFilters states={MODEL_LIFECYCLE_STATES} namespaces={tagNamespaces}>
        <ProjectFilter projects={projects} />
      </ListFilters>
      <ModelsTable
        models={page.items}
        filtered={filtered}
        compartments={compartments}
        namespaces={tagNamespaces}
        projectNames={projectNames}
        createAction={create}
        access={access}
        {...(projectName ? { emptyTitle: `No models in ${projectName} yet` } : {})}
      />
      <ListPager page={page} />
    </div>
  );
}
