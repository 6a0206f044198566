import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CreateFromYamlForm } from '@/components/deployments/yaml/create-from-yaml-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { deploymentEditorOf } from '@/server/services/deployment-editor';
import { pageAccess, pageData } from '@/server/auth/page-access';

export const metadata: Metadata = { title: 'Create model deployment from YAML' };

type Props = { searchParams: Promise<{ projectId?: string | string[]; compartmentId?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CreateFromYamlPage({ searchParams }: Props) {
  const sp = await searchParams;
  const projectId = one(sp.projectId);
  const breadcrumbs = [{ label: 'Model deployments', href: '/model-deployments' }, { label: 'Create from YAML' }];
  if (!projectId) {
    const compartmentId = one(sp.compartmentId) ?? (await getAppContext().defaultCompartment());
    const projects = await getAppContext().provider.listProjects({ compartmentId, lifecycleState: 'ACTIVE', limit: 100, sortBy: 'displayName' });
    const items = projects.ok ? projects.data.items : [];
    return (
      <div className="flex flex-col gap-5">
        <PageHeader title="Create model deployment from YAML" breadcrumbs={breadcrumbs} />
        {items.length === 0 ? (
          <EmptyState title="No projects in this compartment" description="A model deployment belongs to a project. Create a project first." action={<Link href="/projects">Go to projects</Link>} />
        ) : (
          <section aria-labelledby="choose-project" className="flex flex-col gap-2 rounded-lg border border-gray-200 bg-white p-5">
            <h2 id="choose-project" className="text-base font-semibold text-gray-900">
              Choose the project
            </h2>
            <ul className="flex flex-col gap-1">
              {items.map((p) => (
                <li key={p.id}>
                  <Link href={`/model-deployments/new/yaml?projectId=${encodeURIComponent(p.id)}`}>{p.displayName}</Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    );
  }
  if (!isOcid(projectId, 'datascienceproject')) notFound();
  const loaded = await pageData(await deploymentEditorOf(getAppContext()).forCreate(projectId));
  const { project, models } = loaded;
  if (!(await pageAccess(project.compartmentId, 'data-science-model-deployments')).canCreate) notFound();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-5">
      <PageHeader
        title="Create model deployment from YAML"
        description={`In project ${project.displayName}. Check the spec first: every problem is shown with its path and line before anything is created.`}
        breadcrumbs={[{ label: project.displayName, href: `/projects/${project.id}` }, ...breadcrumbs]}
        actions={<Link href={`/model-deployments/new?projectId=${encodeURIComponent(project.id)}`}>Use the wizard instead</Link>}
      />
      <CreateFromYamlForm project={project} models={models.map((m) => ({ id: m.id, displayName: m.displayName }))} />
    </div>
  );
}
