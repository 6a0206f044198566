import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActiveFaults } from '@/components/deployments/active-faults';
import { AlarmsPanel } from '@/components/deployments/alarms/alarms-panel';
import { FiringAlarmsBadge } from '@/components/deployments/alarms/firing-alarms-badge';
import { DeploymentActions } from '@/components/deployments/deployment-actions';
import { DeploymentInfo } from '@/components/deployments/deployment-info';
import { FollowControl } from '@/components/deployments/follow-control';
import { followOptionsOf } from '@/server/services/model-versions';
import { DeploymentStatusPanel } from '@/components/deployments/deployment-status-panel';
import { ExportYamlButton } from '@/components/deployments/yaml/export-yaml-button';
import { deploymentToDetails, detailsToYaml } from '@/server/domain/deployment-yaml-export';
import { FaultInjectionPanel } from '@/components/deployments/fault-injection-panel';
import { InvokePanel } from '@/components/deployments/invoke-panel';
import { ScalingPanel } from '@/components/deployments/scaling-panel';
import { IdleGuardPanel } from '@/components/deployments/idle-guard-panel';
import { idleGuardServiceOf } from '@/server/services/idle-guard/for-context';
import { RevisionsPanel } from '@/components/deployments/revisions/revisions-panel';
import { checkOperation } from '@/server/domain/md-lifecycle';
import { listRevisions } from '@/server/services/revisions';
import { CostPanel } from '@/components/deployments/cost-panel';
import { estimateConfiguration } from '@/server/services/costs';
import { RefreshWhile } from '@/components/shell/refresh-while';
import { LogsTab } from '@/components/logs/logs-tab';
import { ResourceHistory } from '@/components/audit/resource-history';
import { MetricsPanel } from '@/components/metrics/metrics-panel';
import { EmptyState } from '@/components/ui/empty-state';
import { LinkTabs } from '@/components/ui/tabs';
import { PageHeader } from '@/components/ui/page-header';
import { WorkRequestsTable } from '@/components/work-requests/work-requests-table';
import { isOcid } from '@/server/domain/ocid';
import { bandwidthMbpsOf } from '@/server/domain/load-balancer';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { instanceCountsOf } from '@/server/domain/scaling-instances';
import { isGpuShape } from '@/server/domain/shapes';
import { isFaultActive } from '@/server/domain/faults';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { createFaultsService } from '@/server/services/faults';
import { scalingTabView, type ScalingTabView } from '@/server/services/scaling';
import { alarmsServiceOf } from '@/server/services/alarms/for-context';
import { HISTORY_LIMIT, resourceHistory } from '@/server/services/audit-log';
import { promotionsServiceOf } from '@/server/services/promotions';
import { PromoteDialog } from '@/components/deployments/promote/promote-dialog';
import { PromotedBanner } from '@/components/deployments/promote/promoted-banner';

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
  { id: 'alarms', label: 'Alarms' },
  { id: 'history', label: 'History' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function instanceChartOf(view: ScalingTabView) {
  return { points: view.instanceCounts, ...(view.summary.kind === 'AUTOSCALING' ? { bounds: { minimum: view.summary.minimum, maximum: view.summary.maximum } } : {}) };
}

/** What the estimate means for this deployment now. */
function costNote(d: ModelDeployment): string {
  const policy = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy;
  const running = d.modelDeploymentSystemData?.currentInstanceCount;
  if (d.lifecycleState === 'INACTIVE') return 'Inactive: OCI bills no instances while it is inactive; this is what it costs once activated.';
  if (policy?.policyType === 'AUTOSCALING') {
    const { minimum, maximum } = instanceCountsOf(policy);
    return `Autoscaling between ${minimum} and ${maximum} instances${running === undefined ? '' : `; ${running} serve${running === 1 ? 's' : ''} now`}.`;
  }
  return 'At OCI list prices for its instances and load balancer.';
}

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
  // A Server Component renders once per request: this is the request's time, not a render's.
  // eslint-disable-next-line react-hooks/purity
  const renderedAt = Date.now();
  const activeFaults = faults?.ok ? faults.data.filter((f) => isFaultActive(f, renderedAt)) : [];
  const endedFaults = faults?.ok ? faults.data.filter((f) => !isFaultActive(f, renderedAt)) : [];
  const compartmentName = compartments.find((c) => c.id === d.compartmentId)?.name ?? d.compartmentId;
  const base = `/model-deployments/${d.id}`;
  const history = tab === 'history' ? await resourceHistory(getAppContext(), 'deployment', d.id) : null;
  const revisions = tab === 'revisions' && capabilities.revisionHistory ? await pageData(await listRevisions(getAppContext(), d.id)) : null;
  const canFollow = access.canUpdate && (d.lifecycleState === 'ACTIVE' || d.lifecycleState === 'INACTIVE');
  const followOptions = canFollow ? await followOptionsOf(getAppContext().provider, d) : [];
  const alarms = await (await alarmsServiceOf(getAppContext())).list(d.id);
  const idleGuard = tab === 'scaling' && capabilities.idleGuard ? await idleGuardServiceOf(getAppContext()).get(d.id) : null;
  // Promotion goes through an OCI profile (the server's key): offered to ops where the context can promote and a profile exists.
  const promotion = capabilities.promoteToOci ? promotionsServiceOf(getAppContext()).promotionOf(d.id) : null;
  const canPromote = capabilities.promoteToOci && access.isOps && d.lifecycleState !== 'DELETED' && (await getAppContext().contexts.options()).some((o) => o.acceptsPromotion);
  const firing = alarms.ok ? alarms.data.alarms.filter((a) => a.isEnabled && a.state === 'FIRING').length : 0;

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
            {canPromote && <PromoteDialog deploymentId={d.id} deploymentName={d.displayName} />}
          </>
        }
      />
      <DeploymentStatusPanel
        state={d.lifecycleState}
        {...(d.lifecycleDetails ? { lifecycleDetails: d.lifecycleDetails } : {})}
        latestWorkRequest={latestWorkRequest}
      />
      {promotion && <PromotedBanner contextId={promotion.contextId} contextLabel={promotion.contextLabel} targetDeploymentId={promotion.targetDeploymentId} />}
      <FiringAlarmsBadge deploymentId={d.id} count={firing} />
      <ActiveFaults deploymentId={d.id} faults={activeFaults} canStop={access.isOps} />
      <DeploymentInfo deployment={d} model={model} project={project} compartmentName={compartmentName} runtime={runtime} canRevealSecrets={access.canRevealSecrets} />
      {canFollow && (followOptions.length > 0 || d.berthFollow) && (
        <section aria-labelledby="md-follow" className="rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="md-follow" className="mb-3 text-sm font-semibold text-gray-900">
            Version label
          </h2>
          <FollowControl deploymentId={d.id} current={d.berthFollow} options={followOptions} />
        </section>
      )}
      <CostPanel outcome={estimateConfiguration(getAppContext().config, d.modelDeploymentConfigurationDetails?.modelConfigurationDetails)} note={costNote(d)} />
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
              bandwidthMbps={bandwidthMbpsOf(d.modelDeploymentConfigurationDetails?.modelConfigurationDetails)}
              sample={sample}
              serving={runtime?.kind === 'container' ? 'container' : 'conda'}
              predictAuth={capabilities.gatewayPredictAuth ? getAppContext().config.predictAuth : 'profile'}
            />
          )}
          {tab === 'metrics' && (
            <MetricsPanel
              deploymentId={d.id}
              lifecycleState={d.lifecycleState}
              timeCreated={d.timeCreated}
              gpuShape={isGpuShape(d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.instanceConfiguration.instanceShapeName ?? '')}
              instanceCounts={instanceChartOf(scalingTabView(getAppContext().db, d))}
            />
          )}
          {tab === 'logs' && <LogsTab deploymentId={d.id} workRequests={workRequests} liveTail={capabilities.containerLogs} />}
          {tab === 'scaling' && (
            <>
              <ScalingPanel
                deploymentId={d.id}
                {...scalingTabView(getAppContext().db, d)}
                decisionsRecorded={capabilities.scalingDecisions}
                guard={
                  idleGuard?.ok ? (
                    <IdleGuardPanel
                      key={`${idleGuard.data.settings.isEnabled}-${idleGuard.data.settings.idleMinutes}-${JSON.stringify(idleGuard.data.settings.schedule)}`}
                      deploymentId={d.id}
                      settings={idleGuard.data.settings}
                      words={idleGuard.data.words}
                      minMinutes={idleGuard.data.minMinutes}
                      lowered={idleGuard.data.lowered}
                      canEdit={access.canUpdate && d.lifecycleState !== 'DELETED'}
                    />
                  ) : !capabilities.idleGuard ? (
                    <p className="text-sm text-gray-600">The idle guard (deactivate after minutes without requests, activate on a schedule) is not offered in this context: its provider has no idle deactivation for the console to drive.</p>
                  ) : null
                }
              />
              <RefreshWhile
                active={
                  (['ACTIVE', 'UPDATING'].includes(d.lifecycleState) && d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy?.policyType === 'AUTOSCALING') ||
                  (idleGuard?.ok === true && idleGuard.data.settings.isEnabled && d.lifecycleState !== 'DELETED')
                }
                intervalMs={5000}
                message="The scaling decisions refresh while the deployment serves."
              />
            </>
          )}
          {tab === 'revisions' && !capabilities.revisionHistory && (
            <EmptyState
              title="Revisions are not recorded in this context"
              description="The console records the configurations it applies itself, with the local provider. A deployment here can also be changed from outside the console (its own console, CLI or SDK), so a history kept by the console would miss changes; the service's audit log lists every change to it."
            />
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
          {tab === 'alarms' && alarms.ok && (
            <AlarmsPanel
              deploymentId={d.id}
              alarms={alarms.data.alarms}
              history={alarms.data.history}
              canEdit={access.canUpdate && d.lifecycleState !== 'DELETED'}
              instanceConfiguration={d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.instanceConfiguration}
              minSeconds={getAppContext().config.autoscalingMinSeconds}
              alarmActions={capabilities.alarmActions}
            />
          )}
          {tab === 'alarms' && !alarms.ok && (
            <p role="alert" className="text-sm text-red-700">
              The alarms could not be read: {alarms.error.message}
            </p>
          )}
          {tab === 'alarms' && alarms.ok && (
            <RefreshWhile
              active={['ACTIVE', 'UPDATING'].includes(d.lifecycleState) && alarms.data.alarms.some((a) => a.isEnabled)}
              intervalMs={5000}
              message="The alarms' state and history refresh while the deployment serves."
            />
          )}
          {history?.ok && <ResourceHistory events={history.data} label="Deployment history" limit={HISTORY_LIMIT} />}
        </div>
      </div>
    </div>
  );
}
