import { z } from 'zod';
import type { Db } from '@/db/client';
import { compartmentParents } from '@/db/queries/users';
import { ALARM_SEVERITIES } from '@/server/domain/alarm-evaluator';
import { ancestry, isAllowed } from '@/server/domain/iam';
import { OCI_ALARM_HISTORY_TYPES, ociAlarmOf, ociAlarmStatusOf, ociAlarmSummaryOf, ociHistoryEntryOf, resourceIdOfQuery } from '@/server/domain/oci-alarm';
import type { Principal } from '@/server/domain/principal';
import { domainError, type DomainError } from '@/server/domain/result';
import type { AlarmsService, ReadableAlarm } from '@/server/services/alarms/alarms';
import { createAlarmDetailsSchema, localAlarmInputOf, OCI_FIELD_OF, updateAlarmDetailsSchema } from '@/server/validation/oci-alarm';
import { pageHeaders, queryObject } from './call';
import { slicePage } from './paging';
import { checkIfMatch, fail, failure, noContent, resourceAnswer, answer, type OciOutcome } from './respond';
import { invalidParameterOf } from './validation';

// OCI Monitoring's alarm operations over Berth's own alarms (the table and engine the console's
// Alarms tab uses): the alarms service does the gating (read on the deployment to see an alarm, use
// on it to change one), the validation and the audit; this maps OCI's shapes in and out, with
// etags, if-match and paging as the Data Science API has them.

