import type { AlarmSeverity } from './alarm-evaluator';
import { parseAlarmExpression, withResourceId } from './alarm-expression';
import type { AlarmHistoryKind, AlarmHistoryView, AlarmView } from './alarm-view';
import { METRICS_NAMESPACE } from './chart-window';

// Berth's alarms as OCI Monitoring shows them (the SDK's Alarm, AlarmSummary, AlarmStatusSummary
// and AlarmHistoryEntry), and back: one alarm, two front doors. What OCI has and Berth does not
// (suppressions, overrides, per-dimension notifications, message formats) is answered with its
// default; what Berth has and OCI does not (the scale and shape actions) stays out of the answer.

export const OCI_ALARM_NAMESPACE = METRICS_NAMESPACE;
/** What the console says where alarms are OCI's: they notify, and take no action. */
export const OCI_ALARMS_NOTE = 'On OCI an alarm notifies its topics; scaling and shape actions run with the local provider.';
export const OCI_RULE_NAME = 'BASE';
export const OCI_ALARM_HISTORY_TYPES = ['STATE_HISTORY', 'STATE_TRANSITION_HISTORY', 'RULE_HISTORY', 'RULE_TRANSITION_HISTORY'] as const;
export type OciAlarmHistoryType = (typeof OCI_ALARM_HISTORY_TYPES)[number];

/** An alarm as stored, with the OCI fields it carries. */
export type OciAlarmSource = Pick<
  AlarmView,
  'id' | 'modelDeploymentId' | 'displayName' | 'query' | 'severity' | 'pendingSeconds' | 'repeatSeconds' | 'isEnabled' | 'state' | 'timeStateChanged' | 'lastSummary' | 'timeCreated' | 'timeUpdated'
> & { compartmentId: string | null; body: string | null; destinations: string[] };

export interface OciAlarm {
  id: string;
  displayName: string;
  compartmentId: string;
  metricCompartmentId: string;
  metricCompartmentIdInSubtree: boolean;
  namespace: string;
  query: string;
  resolution: string;
  pendingDuration: string;
  severity: AlarmSeverity;
  body?: string;
  isNotificationsPerMetricDimensionEnabled: boolean;
  messageFormat: 'RAW';
  destinations: string[];
  repeatNotificationDuration?: string;
  isEnabled: boolean;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  ruleName: string;
  lifecycleState: 'ACTIVE';
  timeCreated: string;
  timeUpdated: string;
}

export type OciAlarmSummary = Omit<OciAlarm, 'metricCompartmentIdInSubtree' | 'resolution' | 'pendingDuration' | 'body' | 'messageFormat' | 'repeatNotificationDuration' | 'timeCreated' | 'timeUpdated'>;

export interface OciAlarmStatus {
  id: string;
  displayName: string;
  severity: AlarmSeverity;
  ruleName: string;
  timestampTriggered: string;
  alarmSummary: string;
  status: 'FIRING' | 'OK';
}

export interface OciAlarmHistoryEntry {
  alarmSummary: string;
  summary: string;
  timestamp: string;
  timestampTriggered?: string;
}

