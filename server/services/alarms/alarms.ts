import type { Db, DbOrTx } from '@/db/client';
import { countFiringAlarms, deleteAlarmRow, getAlarmRow, insertAlarmHistory, insertAlarmRow, listAlarmHistory, listAlarmHistoryOf, listAlarmRows, listAllAlarmRows, listFiringAlarmRows, updateAlarmRow, type AlarmHistoryRow, type AlarmRow } from '@/db/queries/alarms';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { compartmentParents } from '@/db/queries/users';
import { fieldErrorsOf } from '@/server/domain/field-errors';
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

/** OCI Monitoring's own fields (the /20180401 front door); the console's form leaves them as they are. */
export interface OciAlarmFields {
  compartmentId?: string | null;
  body?: string | null;
  destinations?: string[];
}

/** An alarm with the compartment of the deployment it watches (where its metrics are). */
export interface ReadableAlarm {
  alarm: AlarmRow;
  deploymentCompartmentId: string;
}

export interface DeploymentAlarms {
  alarms: AlarmRow[];
  history: AlarmHistoryRow[];
}

const HISTORY_SHOWN = 50;
const RESOURCE_TYPE = 'data-science-model-deployments';

// A ladder step's problem is shown under the ladder, which the form edits as one text area.
const alarmFieldOf = (path: readonly string[]) => (path[0] === 'action' && path[1] === 'ladder' ? 'action.ladder' : undefined);

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
    return err(domainError('InvalidParameter', first?.message ?? 'The alarm is not valid.', fieldErrorsOf(parsed.error.issues, { keyOf: alarmFieldOf })));
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

  const ociColumns = (o: OciAlarmFields | undefined) => ({
    ...(o?.compartmentId !== undefined ? { compartmentId: o.compartmentId } : {}),
    ...(o?.body !== undefined ? { body: o.body } : {}),
    ...(o?.destinations !== undefined ? { destinations: o.destinations } : {}),
  });

  /** An alarm the caller may read (its deployment readable), with that deployment's compartment. */
  async function readable(alarm: AlarmRow | undefined, alarmId: string): Promise<Result<ReadableAlarm, DomainError>> {
    if (!alarm) return err(domainError('NotAuthorizedOrNotFound', `Alarm ${alarmId} was not found.`));
    const g = await gate(alarm.modelDeploymentId, 'read');
    if (!g.ok) return err(domainError('NotAuthorizedOrNotFound', `Alarm ${alarmId} was not found.`));
    return ok({ alarm, deploymentCompartmentId: g.data.compartmentId });
  }

  return {
    /** The compartment of a deployment the caller may read: where an alarm on it reads its metrics. */
    async deploymentCompartment(deploymentId: string): Promise<Result<string, DomainError>> {
      const g = await gate(deploymentId, 'read');
      return g.ok ? ok(g.data.compartmentId) : g;
    },

    get: (alarmId: string) => readable(getAlarmRow(db, alarmId), alarmId),

    /** Every alarm of every deployment the caller may read (the API filters by compartment). */
    async listReadable(): Promise<ReadableAlarm[]> {
      const out: ReadableAlarm[] = [];
      const compartments = new Map<string, string | null>();
      for (const alarm of listAllAlarmRows(db)) {
        if (!compartments.has(alarm.modelDeploymentId)) {
          const g = await gate(alarm.modelDeploymentId, 'read');
          compartments.set(alarm.modelDeploymentId, g.ok ? g.data.compartmentId : null);
        }
        const compartmentId = compartments.get(alarm.modelDeploymentId);
        if (compartmentId) out.push({ alarm, deploymentCompartmentId: compartmentId });
      }
      return out;
    },

    /** One alarm's history, newest first. */
    async history(alarmId: string, limit: number): Promise<Result<{ alarm: AlarmRow; history: AlarmHistoryRow[] }, DomainError>> {
      const found = await readable(getAlarmRow(db, alarmId), alarmId);
      return found.ok ? ok({ alarm: found.data.alarm, history: listAlarmHistoryOf(db, alarmId, limit) }) : found;
    },

    async list(deploymentId: string): Promise<Result<DeploymentAlarms, DomainError>> {
      const g = await gate(deploymentId, 'read');
      if (!g.ok) return g;
      return ok({ alarms: listAlarmRows(db, deploymentId), history: listAlarmHistory(db, deploymentId, HISTORY_SHOWN) });
    },

    async create(deploymentId: string, input: unknown, oci?: OciAlarmFields): Promise<Result<AlarmRow, DomainError>> {
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
        compartmentId: null,
        body: null,
        destinations: [],
        ...ociColumns(oci),
        timeCreated: time,
        timeUpdated: time,
      };
      insertAlarmRow(db, row);
      await audit('CreateAlarm', deploymentId, g.data.compartmentId, row.id);
      return ok(row);
    },

    async update(alarmId: string, input: unknown, oci?: OciAlarmFields): Promise<Result<AlarmRow, DomainError>> {
      const found = await owned(alarmId, 'UpdateAlarm');
      if (!found.ok) return found;
      const { alarm, compartmentId } = found.data;
      const details = parse(alarm.modelDeploymentId, input);
      if (!details.ok) return details;
      const time = now().toISOString();
      const next = columns(details.data);
      db.transaction((tx) => {
        const ended = next.isEnabled ? {} : rest(tx, alarm, time, 'Disabled: the alarm is no longer evaluated.');
        updateAlarmRow(tx, alarm.id, { ...next, ...ociColumns(oci), ...ended, timeUpdated: time });
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

    async changeCompartment(alarmId: string, compartmentId: string): Promise<Result<AlarmRow, DomainError>> {
      const found = await owned(alarmId, 'ChangeAlarmCompartment');
      if (!found.ok) return found;
      updateAlarmRow(db, alarmId, { compartmentId, timeUpdated: now().toISOString() });
      await audit('ChangeAlarmCompartment', found.data.alarm.modelDeploymentId, found.data.compartmentId, `${alarmId} to ${compartmentId}`);
      return ok(getAlarmRow(db, alarmId) ?? found.data.alarm);
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
