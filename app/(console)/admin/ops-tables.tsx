import Link from 'next/link';
import { RelativeTime } from '@/components/relative-time';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { operationLabel } from '@/components/work-requests/operation-label';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { OpsDashboard } from '@/server/services/ops-dashboard';
import { formatBytes } from '@/server/domain/bytes';
import { OpsPager } from './ops-pager';
import { RebuildImageButton } from './rebuild-image-button';

const Failure = ({ text }: { text: string }) => (
  <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
    {text} Check that the Docker engine is running, then reload.
  </p>
);

export function DeploymentsTable({ data }: { data: OpsDashboard }) {
  if (data.deployments.total === 0) return <EmptyState title="No model deployments" description="Deployments from every project appear here once created." />;
  return (
    <div className="flex flex-col gap-2">
      <Table label="Deployments">
        <THead>
          <TR>
            <TH>Name</TH>
            <TH>Project</TH>
            <TH>State</TH>
            <TH>Healthy instances</TH>
            <TH>Requests/s (5 min)</TH>
            <TH>Error rate (5 min)</TH>
          </TR>
        </THead>
        <TBody>
          {data.deployments.rows.map((d) => (
            <TR key={d.id}>
              <TD>
                <Link className="font-medium text-accent-700 hover:underline" href={`/model-deployments/${d.id}`}>
                  {d.displayName}
                </Link>
              </TD>
              <TD>{d.projectName}</TD>
              <TD>
                <StateBadge state={d.lifecycleState} />
              </TD>
              <TD>{d.totalInstances === null ? '—' : `${d.healthyInstances ?? 0}/${d.totalInstances}`}</TD>
              <TD>{d.requestsPerSecond === null ? '—' : (Math.round(d.requestsPerSecond * 100) / 100).toString()}</TD>
              <TD>{d.errorRate === null ? '—' : `${Math.round(d.errorRate * 1000) / 10}%`}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <OpsPager page={data.deployments} />
      {!data.gatewayReachable && <p className="text-xs text-gray-500">The gateway did not answer, so instance health shows &quot;—&quot;.</p>}
      {!data.metricsAvailable && (
        <p className="text-xs text-gray-500">No metrics have been recorded on this installation yet, so traffic shows &quot;—&quot;; it fills in as deployments are invoked.</p>
      )}
    </div>
  );
}

// Docker's container states, as a person reads them.
const CONTAINER_STATE: Record<string, { label: string; tone: BadgeTone }> = {
  created: { label: 'Created', tone: 'neutral' },
  running: { label: 'Running', tone: 'success' },
  restarting: { label: 'Restarting', tone: 'warning' },
  paused: { label: 'Paused', tone: 'warning' },
  removing: { label: 'Removing', tone: 'neutral' },
  exited: { label: 'Exited', tone: 'danger' },
  dead: { label: 'Dead', tone: 'danger' },
};

const ResourceLink = ({ id, name }: { id: string; name: string | null }) =>
  name ? (
    <span className="flex flex-col">
      <Link className="font-medium text-accent-700 hover:underline" href={`/model-deployments/${id}`}>
        {name}
      </Link>
      <OcidText ocid={id} label={`Copy OCID of ${name}`} />
    </span>
  ) : (
    <OcidText ocid={id} />
  );

export function ContainersTable({ containers }: { containers: OpsDashboard['containers'] }) {
  if (!containers.ok) return <Failure text={containers.error} />;
  if (containers.data.length === 0) return <EmptyState title="No containers" description="Berth starts one container per deployment instance." />;
  const orphans = containers.data.filter((c) => c.orphan).length;
  return (
    <div className="flex flex-col gap-2">
      {orphans > 0 && (
        <p className="text-sm text-amber-800">
          {orphans} container{orphans === 1 ? ' has' : 's have'} no instance record: left behind by an interrupted run or a removed instance. Remove them with docker rm once you have checked them.
        </p>
      )}
      <Table label="Managed containers">
        <THead>
          <TR>
            <TH>Container</TH>
            <TH>Deployment</TH>
            <TH>Image</TH>
            <TH>State</TH>
            <TH>Instance</TH>
          </TR>
        </THead>
        <TBody>
          {containers.data.map((c) => (
            <TR key={c.id}>
              <TD className="font-mono text-xs [overflow-wrap:anywhere]">{c.name}</TD>
              <TD>{c.deploymentId ? <ResourceLink id={c.deploymentId} name={c.deploymentName} /> : '—'}</TD>
              <TD className="font-mono text-xs [overflow-wrap:anywhere]">{c.image}</TD>
              <TD>
                <span className="flex flex-col items-start gap-0.5">
                  <Badge tone={CONTAINER_STATE[c.state]?.tone ?? 'neutral'}>{CONTAINER_STATE[c.state]?.label ?? c.state}</Badge>
                  <span className="text-xs text-gray-500">{c.status}</span>
                </span>
              </TD>
              <TD>
                {c.orphan ? (
                  <Badge tone="warning">Orphan: no instance record</Badge>
                ) : c.instanceId ? (
                  <OcidText ocid={c.instanceId} label={`Copy instance id of ${c.name}`} />
                ) : (
                  '—'
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

export function ImagesTable({ images, builds }: { images: OpsDashboard['images']; builds: OpsDashboard['builds'] }) {
  if (!images.ok) return <Failure text={images.error} />;
  const building = new Set(builds.filter((b) => b.state === 'IN_PROGRESS').map((b) => b.image));
  const stale = images.data.managed.filter((i) => !i.current);
  return (
    <div className="flex flex-col gap-2">
      <Table label="Runtime images">
        <THead>
          <TR>
            <TH>Runtime</TH>
            <TH>Image</TH>
            <TH>Status</TH>
            <TH>Size</TH>
            <TH>Built</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {images.data.catalog.map((i) => (
            <TR key={i.tag}>
              <TD>{i.slug}</TD>
              <TD className="font-mono text-xs [overflow-wrap:anywhere]">{i.tag}</TD>
              <TD>
                {building.has(i.tag) ? (
                  <Badge tone="info">Building: see Image builds</Badge>
                ) : i.present ? (
                  <Badge tone="success">Present, current</Badge>
                ) : (
                  <Badge tone="warning">Missing: built on first deploy</Badge>
                )}
              </TD>
              <TD className="whitespace-nowrap">{i.sizeBytes === null ? '—' : formatBytes(i.sizeBytes)}</TD>
              <TD>{i.createdAt ? <RelativeTime iso={i.createdAt} /> : '—'}</TD>
              <TD>
                <RebuildImageButton slug={i.slug} present={i.present} building={building.has(i.tag)} />
              </TD>
            </TR>
          ))}
          {stale.map((i) => (
            <TR key={i.tag}>
              <TD>{i.slug}</TD>
              <TD className="font-mono text-xs [overflow-wrap:anywhere]">{i.tag}</TD>
              <TD>
                <Badge tone="neutral">Outdated: built from earlier sources</Badge>
              </TD>
              <TD className="whitespace-nowrap">{formatBytes(i.sizeBytes)}</TD>
              <TD>
                <RelativeTime iso={i.createdAt.toISOString()} />
              </TD>
              <TD />
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

export function FailedWorkRequests({ rows }: { rows: OpsDashboard['failedWorkRequests'] }) {
  if (rows.length === 0) return <EmptyState title="No failed work requests" description="Failures of create, update, activate and delete operations appear here with their causes." />;
  return (
    <Table label="Failed work requests">
      <THead>
        <TR>
          <TH>Operation</TH>
          <TH>Resource</TH>
          <TH>Finished</TH>
          <TH>Cause</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.id}>
            <TD className="align-top whitespace-nowrap">{operationLabel(r.operationType)}</TD>
            <TD className="align-top">
              <ResourceLink id={r.resourceId} name={r.resourceName} />
            </TD>
            <TD className="align-top whitespace-nowrap">{r.timeFinished ? <RelativeTime iso={r.timeFinished} /> : '—'}</TD>
            <TD className="min-w-[20rem] align-top">
              {r.errors.length ? (
                <ul className="flex flex-col gap-1">
                  {r.errors.map((e, i) => (
                    <li key={i} className="whitespace-pre-wrap [overflow-wrap:anywhere]">
                      <span className="font-mono text-xs text-gray-600">{e.code}</span> {e.message}
                    </li>
                  ))}
                </ul>
              ) : (
                'No error recorded.'
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
