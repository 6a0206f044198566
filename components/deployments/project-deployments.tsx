import type { CompartmentOption } from '@/components/forms/compartment-select';
import Link from 'next/link';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { isTransitional } from '@/server/domain/md-lifecycle';
import { CreateDeploymentLink } from './create-deployment-link';
import type { Access } from '@/server/domain/access';
import type { DeploymentRow } from './deployment-row';
import { DeploymentsTable } from './deployments-table';
import { RefreshWhile } from '@/components/shell/refresh-while';

export interface ProjectDeploymentsProps {
  project: { id: string; compartmentId: string; lifecycleState: string };
  view: {
    page: { items: DeploymentRow[]; nextPage?: string };
    compartments: readonly CompartmentOption[];
    tagNamespaces: readonly TagNamespaceOption[];
  };
  /** What the user may do with deployments in the project's compartment. */
  access: Access;
  /** Enabled alarms firing, by deployment OCID. */
  firingAlarms?: Readonly<Record<string, number>>;
}

/** The "Model deployments" resource list of a project page: its first page, with a link to all. */
export function ProjectDeployments({ project, view, access, firingAlarms }: ProjectDeploymentsProps) {
  const listHref = `/model-deployments?compartmentId=${encodeURIComponent(project.compartmentId)}&projectId=${encodeURIComponent(project.id)}`;
  const items = view.page.items;
  const create = project.lifecycleState === 'ACTIVE' && access.canCreate ? <CreateDeploymentLink projectId={project.id} size="sm" /> : null;
  return (
    <section aria-labelledby="project-deployments" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="project-deployments" className="text-sm font-semibold text-gray-900">
          Model deployments
        </h2>
        <div className="flex items-center gap-3">
          {items.length > 0 && (
            <Link href={listHref} className="text-sm text-accent-700 hover:underline">
              {view.page.nextPage ? 'View all, with filters' : 'Filter and sort'}
            </Link>
          )}
          {create}
        </div>
      </div>
      <RefreshWhile active={items.some((d) => isTransitional(d.lifecycleState))} />
      <DeploymentsTable
        deployments={items}
        filtered={false}
        compartments={view.compartments}
        namespaces={view.tagNamespaces}
        showProject={false}
        createAction={create}
        scope="in this project"
        access={access}
        {...(firingAlarms ? { firingAlarms } : {})}
      />
    </section>
  );
}
