import type { CompartmentOption } from '@/components/forms/compartment-select';
import Link from 'next/link';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { buttonClasses } from '@/components/ui/button';
import type { Model, Project } from '@/server/domain/oci-types';
import type { Access } from '@/server/domain/access';
import { ModelsTable } from './models-table';

export interface ProjectModelsProps {
  project: Project;
  page: { items: Model[]; nextPage?: string };
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  /** What the user may do with models in the project's compartment. */
  access: Access;
}

/** The Models section of a project's page: its newest models and a way to add one. */
export function ProjectModels({ project, page, compartments, namespaces, access }: ProjectModelsProps) {
  const creatable = project.lifecycleState === 'ACTIVE' && access.canCreate;
  const createHref = `/models/new?projectId=${encodeURIComponent(project.id)}`;
  const create = (
    <Link href={createHref} className={buttonClasses({ variant: 'primary', size: 'sm' })}>
      Create model
    </Link>
  );
  return (
    <section aria-labelledby="project-models" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <h2 id="project-models" className="text-sm font-semibold text-gray-900">
          Models
        </h2>
        <div className="flex items-center gap-3">
          {page.nextPage && (
            <Link href={`/models?compartmentId=${encodeURIComponent(project.compartmentId)}&projectId=${encodeURIComponent(project.id)}`} className="text-sm text-accent-700 hover:underline">
              View all models
            </Link>
          )}
          {creatable && page.items.length > 0 && create}
        </div>
      </div>
      <ModelsTable
        models={page.items}
        filtered={false}
        compartments={compartments}
        namespaces={namespaces}
        createAction={creatable ? create : null}
        access={access}
        emptyTitle="No models in this project yet"
      />
    </section>
  );
}