export interface AlarmCall {
  db: Db;
  principal: Principal;
  service: AlarmsService;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type AlarmHandler = (call: AlarmCall) => Promise<OciOutcome>;

const limit = z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be 1 to 1000.').max(1000, 'limit must be 1 to 1000.');
const sortBy = z.enum(['displayName', 'severity'], { error: 'sortBy must be displayName or severity.' });
const sortOrder = z.enum(['ASC', 'DESC'], { error: 'sortOrder must be ASC or DESC.' });
const subtree = z.enum(['true', 'false'], { error: 'compartmentIdInSubtree must be true or false.' });
const time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an RFC 3339 time.');

const listQuery = z.object({
  compartmentId: z.string(),
  compartmentIdInSubtree: subtree.optional(),
  displayName: z.string().optional(),
  lifecycleState: z.enum(['ACTIVE', 'DELETING', 'DELETED'], { error: 'lifecycleState must be ACTIVE, DELETING or DELETED.' }).optional(),
  sortBy: sortBy.optional(),
  sortOrder: sortOrder.optional(),
  limit: limit.optional(),
  page: z.string().optional(),
});
const statusQuery = listQuery.omit({ lifecycleState: true }).extend({
  resourceId: z.string().optional(),
  entityId: z.string().optional(),
  serviceName: z.string().optional(),
  status: z.enum(['FIRING', 'OK'], { error: 'status must be FIRING or OK.' }).optional(),
});
const historyQuery = z.object({
  alarmHistorytype: z.enum(OCI_ALARM_HISTORY_TYPES, { error: `alarmHistorytype must be one of ${OCI_ALARM_HISTORY_TYPES.join(', ')}.` }).optional(),
  timestampGreaterThanOrEqualTo: time.optional(),
  timestampLessThan: time.optional(),
  limit: limit.optional(),
  page: z.string().optional(),
});
const changeCompartmentSchema = z.strictObject({ compartmentId: z.string().min(1, 'compartmentId is required.') });

function parseQuery<S extends z.ZodType>(call: AlarmCall, schema: S, required: readonly string[]): { ok: true; value: z.output<S> } | { ok: false; error: DomainError } {
  const q = queryObject(call.query);
  if (!q.ok) return q;
  for (const name of required) if (!q.value[name]) return { ok: false, error: domainError('MissingParameter', `The query parameter ${name} is required.`) };
  const parsed = schema.safeParse(q.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: invalidParameterOf(parsed.error) };
}

function parseBody<S extends z.ZodType>(call: AlarmCall, schema: S, what: string): { ok: true; value: z.output<S> } | { ok: false; error: DomainError } {
  if (call.body === undefined) return { ok: false, error: domainError('MissingParameter', `The request body (${what}) is required.`) };
  const parsed = schema.safeParse(call.body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: invalidParameterOf(parsed.error) };
}

const readable = (call: AlarmCall, compartmentId: string) => isAllowed(call.principal.grants, 'read', 'data-science-model-deployments', compartmentId, compartmentParents(call.db));
const compartmentNotFound = (id: string) => fail('NotAuthorizedOrNotFound', `Compartment ${id} was not found.`);

/** The alarms in the compartment named (and below it with compartmentIdInSubtree). */
async function alarmsIn(call: AlarmCall, compartmentId: string, inSubtree: boolean): Promise<ReadableAlarm[]> {
  const parents = compartmentParents(call.db);
  const inScope = (id: string) => (inSubtree ? ancestry(id, parents).includes(compartmentId) : id === compartmentId);
  return (await call.service.listReadable()).filter((r) => inScope(r.alarm.compartmentId ?? r.deploymentCompartmentId));
}

const SEVERITY_RANK = new Map(ALARM_SEVERITIES.map((s, i) => [s, i]));
function sorted<T extends { displayName: string; severity: (typeof ALARM_SEVERITIES)[number] }>(items: T[], by: 'displayName' | 'severity' | undefined, order: 'ASC' | 'DESC' | undefined): T[] {
  if (!by) return items;
  const sign = order === 'DESC' ? -1 : 1;
  return [...items].sort((a, b) => sign * (by === 'severity' ? (SEVERITY_RANK.get(a.severity) ?? 0) - (SEVERITY_RANK.get(b.severity) ?? 0) : a.displayName.localeCompare(b.displayName)));
}

/** The alarms service's error with OCI's field names: "repeatNotificationDuration: ...". */
function ociError(error: DomainError): DomainError {
  const [field, message] = Object.entries(error.fieldErrors ?? {})[0] ?? [];
  if (error.code !== 'InvalidParameter' || !field || !message) return { code: error.code, message: error.message };
  return { code: 'InvalidParameter', message: `${OCI_FIELD_OF[field] ?? field.split('.')[0]}: ${message}` };
}

const alarmAnswer = (r: ReadableAlarm, headers: Record<string, string> = {}) => resourceAnswer(ociAlarmOf(r.alarm, r.deploymentCompartmentId), headers);

/** The alarm as it is now, refused with 412 when if-match names another version of it. */
async function current(call: AlarmCall): Promise<{ ok: true; value: ReadableAlarm } | { ok: false; error: DomainError }> {
  const found = await call.service.get(call.params.alarmId ?? '');
  if (!found.ok) return found;
  const stale = checkIfMatch(call.headers, ociAlarmOf(found.data.alarm, found.data.deploymentCompartmentId));
  return stale ? { ok: false, error: stale } : { ok: true, value: found.data };
}

export const alarmHandlers: Record<string, AlarmHandler> = {
  async createAlarm(call) {
    const body = parseBody(call, createAlarmDetailsSchema, 'CreateAlarmDetails');
    if (!body.ok) return failure(body.error);
    const d = body.value;
    if (!readable(call, d.compartmentId)) return compartmentNotFound(d.compartmentId);
    const named = resourceIdOfQuery(d.query);
    if (!named.ok) return fail('InvalidParameter', `query: ${named.message}`);
    const mdCompartment = await call.service.deploymentCompartment(named.resourceId);
    if (!mdCompartment.ok) return failure(mdCompartment.error);
    if (d.metricCompartmentId !== mdCompartment.data) {
      return fail('InvalidParameter', `metricCompartmentId: the deployment the query names is in compartment ${mdCompartment.data}; its metrics are there.`);
    }
    const created = await call.service.create(named.resourceId, localAlarmInputOf(d), { compartmentId: d.compartmentId, body: d.body ?? null, destinations: d.destinations });
    if (!created.ok) return failure(ociError(created.error));
    return alarmAnswer({ alarm: created.data, deploymentCompartmentId: mdCompartment.data }, { location: `/20180401/alarms/${created.data.id}` });
  },

  async getAlarm(call) {
    const found = await call.service.get(call.params.alarmId ?? '');
    return found.ok ? alarmAnswer(found.data) : failure(found.error);
  },

  async listAlarms(call) {
    const q = parseQuery(call, listQuery, ['compartmentId']);
    if (!q.ok) return failure(q.error);
    if (!readable(call, q.value.compartmentId)) return compartmentNotFound(q.value.compartmentId);
    // Berth deletes an alarm outright: none is ever DELETING or DELETED.
    if (q.value.lifecycleState && q.value.lifecycleState !== 'ACTIVE') return answer([]);
    const found = await alarmsIn(call, q.value.compartmentId, q.value.compartmentIdInSubtree === 'true');
    const items = found.map((r) => ociAlarmSummaryOf(r.alarm, r.deploymentCompartmentId)).filter((a) => !q.value.displayName || a.displayName === q.value.displayName);
    const page = slicePage(sorted(items, q.value.sortBy, q.value.sortOrder), q.value.limit ?? 1000, q.value.page ?? null);
    return page.ok ? answer(page.items, pageHeaders(page)) : failure(page.error);
  },

  async listAlarmsStatus(call) {
    const q = parseQuery(call, statusQuery, ['compartmentId']);
    if (!q.ok) return failure(q.error);
    if (!readable(call, q.value.compartmentId)) return compartmentNotFound(q.value.compartmentId);
    const resource = q.value.resourceId ?? q.value.entityId;
    const found = (await alarmsIn(call, q.value.compartmentId, q.value.compartmentIdInSubtree === 'true')).filter((r) => !resource || r.alarm.modelDeploymentId === resource);
    const items = found.map((r) => ociAlarmStatusOf(r.alarm)).filter((s) => (!q.value.displayName || s.displayName === q.value.displayName) && (!q.value.status || s.status === q.value.status));
    const page = slicePage(sorted(items, q.value.sortBy, q.value.sortOrder), q.value.limit ?? 1000, q.value.page ?? null);
    return page.ok ? answer(page.items, pageHeaders(page)) : failure(page.error);
  },

  async getAlarmHistory(call) {
    const q = parseQuery(call, historyQuery, []);
    if (!q.ok) return failure(q.error);
    const found = await call.service.history(call.params.alarmId ?? '', 1000);
    if (!found.ok) return failure(found.error);
    const from = q.value.timestampGreaterThanOrEqualTo ? Date.parse(q.value.timestampGreaterThanOrEqualTo) : -Infinity;
    const until = q.value.timestampLessThan ? Date.parse(q.value.timestampLessThan) : Infinity;
    const type = q.value.alarmHistorytype ?? 'STATE_HISTORY';
    const entries = found.data.history
      .filter((e) => Date.parse(e.time) >= from && Date.parse(e.time) < until)
      .flatMap((e) => {
        const entry = ociHistoryEntryOf(e, type);
        return entry ? [entry] : [];
      });
    const page = slicePage(entries, q.value.limit ?? 1000, q.value.page ?? null);
    if (!page.ok) return failure(page.error);
    return answer({ alarmId: found.data.alarm.id, isEnabled: found.data.alarm.isEnabled, entries: page.items }, pageHeaders(page));
  },

  async updateAlarm(call) {
    const body = parseBody(call, updateAlarmDetailsSchema, 'UpdateAlarmDetails');
    if (!body.ok) return failure(body.error);
    const now = await current(call);
    if (!now.ok) return failure(now.error);
    const { alarm, deploymentCompartmentId } = now.value;
    const d = body.value;
    if (d.compartmentId !== undefined && !readable(call, d.compartmentId)) return compartmentNotFound(d.compartmentId);
    if (d.query !== undefined) {
      const named = resourceIdOfQuery(d.query);
      if (!named.ok) return fail('InvalidParameter', `query: ${named.message}`);
      if (named.resourceId !== alarm.modelDeploymentId) return fail('InvalidParameter', `query: an alarm stays on the deployment it was made for (${alarm.modelDeploymentId}); create another alarm for ${named.resourceId}.`);
    }
    if (d.metricCompartmentId !== undefined && d.metricCompartmentId !== deploymentCompartmentId) {
      return fail('InvalidParameter', `metricCompartmentId: the alarm's deployment is in compartment ${deploymentCompartmentId}; its metrics are there.`);
    }
    const was = ociAlarmOf(alarm, deploymentCompartmentId);
    const merged = {
      displayName: d.displayName ?? was.displayName,
      query: d.query ?? was.query,
      severity: d.severity ?? was.severity,
      isEnabled: d.isEnabled ?? was.isEnabled,
      pendingDuration: d.pendingDuration ?? was.pendingDuration,
      ...((d.repeatNotificationDuration ?? was.repeatNotificationDuration) !== undefined ? { repeatNotificationDuration: d.repeatNotificationDuration ?? was.repeatNotificationDuration } : {}),
    };
    const oci = { ...(d.compartmentId !== undefined ? { compartmentId: d.compartmentId } : {}), ...(d.body !== undefined ? { body: d.body } : {}), ...(d.destinations !== undefined ? { destinations: d.destinations } : {}) };
    const updated = await call.service.update(alarm.id, localAlarmInputOf(merged, { action: alarm.action, coolDownSeconds: alarm.coolDownSeconds }), oci);
    return updated.ok ? alarmAnswer({ alarm: updated.data, deploymentCompartmentId }) : failure(ociError(updated.error));
  },

  async deleteAlarm(call) {
    const now = await current(call);
    if (!now.ok) return failure(now.error);
    const removed = await call.service.remove(now.value.alarm.id);
    return removed.ok ? noContent() : failure(removed.error);
  },

  async changeAlarmCompartment(call) {
    const body = parseBody(call, changeCompartmentSchema, 'ChangeAlarmCompartmentDetails');
    if (!body.ok) return failure(body.error);
    const now = await current(call);
    if (!now.ok) return failure(now.error);
    if (!readable(call, body.value.compartmentId)) return compartmentNotFound(body.value.compartmentId);
    const moved = await call.service.changeCompartment(now.value.alarm.id, body.value.compartmentId);
    return moved.ok ? noContent() : failure(moved.error);
  },

  // Berth never suppresses an alarm, so there is never a suppression to remove.
  async removeAlarmSuppression(call) {
    const now = await current(call);
    return now.ok ? noContent() : failure(now.error);
  },
};
