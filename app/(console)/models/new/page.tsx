import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateModelForm } from '@/components/models/create-model-form';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { pageAccess } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { modelsServiceOf } from '@/server/services/models';
import { modelVersionsServiceOf } from '@/server/services/model-versions';
import { ocidSchema } from '@/server/validation/common';

export const metadata: Metadata = { title: 'Create model' };

const projectParam = ocidSchema('datascienceproject').optional().catch(undefined);

export default async function NewModelPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const initialProjectId = projectParam.parse((await searchParams).projectId);
  const ctx = getAppContext();
  const [groups, namespaces] = await Promise.all([modelsServiceOf(ctx).projectGroups(), ctx.provider.listTagNamespaces()]);
  if (!groups.ok) throw new Error(groups.error.message);
  // Only the compartments where the user may create a model are offered.
  const creatable = await Promise.all(groups.data.map(async (g) => (await pageAccess(g.compartment.id, 'data-science-models')).canCreate));
  const projectGroups = groups.data.filter((_g, i) => creatable[i]).map((g) => ({
    compartment: { id: g.compartment.id, name: g.compartment.name },
    projects: g.projects.map((p) => ({ id: p.id, displayName: p.displayName })),
  }));
  const sets = await modelVersionsServiceOf(ctx).activeSets(projectGroups.map((g) => g.compartment.id));
  const versionSets = sets.map((v) => ({ id: v.id, name: v.name, projectId: v.projectId }));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Create model"
        breadcrumbs={[{ label: 'Models', href: '/models' }, { label: 'Create model' }]}
        description="Upload the model artifact and describe the model. The artifact is checked as soon as it arrives."
      />
      {projectGroups.length === 0 ? (
        <EmptyState
          title="There is no active project yet"
          description="A model belongs to a project. Create a project first."
          action={
            <Link href="/projects" className={buttonClasses({ variant: 'primary' })}>
              Go to projects
            </Link>
          }
        />
      ) : (
        <CreateModelForm
          projectGroups={projectGroups}
          versionSets={versionSets}
          {...(initialProjectId ? { initialProjectId } : {})}
          maxArtifactBytes={ctx.config.maxArtifactBytes}
          namespaces={namespaces.ok ? namespaces.data : []}
        />
      )}
    </div>
  );
}
