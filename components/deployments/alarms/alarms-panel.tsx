import Link from 'next/link';
import { FormattedTime } from '@/components/formatted-time';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { describeAlarmAction } from '@/server/domain/alarm-actions';
import type { AlarmSeverity } from '@/server/domain/alarm-evaluator';
import { HISTORY_KIND_LABELS, type AlarmHistoryKind, type AlarmHistoryView, type AlarmView } from '@/server/domain/alarm-view';
import { formatSeconds } from '@/server/domain/iso-duration';
import { OCI_ALARMS_NOTE } from '@/server/domain/oci-alarm';
import type { InstanceConfiguration } from '@/server/domain/oci-types';
import { AlarmForm } from './alarm-form';
import { newAlarmValues } from './alarm-form-values';
import { AlarmRowActions } from './alarm-row-actions';

// The deployment page's Alarms tab: its alarms with their state, what each does when it fires,
// and the history of transitions and actions (taken, refused, failed), newest first.

const SEVERITY_TONES: Record<AlarmSeverity, BadgeTone> = { CRITICAL: 'danger', ERROR: 'danger', WARNING: 'warning', INFO: 'info' };
const KIND_TONES: Record<AlarmHistoryKind, BadgeTone> = { OK_TO_FIRING: 'danger', FIRING_TO_OK: 'success', REPEAT: 'warning', ACTION: 'info', ACTION_REFUSED: 'warning', ACTION_FAILED: 'danger' };
const value = (v: number | null) => (v === null ? '' : Number.isInteger(v) ? String(v) : v.toFixed(2));

function StateCell({ a }: { a: AlarmView }) {
  if (!a.isEnabled) return <Badge tone="neutral">Disabled</Badge>;
  return a.state === 'FIRING' ? <Badge tone="danger" dot="pulse">FIRING</Badge> : <Badge tone="success">OK</Badge>;
}

export interface AlarmsPanelProps {
  deploymentId: string;
  alarms: readonly AlarmView[];
  history: readonly AlarmHistoryView[];
  canEdit: boolean;
  instanceConfiguration: InstanceConfiguration | undefined;
  /** The shortened minimums (BERTH_AUTOSCALING_MIN_SECONDS), said on the page when set. */
  minSeconds: number | null;
  /** The provider's capability: alarms that scale or move the shape (the local provider's), or OCI's, which notify topics. */
  alarmActions: boolean;
}

const notifies = (a: AlarmView) => (a.destinations?.length ? `Notifies ${a.destinations.join(', ')}` : 'Notifies no topic');

export function AlarmsPanel({ deploymentId, alarms, history, canEdit, instanceConfiguration, minSeconds, alarmActions }: AlarmsPanelProps) {
  const names = new Map(alarms.map((a) => [a.id, a.displayName]));
  return (
    <section aria-labelledby="alarms-heading" className="flex flex-col gap-4">
      <h2 id="alarms-heading" className="text-base font-semibold text-gray-900">
        Alarms
      </h2>
      {alarmActions ? (
        <p className="max-w-3xl text-sm text-gray-700">
          Alarms in the OCI Monitoring sense, evaluated by the console on this deployment&apos;s metrics. When one fires (and at each repeat) it can scale
          the instances or move the shape one step along a ladder, as an update with its own work request, only while the deployment is ACTIVE and idle.
          {minSeconds !== null && ` This installation shortens the minimum pending duration, repeat and cooldown to ${minSeconds} s (BERTH_AUTOSCALING_MIN_SECONDS).`}
        </p>
      ) : (
        <p className="max-w-3xl text-sm text-gray-700">
          The alarms in OCI Monitoring whose query names this deployment, evaluated by OCI, with their state and transitions. {OCI_ALARMS_NOTE}
        </p>
      )}
      {alarms.length === 0 ? (
        <EmptyState
          title="No alarms"
          description={alarmActions ? 'Create one below: for example a high-memory alarm that moves the deployment to the next larger shape.' : 'Create one below: for example a high-memory alarm that notifies your operations topic.'}
        />
      ) : (
        <Table label="Alarms">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>State</TH>
              <TH>Severity</TH>
              <TH>Condition</TH>
              <TH>Action</TH>
              <TH>Last evaluation</TH>
              {canEdit && <TH>Actions</TH>}
            </TR>
          </THead>
          <TBody>
            {alarms.map((a) => (
              <TR key={a.id}>
                <TD className="font-medium">{a.displayName}</TD>
                <TD>
                  <StateCell a={a} />
                </TD>
                <TD>
                  <Badge tone={SEVERITY_TONES[a.severity]}>{a.severity}</Badge>
                </TD>
                <TD className="max-w-md">
                  <code className="break-all text-xs">{a.query}</code>
                  <div className="text-xs text-gray-600">
                    for {formatSeconds(a.pendingSeconds)}
                    {a.repeatSeconds !== null ? `, repeats every ${formatSeconds(a.repeatSeconds)}` : ''}
                    {alarmActions && `, cooldown ${formatSeconds(a.coolDownSeconds)}`}
                  </div>
                </TD>
                <TD className="max-w-xs break-all text-sm">{alarmActions ? describeAlarmAction(a.action) : notifies(a)}</TD>
                <TD className="max-w-xs text-sm text-gray-700">{a.lastSummary ?? 'Not evaluated yet'}</TD>
                {canEdit && (
                  <TD>
                    <AlarmRowActions alarm={a} notifyOnly={!alarmActions} />
                  </TD>
                )}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {canEdit && (
        <details className="rounded-md border border-gray-200 p-3">
          <summary className="focus-ring cursor-pointer text-sm font-medium text-accent-700">New alarm</summary>
          <div className="pt-3">
            <AlarmForm deploymentId={deploymentId} initial={newAlarmValues(deploymentId, instanceConfiguration, alarmActions ? minSeconds : null)} notifyOnly={!alarmActions} />
          </div>
        </details>
      )}
      <h3 id="alarm-history-heading" className="text-sm font-semibold text-gray-900">
        Alarm history
      </h3>
      {history.length === 0 ? (
        <p className="text-sm text-gray-600">
          {alarmActions ? 'No transitions yet. Each time an alarm fires, repeats or returns to OK, and each action it takes or is refused, appears here.' : 'No transitions yet. Each time an alarm fires or returns to OK, OCI records it here.'}
        </p>
      ) : (
        <Table label="Alarm history">
          <THead>
            <TR>
              <TH>Time</TH>
              <TH>Alarm</TH>
              <TH>Event</TH>
              <TH>Value</TH>
              <TH>Details</TH>
            </TR>
          </THead>
          <TBody>
            {history.map((e) => (
              <TR key={e.id}>
                <TD className="whitespace-nowrap text-sm">
                  <FormattedTime iso={e.time} />
                </TD>
                <TD className="text-sm">{names.get(e.alarmId) ?? e.alarmId}</TD>
                <TD>
                  <Badge tone={KIND_TONES[e.kind]}>{HISTORY_KIND_LABELS[e.kind]}</Badge>
                </TD>
                <TD className="text-sm tabular-nums">{value(e.value)}</TD>
                <TD className="max-w-xl text-sm">
                  {e.summary}
                  {e.workRequestId && (
                    <>
                      {' '}
                      <Link className="text-accent-700 underline" href={`/model-deployments/${deploymentId}?tab=work-requests`}>
                        Work request
                      </Link>
                    </>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
