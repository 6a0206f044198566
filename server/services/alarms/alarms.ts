import type { Db, DbOrTx } from '@/db/client';
import { countFiringAlarms, deleteAlarmRow, getAlarmRow, insertAlarmHistory, insertAlarmRow, listAlarmHistory, listAlarmRows, listFiringAlarmRows, updateAlarmRow, type AlarmHistoryRow, type AlarmRow } from '@/db/queries/alarms';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { compartmentParents } from '@/db/queries/users';
import { isAllowed } from '@/server/domain/iam';
import { generateOcid } from '@/server/domain/ocid';
import type { Principal } from '@/server/domain/principal';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider } from '@/server/providers/types';
import { alarmLimits, makeAlarmSchema, toAlarmAction, type AlarmDetails } from '@/server/validation/alarms';
import { recordAudit } from '../identity/audit';

// A deployment's alarms for the console: read with the deployment (read on it), changed with use
// on it (as an update is), every change in the audit log. Input is validated here, so the form's
// field errors come back keyed by its fields whoever calls.

export interface AlarmsDeps {
  db: Db;
  /** The provider as the caller may use it: a deployment it cannot read is not found. */
  provider: Pick<DataScienceProvider, 'getModelDeployment'>;
  principal: () => Promise<Principal | null>;
  region: string;
  /** BERTH_AUTOSCALING_MIN_SECONDS: the shortened minimums, or null for OCI's. */
  minSeconds: number | null;
  now?: () => Date;
}

export interface DeploymentAlarms {
  alarms: AlarmRow[];
  history: AlarmHistoryRow[];
}

const HISTORY_SHOWN = 50;
const RESOURCE_TYPE = 'data-science-model-deployments';

function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    // A ladder step's problem is shown under the ladder, which the form edits as one text area.
    const path = issue.path.map(String);
    const key = path[0] === 'action' && path[1] === 'ladder' ? 'action.ladder' : path.join('.') || 'form';
    out[key] ??= issue.message;
  }
  return out;
}

