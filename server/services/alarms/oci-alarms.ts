import { withResourceId } from '@/server/domain/alarm-expression';
import type { AlarmHistoryView, AlarmView } from '@/server/domain/alarm-view';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { parseIsoDurationSeconds } from '@/server/domain/iso-duration';
import { historyKindOf, isoOfSeconds, OCI_ALARM_NAMESPACE, OCI_ALARMS_NOTE, resourceIdOfQuery, type OciAlarm, type OciAlarmStatus } from '@/server/domain/oci-alarm';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider, MonitoringAlarmsApi } from '@/server/providers/types';
import { makeAlarmSchema, OCI_ALARM_LIMITS } from '@/server/validation/alarms';
import { ociAlarmFieldsSchema } from '@/server/validation/oci-alarm';
import type { ConsoleAlarms } from './console-alarms';

// The deployment's Alarms tab on an OCI context: the alarms in OCI Monitoring whose query names the
// deployment, with their status and state transitions, created and changed through oci-monitoring.
// OCI enforces its own policies on each call. An OCI alarm notifies its topics and takes no action,
// so the form's action must be "notify only"; the scale and shape actions are the local provider's.

const HISTORY_SHOWN = 50;

function viewOf(a: OciAlarm, deploymentId: string, status: OciAlarmStatus | undefined): AlarmView {
  return {
    id: a.id,
    modelDeploymentId: deploymentId,
    displayName: a.displayName,
    query: a.query,
    severity: a.severity,
    pendingSeconds: parseIsoDurationSeconds(a.pendingDuration ?? 'PT1M') ?? 60,
    repeatSeconds: a.repeatNotificationDuration ? parseIsoDurationSeconds(a.repeatNotificationDuration) : null,
    isEnabled: a.isEnabled,
    action: { type: 'NONE' },
    coolDownSeconds: 0,
    state: status?.status === 'FIRING' ? 'FIRING' : 'OK',
    timeStateChanged: status?.timestampTriggered ?? null,
    timeLastNotified: null,
    lastValue: null,
    lastSummary: status?.alarmSummary ?? null,
    timeLastEvaluated: null,
    timeCreated: a.timeCreated,
    timeUpdated: a.timeUpdated,
    destinations: a.destinations,
    body: a.body ?? null,
  };
}

export function createOciAlarmsService(deps: { provider: Pick<DataScienceProvider, 'getModelDeployment'>; alarms: MonitoringAlarmsApi }): ConsoleAlarms {
  const { alarms } = deps;

  /** The form's input as OCI's fields, checked as the console checks its own (OCI's minimums). */
  function parse(deploymentId: string, input: unknown) {
    const { destinations, body, ...rest } = (input ?? {}) as Record<string, unknown>;
    const oci = ociAlarmFieldsSchema.safeParse({ destinations, body });
    const local = makeAlarmSchema({ limits: OCI_ALARM_LIMITS, deploymentId }).safeParse(rest);
    const fieldErrors = fieldErrorsOf([...(oci.success ? [] : oci.error.issues), ...(local.success ? [] : local.error.issues)]);
    if (local.success && local.data.action.type !== 'NONE') fieldErrors['action.type'] = OCI_ALARMS_NOTE;
    if (!oci.success || !local.success || fieldErrors['action.type']) return err(domainError('InvalidParameter', Object.values(fieldErrors)[0] ?? 'The alarm is not valid.', fieldErrors));
    const d = local.data;
    return ok({
      displayName: d.displayName,
      query: withResourceId(d.query, deploymentId),
      severity: d.severity,
      pendingDuration: isoOfSeconds(d.pendingDuration),
      ...(d.repeatDuration !== undefined ? { repeatNotificationDuration: isoOfSeconds(d.repeatDuration) } : {}),
      isEnabled: d.isEnabled,
      destinations: oci.data.destinations,
      ...(oci.data.body ? { body: oci.data.body } : {}),
    });
  }

  /** The alarm with its etag and the deployment its query names. */
  async function found(alarmId: string): Promise<Result<{ alarm: OciAlarm; etag: string; deploymentId: string }, DomainError>> {
    const r = await alarms.getAlarm(alarmId);
    if (!r.ok) return r;
    const named = resourceIdOfQuery(r.data.alarm.query);
    if (!named.ok) return err(domainError('InvalidParameter', `Alarm ${alarmId} does not watch one model deployment: ${named.message}`));
    return ok({ ...r.data, deploymentId: named.resourceId });
  }

  async function statusOf(compartmentId: string, deploymentId: string): Promise<Map<string, OciAlarmStatus>> {
    const s = await alarms.listAlarmsStatus(compartmentId, deploymentId);
    return new Map(s.ok ? s.data.map((x) => [x.id, x]) : []);
  }

  return {
    async list(deploymentId) {
      const md = await deps.provider.getModelDeployment(deploymentId);
      if (!md.ok) return md;
      const listed = await alarms.listAlarms(md.data.compartmentId);
      if (!listed.ok) return listed;
      const mine = listed.data.filter((a) => a.namespace === OCI_ALARM_NAMESPACE && resourceIdOfQuery(a.query).ok && (resourceIdOfQuery(a.query) as { resourceId: string }).resourceId === deploymentId);
      const status = await statusOf(md.data.compartmentId, deploymentId);
      const views: AlarmView[] = [];
      const history: AlarmHistoryView[] = [];
      for (const summary of mine) {
        const full = await alarms.getAlarm(summary.id);
        if (!full.ok) return full;
        views.push(viewOf(full.data.alarm, deploymentId, status.get(summary.id)));
        const h = await alarms.getAlarmHistory(summary.id, 'STATE_TRANSITION_HISTORY');
        if (!h.ok) return h;
        for (const e of h.data) {
          const kind = historyKindOf(e.summary);
          if (kind) history.push({ id: history.length + 1, alarmId: summary.id, modelDeploymentId: deploymentId, time: e.timestamp, kind, value: null, summary: e.alarmSummary, workRequestId: null });
        }
      }
      history.sort((a, b) => b.time.localeCompare(a.time));
      return ok({ alarms: views, history: history.slice(0, HISTORY_SHOWN) });
    },

    async create(deploymentId, input) {
      const md = await deps.provider.getModelDeployment(deploymentId);
      if (!md.ok) return md;
      const d = parse(deploymentId, input);
      if (!d.ok) return d;
      const created = await alarms.createAlarm({ ...d.data, compartmentId: md.data.compartmentId, metricCompartmentId: md.data.compartmentId, namespace: OCI_ALARM_NAMESPACE });
      return created.ok ? ok(viewOf(created.data, deploymentId, undefined)) : created;
    },

    async update(alarmId, input) {
      const now = await found(alarmId);
      if (!now.ok) return now;
      const d = parse(now.data.deploymentId, input);
      if (!d.ok) return d;
      const updated = await alarms.updateAlarm(alarmId, d.data, now.data.etag);
      return updated.ok ? ok(viewOf(updated.data, now.data.deploymentId, undefined)) : updated;
    },

    async setEnabled(alarmId, isEnabled) {
      const now = await found(alarmId);
      if (!now.ok) return now;
      const updated = await alarms.updateAlarm(alarmId, { isEnabled }, now.data.etag);
      return updated.ok ? ok(viewOf(updated.data, now.data.deploymentId, undefined)) : updated;
    },

    async remove(alarmId) {
      const now = await found(alarmId);
      if (!now.ok) return now;
      const removed = await alarms.deleteAlarm(alarmId, now.data.etag);
      return removed.ok ? ok({ modelDeploymentId: now.data.deploymentId }) : removed;
    },
  };
}
