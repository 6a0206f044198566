import Link from 'next/link';
import type { ReactNode } from 'react';
import { RelativeTime } from '@/components/relative-time';
import { StateBadge } from '@/components/state-badge';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyValue } from '@/components/ui/key-value';
import { InstanceCountChart } from '@/components/metrics/instance-count-chart';
import type { InstanceCountPoint } from '@/server/domain/instance-count-series';
import { formatSeconds } from '@/server/domain/iso-duration';
import { decisionTitle, type ScalingDecisionView, type ScalingSummary } from '@/server/domain/scaling-summary';

// The deployment page's Scaling tab: how many instances serve and may serve, and the scaler's
// decisions with their reasons, newest first.

const toneOf = (d: ScalingDecisionView): BadgeTone => (d.heldBy || d.action === 'NONE' ? 'warning' : d.action === 'SCALE_IN' || d.action === 'DEACTIVATE' ? 'success' : 'info');
const round = (v: number | null) => (v === null ? 'no data' : Number.isInteger(v) ? String(v) : v.toFixed(1));

function Decision({ d }: { d: ScalingDecisionView }) {
  const title = decisionTitle(d);
  return (
    <li className="relative pb-4" aria-label={title}>
      <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] size-2.5 rounded-full bg-gray-400" />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <Badge tone={toneOf(d)}>{title}</Badge>
        <RelativeTime iso={d.time} />
        {d.workRequestStatus && (
          <span className="inline-flex items-center gap-1 text-gray-600">
            Work request <StateBadge state={d.workRequestStatus} />
          </span>
        )}
      </div>
      <p className="mt-1 max-w-3xl text-sm text-gray-800">{d.reason}</p>
      {d.observations.length > 0 && (
        <details className="mt-1 max-w-3xl text-sm">
          <summary className="focus-ring cursor-pointer text-accent-700">Values seen</summary>
          <ul aria-label={`Values seen for ${title}`} className="mt-1 flex flex-col gap-0.5 text-gray-700">
            {d.observations.map((o) => (
              <li key={`${o.rule}-${o.direction}`}>
                {o.direction === 'SCALE_OUT' ? 'Scale out' : 'Scale in'} when {o.condition}: latest {round(o.latest)}
                {o.breaching ? `, crossing for ${formatSeconds(o.breachingForMs / 1000)} of ${formatSeconds(o.pendingMs / 1000)}` : ', not crossing'}
                {o.error ? ` (${o.error})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export interface ScalingPanelProps {
  deploymentId: string;
  summary: ScalingSummary;
  decisions: readonly ScalingDecisionView[];
  instanceCounts: readonly InstanceCountPoint[];
  /** The idle guard's section, shown above the timeline (its actions are on the timeline too). */
  guard?: ReactNode;
  /** The provider's capability: false on OCI, which evaluates the policy itself and records no decisions here. */
  decisionsRecorded?: boolean;
}

const OCI_SCALING_NOTE =
  "OCI evaluates this policy and scales the deployment itself; the current count is OCI's. The timeline of scaling decisions, with the values each one saw, and the instance-count chart are recorded by the local provider's scaler only.";

function Timeline({ decisions, empty }: { decisions: readonly ScalingDecisionView[]; empty: string }) {
  return (
    <>
      <h3 id="scaling-decisions-heading" className="text-sm font-semibold text-gray-900">
        Scaling decisions
      </h3>
      {decisions.length === 0 ? (
        <EmptyState title="No scaling decisions yet" description={empty} />
      ) : (
        <ol aria-labelledby="scaling-decisions-heading" className="flex flex-col border-l-2 border-gray-200 pl-4">
          {decisions.map((d) => (
            <Decision key={d.id} d={d} />
          ))}
        </ol>
      )}
    </>
  );
}

export function ScalingPanel({ deploymentId, summary, decisions, instanceCounts, guard, decisionsRecorded = true }: ScalingPanelProps) {
  const editHref = `/model-deployments/${deploymentId}/edit`;
  if (summary.kind === 'FIXED_SIZE') {
    return (
      <section aria-labelledby="scaling-heading" className="flex flex-col gap-3">
        <h2 id="scaling-heading" className="text-base font-semibold text-gray-900">
          Scaling
        </h2>
        <KeyValue items={[{ label: 'Current instances', value: summary.current }, { label: 'Instance count (fixed)', value: summary.instanceCount }]} />
        <EmptyState
          title="This deployment has a fixed number of instances"
          description={
            <>
              It runs {summary.instanceCount} instance{summary.instanceCount === 1 ? '' : 's'} whatever the load. To add and remove instances as load
              comes and goes, edit the deployment and give it an autoscaling policy in the compute section: minimum and maximum instances and the CPU,
              memory or custom metric rules to scale on.{' '}
              {decisionsRecorded ? 'Its decisions then appear here.' : 'OCI then scales it; a timeline of the decisions is recorded by the local provider only.'}
            </>
          }
          action={
            <Link href={editHref} className={buttonClasses({ variant: 'secondary' })}>
              Edit deployment
            </Link>
          }
        />
        {guard}
        {decisions.length > 0 && <Timeline decisions={decisions} empty="" />}
      </section>
    );
  }
  return (
    <section aria-labelledby="scaling-heading" className="flex flex-col gap-4">
      <h2 id="scaling-heading" className="text-base font-semibold text-gray-900">
        Scaling
      </h2>
      <KeyValue
        items={[
          { label: 'Current instances', value: summary.current },
          { label: 'Minimum instances', value: summary.minimum },
          { label: 'Maximum instances', value: summary.maximum },
          { label: 'Initial instances', value: summary.initial },
          { label: 'Autoscaling', value: summary.enabled ? 'Enabled' : 'Disabled: the deployment stays at its current count' },
          { label: 'Cooldown', value: formatSeconds(summary.coolDownSeconds) },
        ]}
      />
      {decisionsRecorded && <InstanceCountChart points={instanceCounts} bounds={{ minimum: summary.minimum, maximum: summary.maximum }} />}
      {summary.rules.length > 0 && (
        <ul aria-label="Scaling rules" className="flex list-disc flex-col gap-0.5 pl-5 text-sm text-gray-800">
          {summary.rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {guard}
      {decisionsRecorded ? (
        <Timeline
          decisions={decisions}
          empty="The scaler evaluates the rules on the deployment's metrics while it is active. Each scale out or in, and each one held back by the cooldown or the bounds, appears here with the values it saw."
        />
      ) : (
        <p className="max-w-3xl text-sm text-gray-700">{OCI_SCALING_NOTE}</p>
      )}
    </section>
  );
}
