import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActiveFaults } from '@/components/deployments/active-faults';
import { DeploymentActions } from '@/components/deployments/deployment-actions';
import { DeploymentInfo } from '@/components/deployments/deployment-info';
import { DeploymentStatusPanel } from '@/components/deployments/deployment-status-panel';
import { ExportYamlButton } from '@/components/deployments/yaml/export-yaml-button';
import { deploymentToDetails, detailsToYaml } from '@/server/domain/deployment-yaml-export';
import { FaultInjectionPanel } from '@/components/deployments/fault-injection-panel';
import { InvokePanel } from '@/components/deployments/invoke-panel';
import { ScalingPanel } from '@/components/deployments/scaling-panel';
import { RevisionsPanel } from '@/components/deployments/revisions/revisions-panel';
import { checkOperation } from '@/server/domain/md-lifecycle';
import { listRevisions } from '@/server/services/revisions';
import { RefreshWhile } from '@/components/shell/refresh-while';
import { LogsTab } from '@/components/logs/logs-tab';
import { ResourceHistory } from '@/components/audit/resource-history';
import { MetricsPanel } from '@/components/metrics/metrics-panel';
import { LinkTabs } from '@/components/ui/tabs';
import { PageHeader } from '@/components/ui/page-header';
import { WorkRequestsTable } from '@/components/work-requests/work-requests-table';
import { isOcid } from '@/server/domain/ocid';
import { isGpuShape } from '@/server/domain/shapes';
import { isFaultActive } from '@/server/domain/faults';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { createFaultsService } from '@/server/services/faults';
import { scalingTabView } from '@/server/services/scaling';
import { HISTORY_LIMIT, resourceHistory } from '@/server/services/audit-log';

type Props = {
  params: Promise<{ deploymentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const TABS = [
  { id: 'work-requests', label: 'Work requests' },
  { id: 'invoke', label: 'Invoke' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'logs', label: 'Logs' },
  { id: 'scaling', label: 'Scaling' },
  { id: 'revisions', label: 'Revisions' },
  { id: 'history', label: 'History' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { deploymentId } = await params;
  const r = isOcid(deploymentId, 'datasciencemodeldeployment') ? await getAppContext().provider.getModelDeployment(deploymentId) : null;
  return { title: r?.ok ? r.data.displayName : 'Model deployment' };
}

export default async function ModelDeploymentPage({ params, searchParams }: Props) {
  const { deploymentId } = await params;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment')) notFound();
  const requested = (await searchParams).tab;
  const { deployment: d, model, project, compartments, tagNamespaces, runtime, workRequests, latestWorkRequest, sample } = await pageData(await deploymentsServiceOf(getAppContext()).detailsView(deploymentId));
  const access = await pageAccess(d.compartmentId, 'data-science-model-deployments');
  // Predict is use on the deployment: without it the Invoke tab is not offered.
  const { capabilities } = await getAppContext().session();
  // The Logs tab reads the instances' own output, or OCI Logging: shown where the context has either.
  const tabs = TABS.filter((t) => (t.id !== 'invoke' || access.canUpdate) && (t.id !== 'logs' || capabilities.containerLogs || capabilities.ociLogging));
  const tab: TabId = tabs.find((t) => t.id === requested)?.id ?? 'work-requests';
  const faultsService = createFaultsService((await getAppContext().session()).provider);
  const faults = faultsService.supported ? await faultsService.list(d.id) : null;
  const renderedAt = Date.now();
  const activeFaults = faults?.ok ? faults.data.filter((f) => isFaultActive(f, renderedAt)) : [];
  const endedFaults = faults?.ok ? faults.data.filter((f) => !isFaultActive(f, renderedAt)) : [];
  const compartmentName = compartments.find((c) => c.id === d.compartmentId)?.name ?? d.compartmentId;
  const base = `/model-deployments/${d.id}`;
  const history = tab === 'history' ? await resourceHistory(getAppContext(), 'deployment', d.id) : null;
  const revisions = tab === 'revisions' ? await pageData(await listRevisions(getAppContext(), d.id)) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={d.displayName}
        breadcrumbs={[
          { label: 'Model deployments', href: `/model-deployments?compartmentId=${encodeURIComponent(d.compartmentId)}` },
          { label: d.displayName },
        ]}
        actions={
          <>
            <ExportYamlButton yaml={detailsToYaml(deploymentToDetails(d))} fileName={`${d.displayName.replace(/[^\w.-]+/g, '-')}.yaml`} />
            <DeploymentActions deployment={d} compartments={compartments} namespaces={tagNamespaces} variant="buttons" access={access} />
          </>
        }
      />
      <DeploymentStatusPanel
        state={d.lifecycleState}
        {...(d.lifecycleDetails ? { lifecycleDetails: d.lifecycleDetails } : {})}
        latestWorkRequest={latestWorkRequest}
      />
      <ActiveFaults deploymentId={d.id} faults={activeFaults} canStop={access.isOps} />
      <DeploymentInfo deployment={d} model={model} project={project} compartmentName={compartmentName} runtime={runtime} canRevealSecrets={access.canRevealSecrets} />
      {faults?.ok && access.isOps && d.lifecycleState !== 'DELETED' && <FaultInjectionPanel deploymentId={d.id} ended={endedFaults} />}
      <div className="flex flex-col">
        <LinkTabs label="Model deployment sections" tabs={tabs.map((t) => ({ href: `${base}?tab=${t.id}`, label: t.label, active: t.id === tab }))} />
        <div className="pt-4">
          {tab === 'work-requests' && <WorkRequestsTable workRequests={workRequests} />}
          {tab === 'invoke' && (
            <InvokePanel
              deploymentId={d.id}
              endpoint={`${d.modelDeploymentUrl}/predict`}
              state={d.lifecycleState}
              bandwidthMbps={d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.bandwidthMbps ?? 10}
              sample={sample}
              serving={runtime?.kind === 'container' ? 'container' : 'conda'}
              predictAuth={getAppContext().config.predictAuth}
            />
          )}
          {tab === 'metrics' && (
            <MetricsPanel
              deploymentId={d.id}
              lifecycleState={d.lifecycleState}
              timeCreated={d.timeCreated}
              gpuShape={isGpuShape(d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.instanceConfiguration.instanceShapeName ?? '')}
            />
          )}
          {tab === 'logs' && <LogsTab deploymentId={d.id} workRequests={workRequests} />}
          {tab === 'scaling' && (
            <>
              <ScalingPanel deploymentId={d.id} {...scalingTabView(getAppContext().db, d)} />
              <RefreshWhile
                active={['ACTIVE', 'UPDATING'].includes(d.lifecycleState) && d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy?.policyType === 'AUTOSCALING'}
                intervalMs={5000}
                message="The scaling decisions refresh while the deployment serves."
              />
            </>
          )}
          {revisions && (
            <RevisionsPanel
              deploymentId={d.id}
              deploymentName={d.displayName}
              revisions={revisions}
              canRollBack={access.canUpdate && checkOperation('UPDATE', d.lifecycleState).ok}
              modelNames={model ? { [model.id]: model.displayName } : {}}
            />
          )}
          {history?.ok && <ResourceHistory events={history.data} label="Deployment history" limit={HISTORY_LIMIT} />}
        </div>
      </div>
    </div>
  );
}