export function createAlarmsService(deps: AlarmsDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function gate(deploymentId: string, verb: 'read' | 'use', action?: string): Promise<Result<{ compartmentId: string }, DomainError>> {
    const md = await deps.provider.getModelDeployment(deploymentId);
    if (!md.ok) return md;
    const principal = await deps.principal();
    if (verb === 'use' && principal && !isAllowed(principal.grants, 'use', RESOURCE_TYPE, md.data.compartmentId, compartmentParents(db))) {
      if (action) recordAudit(db, principal, { action, resourceType: RESOURCE_TYPE, resourceId: deploymentId, compartmentId: md.data.compartmentId, outcome: 'DENIED', detail: 'NotAuthorizedOrNotFound' });
      return err(domainError('NotAuthorizedOrNotFound', `Model deployment ${deploymentId} was not found.`));
    }
    return ok({ compartmentId: md.data.compartmentId });
  }

  async function audit(action: string, deploymentId: string, compartmentId: string, detail: string) {
    const principal = await deps.principal();
    if (principal) recordAudit(db, principal, { action, resourceType: RESOURCE_TYPE, resourceId: deploymentId, compartmentId, outcome: 'SUCCEEDED', detail });
  }

  function parse(deploymentId: string, input: unknown): Result<AlarmDetails, DomainError> {
    const parsed = makeAlarmSchema({ limits: alarmLimits(deps.minSeconds), deploymentId }).safeParse(input);
    if (parsed.success) return ok(parsed.data);
    const [first] = parsed.error.issues;
    return err(domainError('InvalidParameter', first?.message ?? 'The alarm is not valid.', fieldErrorsOf(parsed.error.issues)));
  }

  const columns = (d: AlarmDetails) => ({
    displayName: d.displayName,
    query: d.query,
    severity: d.severity,
    pendingSeconds: d.pendingDuration,
    repeatSeconds: d.repeatDuration ?? null,
    isEnabled: d.isEnabled,
    action: toAlarmAction(d.action),
    coolDownSeconds: d.coolDownInSeconds,
  });

  /** An alarm the caller may change: its deployment gated with use. */
  async function owned(alarmId: string, action: string): Promise<Result<{ alarm: AlarmRow; compartmentId: string }, DomainError>> {
    const alarm = getAlarmRow(db, alarmId);
    if (!alarm) return err(domainError('NotAuthorizedOrNotFound', `Alarm ${alarmId} was not found.`));
    const g = await gate(alarm.modelDeploymentId, 'use', action);
    return g.ok ? ok({ alarm, compartmentId: g.data.compartmentId }) : g;
  }

  /** Turning an alarm off ends its firing: a disabled alarm is not evaluated, so it cannot go back to OK by itself. */
  function rest(tx: DbOrTx, alarm: AlarmRow, time: string, why: string) {
    if (alarm.state !== 'FIRING') return {};
    insertAlarmHistory(tx, { alarmId: alarm.id, modelDeploymentId: alarm.modelDeploymentId, time, kind: 'FIRING_TO_OK', value: null, summary: why, workRequestId: null });
    return { state: 'OK' as const, timeStateChanged: time };
  }

  return {
    async list(deploymentId: string): Promise<Result<DeploymentAlarms, DomainError>> {
      const g = await gate(deploymentId, 'read');
      if (!g.ok) return g;
      return ok({ alarms: listAlarmRows(db, deploymentId), history: listAlarmHistory(db, deploymentId, HISTORY_SHOWN) });
    },

    async create(deploymentId: string, input: unknown): Promise<Result<AlarmRow, DomainError>> {
      const g = await gate(deploymentId, 'use', 'CreateAlarm');
      if (!g.ok) return g;
      const details = parse(deploymentId, input);
      if (!details.ok) return details;
      const time = now().toISOString();
      const row: AlarmRow = {
        id: generateOcid('alarm', { region: deps.region }),
        modelDeploymentId: deploymentId,
        ...columns(details.data),
        state: 'OK',
        timeStateChanged: null,
        timeLastNotified: null,
        lastValue: null,
        lastSummary: null,
        timeLastEvaluated: null,
        timeCreated: time,
        timeUpdated: time,
      };
      insertAlarmRow(db, row);
      await audit('CreateAlarm', deploymentId, g.data.compartmentId, row.id);
      return ok(row);
    },

    async update(alarmId: string, input: unknown): Promise<Result<AlarmRow, DomainError>> {
      const found = await owned(alarmId, 'UpdateAlarm');
      if (!found.ok) return found;
      const { alarm, compartmentId } = found.data;
      const details = parse(alarm.modelDeploymentId, input);
      if (!details.ok) return details;
      const time = now().toISOString();
      const next = columns(details.data);
      db.transaction((tx) => {
        const ended = next.isEnabled ? {} : rest(tx, alarm, time, 'Disabled: the alarm is no longer evaluated.');
        updateAlarmRow(tx, alarm.id, { ...next, ...ended, timeUpdated: time });
      });
      await audit('UpdateAlarm', alarm.modelDeploymentId, compartmentId, alarm.id);
      return ok(getAlarmRow(db, alarm.id) ?? alarm);
    },

    async setEnabled(alarmId: string, isEnabled: boolean): Promise<Result<AlarmRow, DomainError>> {
      const found = await owned(alarmId, isEnabled ? 'EnableAlarm' : 'DisableAlarm');
      if (!found.ok) return found;
      const { alarm, compartmentId } = found.data;
      const time = now().toISOString();
      db.transaction((tx) => {
        const ended = isEnabled ? {} : rest(tx, alarm, time, 'Disabled: the alarm is no longer evaluated.');
        updateAlarmRow(tx, alarm.id, { isEnabled, ...ended, timeUpdated: time });
      });
      await audit(isEnabled ? 'EnableAlarm' : 'DisableAlarm', alarm.modelDeploymentId, compartmentId, alarm.id);
      return ok(getAlarmRow(db, alarm.id) ?? alarm);
    },

    async remove(alarmId: string): Promise<Result<{ modelDeploymentId: string }, DomainError>> {
      const found = await owned(alarmId, 'DeleteAlarm');
      if (!found.ok) return found;
      deleteAlarmRow(db, alarmId);
      await audit('DeleteAlarm', found.data.alarm.modelDeploymentId, found.data.compartmentId, alarmId);
      return ok({ modelDeploymentId: found.data.alarm.modelDeploymentId });
    },
  };
}

export type AlarmsService = ReturnType<typeof createAlarmsService>;

/**
 * Enabled alarms firing per deployment, for the list badges: only the deployments listed, which
 * the caller could already read.
 */
export const firingAlarmCounts = (db: Db, modelDeploymentIds: readonly string[]): Record<string, number> => Object.fromEntries(countFiringAlarms(db, modelDeploymentIds));

export interface FiringAlarmView {
  alarm: AlarmRow;
  deploymentName: string;
}

/** Every enabled alarm firing, worst first, for the operations page (which needs berth-operations). */
export function firingAlarmsForOps(db: Db, limit = 50): FiringAlarmView[] {
  return listFiringAlarmRows(db, limit).map((alarm) => ({ alarm, deploymentName: getModelDeploymentRow(db, alarm.modelDeploymentId)?.displayName ?? alarm.modelDeploymentId }));
}
