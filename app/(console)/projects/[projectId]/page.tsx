import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { FormattedTime } from '@/components/formatted-time';
import { OcidText } from '@/components/ocid/ocid-text';
import { ProjectActions } from '@/components/projects/project-actions';
import { StateBadge } from '@/components/state-badge';
import { TagList } from '@/components/tags/tag-list';
import { KeyValue } from '@/components/ui/key-value';
import { PageHeader } from '@/components/ui/page-header';
import { WorkRequestsTable } from '@/components/work-requests/work-requests-table';
import { isOcid } from '@/server/domain/ocid';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { withDepth } from '@/server/services/list-view';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { ProjectDeployments } from '@/components/deployments/project-deployments';
import { firingAlarmCounts } from '@/server/services/alarms/alarms';
import { ProjectModels } from '@/components/models/project-models';
import { modelsServiceOf } from '@/server/services/models';

type Props = { params: Promise<{ projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { projectId } = await params;
  const r = isOcid(projectId) ? await getAppContext().provider.getProject(projectId) : null;
  return { title: r?.ok ? r.data.displayName : 'Project' };
}

export default async function ProjectPage({ params }: Props) {
  const { projectId } = await params;
  if (!isOcid(projectId, 'datascienceproject')) notFound();
  const { provider } = getAppContext();
  const [project, compartments, namespaces] = await Promise.all([
    provider.getProject(projectId),
    provider.listCompartments(),
    provider.listTagNamespaces(),
  ]);
  const p = await pageData(project);
  const tree = compartments.ok ? withDepth(compartments.data) : [];
  const [workRequests, deployments, models, access, modelAccess, deploymentAccess] = await Promise.all([
    getAppContext().projects.workRequestsOf(p),
    deploymentsServiceOf(getAppContext()).listView({ compartmentId: p.compartmentId, projectId: p.id, limit: 20 }),
    modelsServiceOf(getAppContext()).listForProject(p),
    pageAccess(p.compartmentId, 'data-science-projects'),
    pageAccess(p.compartmentId, 'data-science-models'),
    pageAccess(p.compartmentId, 'data-science-model-deployments'),
  ]);

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={p.displayName}
        breadcrumbs={[{ label: 'Projects', href: `/projects?compartmentId=${encodeURIComponent(p.compartmentId)}` }, { label: p.displayName }]}
        actions={<ProjectActions project={p} compartments={tree} namespaces={namespaces.ok ? namespaces.data : []} variant="buttons" access={access} />}
      />
      <section aria-labelledby="project-info" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="project-info" className="mb-3 text-sm font-semibold text-gray-900">
          Project information
        </h2>
        <KeyValue
          columns={2}
          items={[
            { label: 'State', value: <StateBadge state={p.lifecycleState} /> },
            { label: 'OCID', value: <OcidText ocid={p.id} /> },
            { label: 'Description', value: p.description || null },
            { label: 'Compartment', value: tree.find((c) => c.id === p.compartmentId)?.name ?? p.compartmentId },
            { label: 'Created', value: <FormattedTime iso={p.timeCreated} /> },
            { label: 'Created by', value: <OcidText ocid={p.createdBy} label="Copy creator OCID" /> },
            { label: 'Tags', value: <TagList freeformTags={p.freeformTags ?? {}} definedTags={p.definedTags ?? {}} /> },
          ]}
        />
      </section>
      {models.ok && <ProjectModels project={p} page={models.data} compartments={tree} namespaces={namespaces.ok ? namespaces.data : []} access={modelAccess} />}
      {deployments.ok && <ProjectDeployments project={p} view={deployments.data} access={deploymentAccess} firingAlarms={firingAlarmCounts(getAppContext().db, deployments.data.page.items.map((d) => d.id))} />}
      <section aria-labelledby="project-work-requests" className="flex flex-col gap-2">
        <h2 id="project-work-requests" className="text-sm font-semibold text-gray-900">
          Work requests
        </h2>
        <WorkRequestsTable
          workRequests={workRequests}
          emptyDescription="Work on this project, its models and its model deployments (creating, updating, deactivating, deleting) appears here."
        />
      </section>
    </div>
  );
}
