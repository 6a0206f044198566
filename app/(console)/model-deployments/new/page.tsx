import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeploymentForm } from '@/components/deployments/wizard/deployment-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { deploymentEditorOf } from '@/server/services/deployment-editor';
import { pageAccess, pageData } from '@/server/auth/page-access';

export const metadata: Metadata = { title: 'Create model deployment' };

type Props = { searchParams: Promise<{ projectId?: string | string[]; modelId?: string | string[]; compartmentId?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Without a project the page first asks for one: a deployment always belongs to a project. */
async function ProjectChooser({ compartmentId }: { compartmentId: string }) {
  const projects = await getAppContext().provider.listProjects({ compartmentId, lifecycleState: 'ACTIVE', limit: 100, sortBy: 'displayName' });
  const items = projects.ok ? projects.data.items : [];
  if (items.length === 0) {
    return (
      <EmptyState
        title="No projects in this compartment"
        description="A model deployment belongs to a project. Create a project and upload a model to it first."
        action={<Link href="/projects">Go to projects</Link>}
      />
    );
  }
  return (
    <section aria-labelledby="choose-project" className="flex flex-col gap-2 rounded-lg border border-gray-200 bg-white p-5">
      <h2 id="choose-project" className="text-base font-semibold text-gray-900">
        Choose the project
      </h2>
      <p className="text-sm text-gray-600">The deployment serves one of the project’s models and belongs to the project.</p>
      <ul className="flex flex-col gap-1">
        {items.map((p) => (
          <li key={p.id}>
            <Link href={`/model-deployments/new?projectId=${encodeURIComponent(p.id)}`}>{p.displayName}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function NewDeploymentPage({ searchParams }: Props) {
  const sp = await searchParams;
  const projectId = one(sp.projectId);
  const breadcrumbs = [{ label: 'Model deployments', href: '/model-deployments' }, { label: 'Create' }];
  if (!projectId) {
    const compartmentId = one(sp.compartmentId) ?? (await getAppContext().defaultCompartment());
    return (
      <div className="flex flex-col gap-5">
        <PageHeader title="Create model deployment" breadcrumbs={breadcrumbs} />
        <ProjectChooser compartmentId={compartmentId} />
      </div>
    );
  }
  if (!isOcid(projectId, 'datascienceproject')) notFound();
  const loaded = await pageData(await deploymentEditorOf(getAppContext()).forCreate(projectId));
  if (!(await pageAccess(loaded.project.compartmentId, 'data-science-model-deployments')).canCreate) notFound();
  const modelId = one(sp.modelId);
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-5">
      <PageHeader
        title="Create model deployment"
        description={`In project ${loaded.project.displayName}. The deployment serves the model over HTTP at its own endpoint.`}
        breadcrumbs={[{ label: loaded.project.displayName, href: `/projects/${projectId}` }, ...breadcrumbs]}
      />
      <DeploymentForm mode="create" data={loaded} {...(modelId ? { initialModelId: modelId } : {})} />
    </div>
  );
}