/** 60 -> PT1M, 90 -> PT1M30S, 3600 -> PT1H. */
export function isoOfSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || seconds === 0 ? `${s}S` : ''}`;
}

export function ociAlarmOf(a: OciAlarmSource, deploymentCompartmentId: string): OciAlarm {
  return {
    id: a.id,
    displayName: a.displayName,
    compartmentId: a.compartmentId ?? deploymentCompartmentId,
    metricCompartmentId: deploymentCompartmentId,
    metricCompartmentIdInSubtree: false,
    namespace: OCI_ALARM_NAMESPACE,
    // The console's form may keep the placeholder; OCI's query names the resource itself.
    query: withResourceId(a.query, a.modelDeploymentId),
    resolution: '1m',
    pendingDuration: isoOfSeconds(a.pendingSeconds),
    severity: a.severity,
    ...(a.body !== null ? { body: a.body } : {}),
    isNotificationsPerMetricDimensionEnabled: false,
    messageFormat: 'RAW',
    destinations: [...a.destinations],
    ...(a.repeatSeconds !== null ? { repeatNotificationDuration: isoOfSeconds(a.repeatSeconds) } : {}),
    isEnabled: a.isEnabled,
    freeformTags: {},
    definedTags: {},
    ruleName: OCI_RULE_NAME,
    lifecycleState: 'ACTIVE',
    timeCreated: a.timeCreated,
    timeUpdated: a.timeUpdated,
  };
}

export function ociAlarmSummaryOf(a: OciAlarmSource, deploymentCompartmentId: string): OciAlarmSummary {
  const { metricCompartmentIdInSubtree: _s, resolution: _r, pendingDuration: _p, body: _b, messageFormat: _m, repeatNotificationDuration: _n, timeCreated: _c, timeUpdated: _u, ...summary } = ociAlarmOf(a, deploymentCompartmentId);
  return summary;
}

export function ociAlarmStatusOf(a: OciAlarmSource): OciAlarmStatus {
  return {
    id: a.id,
    displayName: a.displayName,
    severity: a.severity,
    ruleName: OCI_RULE_NAME,
    timestampTriggered: a.timeStateChanged ?? a.timeCreated,
    alarmSummary: a.lastSummary ?? 'Not evaluated yet.',
    status: a.state,
  };
}

const TRANSITION_SUMMARIES: Partial<Record<AlarmHistoryKind, string>> = {
  OK_TO_FIRING: 'State transitioned from OK to Firing',
  FIRING_TO_OK: 'State transitioned from Firing to OK',
};
const OTHER_SUMMARIES: Record<AlarmHistoryKind, string> = {
  OK_TO_FIRING: '',
  FIRING_TO_OK: '',
  REPEAT: 'Repeat notification while Firing',
  ACTION: 'Alarm action taken (local provider)',
  ACTION_REFUSED: 'Alarm action refused (local provider)',
  ACTION_FAILED: 'Alarm action failed (local provider)',
};

/** The entry OCI's getAlarmHistory shows for one of Berth's, or null when that history type leaves it out. */
export function ociHistoryEntryOf(e: Pick<AlarmHistoryView, 'kind' | 'summary' | 'time'>, type: OciAlarmHistoryType): OciAlarmHistoryEntry | null {
  const transition = TRANSITION_SUMMARIES[e.kind];
  if (!transition && type.endsWith('TRANSITION_HISTORY')) return null;
  return { alarmSummary: e.summary, summary: transition ?? OTHER_SUMMARIES[e.kind], timestamp: e.time, ...(e.kind === 'OK_TO_FIRING' ? { timestampTriggered: e.time } : {}) };
}

/** Back from an OCI history entry (the OCI provider reads transitions only): null for anything else. */
export function historyKindOf(summary: string): AlarmHistoryKind | null {
  if (/from OK to Firing/i.test(summary)) return 'OK_TO_FIRING';
  if (/from Firing to OK/i.test(summary)) return 'FIRING_TO_OK';
  return null;
}

export type QueryResourceId = { ok: true; resourceId: string } | { ok: false; message: string };

/** The model deployment an OCI alarm's query watches: it must name exactly one, by resourceId. */
export function resourceIdOfQuery(query: string): QueryResourceId {
  const parsed = parseAlarmExpression(query);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const named = parsed.data.filters.filter((f) => f.dimension === 'resourceId');
  const [first] = named;
  if (named.length !== 1 || !first || first.op !== '=' || !first.value.startsWith('ocid1.datasciencemodeldeployment.')) {
    return { ok: false, message: 'The query must name one model deployment by its OCID, as {resourceId = "ocid1.datasciencemodeldeployment..."}: Berth evaluates an alarm on one deployment\'s metrics.' };
  }
  return { ok: true, resourceId: first.value };
}
