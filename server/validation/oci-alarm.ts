import { OCI_COOL_DOWN_SECONDS } from '@/server/domain/cool-down';
import { z } from 'zod';
import type { AlarmAction } from '@/server/domain/alarm-actions';
import { ALARM_SEVERITIES } from '@/server/domain/alarm-evaluator';
import { parseIsoDurationSeconds } from '@/server/domain/iso-duration';
import { isOcid } from '@/server/domain/ocid';
import { OCI_ALARM_NAMESPACE, OCI_RULE_NAME } from '@/server/domain/oci-alarm';

// OCI Monitoring's CreateAlarmDetails and UpdateAlarmDetails as /20180401 takes them. Berth keeps
// an alarm's query, pending duration, severity, repeat, enabled flag, body and destinations; a field
// it cannot represent is refused by name (400 InvalidParameter) rather than accepted and dropped.
// OCI's own ranges apply here (pending duration PT1M to PT1H), whatever the console's setting.

const MIN_PENDING_SECONDS = 60;
const MAX_PENDING_SECONDS = 3600;
const MIN_REPEAT_SECONDS = 60;
/** OCI allows up to P30D; the alarm engine repeats at most daily. */
const MAX_REPEAT_SECONDS = 86_400;
const MAX_BODY_CHARS = 1000;
/** One destination per service: Notifications and Streaming. */
const MAX_DESTINATIONS = 2;

// zod's path names the field in the message (invalidParameterOf), so the texts start after it.
const duration = (lo: number, hi: number, range: string) =>
  z.string({ error: 'must be an ISO-8601 duration.' }).refine((v) => {
    const s = parseIsoDurationSeconds(v);
    return s !== null && s >= lo && s <= hi;
  }, `must be an ISO-8601 duration from ${range}, for example PT5M.`);

const notOffered = (why: string) => z.undefined({ error: why });
const emptyTags = () => z.record(z.string(), z.unknown(), { error: 'must be an object.' }).refine((t) => Object.keys(t).length === 0, "Berth's alarms carry no tags.");

const fields = {
  displayName: z.string({ error: 'must be text.' }).trim().min(1, 'is required.').max(255, 'is at most 255 characters.'),
  compartmentId: z.string({ error: 'must be an OCID.' }).refine((v) => isOcid(v), 'must be an OCID.'),
  metricCompartmentId: z.string({ error: 'must be an OCID.' }).refine((v) => isOcid(v), 'must be an OCID.'),
  metricCompartmentIdInSubtree: z.literal(false, { error: "Berth's alarms read one deployment's metrics in its own compartment; true is not offered." }),
  namespace: z.literal(OCI_ALARM_NAMESPACE, { error: `must be ${OCI_ALARM_NAMESPACE}: the metrics Berth records are its model deployments'.` }),
  resourceGroup: notOffered('Berth records no resource groups.'),
  query: z.string({ error: 'is required.' }).trim().min(1, 'is required.'),
  resolution: z.literal('1m', { error: 'must be 1m.' }),
  pendingDuration: duration(MIN_PENDING_SECONDS, MAX_PENDING_SECONDS, 'PT1M to PT1H'),
  severity: z.enum(ALARM_SEVERITIES, { error: `must be one of ${ALARM_SEVERITIES.join(', ')}.` }),
  body: z.string({ error: 'must be text.' }).max(MAX_BODY_CHARS, `is at most ${MAX_BODY_CHARS} characters.`),
  isNotificationsPerMetricDimensionEnabled: z.literal(false, { error: 'Berth groups notifications across metric streams; true is not offered.' }),
  messageFormat: z.literal('RAW', { error: 'Berth offers RAW only.' }),
  destinations: z
    .array(z.string().refine((v) => isOcid(v), 'each destination must be an OCID (a Notifications topic or a stream).'), { error: 'must be a list of OCIDs.' })
    .max(MAX_DESTINATIONS, `at most ${MAX_DESTINATIONS}, one per service (Notifications, Streaming).`),
  repeatNotificationDuration: duration(MIN_REPEAT_SECONDS, MAX_REPEAT_SECONDS, 'PT1M to PT24H (Berth repeats at most daily)'),
  suppression: notOffered('Berth does not suppress alarms.'),
  isEnabled: z.boolean({ error: 'must be true or false.' }),
  freeformTags: emptyTags(),
  definedTags: emptyTags(),
  overrides: z.array(z.unknown()).max(0, 'Berth evaluates the base rule only.'),
  ruleName: z.literal(OCI_RULE_NAME, { error: `must be ${OCI_RULE_NAME}: Berth evaluates the base rule only.` }),
  notificationVersion: z.literal('1.X', { error: 'must be 1.X.' }),
  notificationTitle: notOffered('Berth sends no notifications of its own.'),
  evaluationSlackDuration: notOffered('Berth evaluates on the metrics it has stored.'),
  alarmSummary: notOffered('Berth writes the summary from what it evaluated.'),
};

const OPTIONAL_ON_CREATE = {
  metricCompartmentIdInSubtree: true,
  resourceGroup: true,
  resolution: true,
  pendingDuration: true,
  body: true,
  isNotificationsPerMetricDimensionEnabled: true,
  messageFormat: true,
  repeatNotificationDuration: true,
  suppression: true,
  freeformTags: true,
  definedTags: true,
  overrides: true,
  ruleName: true,
  notificationVersion: true,
  notificationTitle: true,
  evaluationSlackDuration: true,
  alarmSummary: true,
} as const;

export const createAlarmDetailsSchema = z.strictObject(fields).partial(OPTIONAL_ON_CREATE);
export const updateAlarmDetailsSchema = z.strictObject(fields).partial();

export type CreateAlarmDetails = z.output<typeof createAlarmDetailsSchema>;

/** What the console's alarm schema takes, from OCI's fields; the action and cooldown stay as they were. */
export function localAlarmInputOf(d: Pick<CreateAlarmDetails, 'displayName' | 'query' | 'severity' | 'isEnabled' | 'pendingDuration' | 'repeatNotificationDuration'>, kept?: { action: AlarmAction; coolDownSeconds: number }) {
  return {
    displayName: d.displayName,
    query: d.query,
    severity: d.severity,
    pendingDuration: d.pendingDuration ?? 'PT1M',
    ...(d.repeatNotificationDuration !== undefined ? { repeatDuration: d.repeatNotificationDuration } : {}),
    isEnabled: d.isEnabled,
    // An alarm made through OCI's API has no action; should one be added here, it gets OCI's cool-down.
    coolDownInSeconds: kept?.coolDownSeconds ?? OCI_COOL_DOWN_SECONDS,
    action: kept?.action ?? { type: 'NONE' as const },
  };
}

/** The console schema's field names as OCI's API names them, for messages. */
export const OCI_FIELD_OF: Record<string, string> = { repeatDuration: 'repeatNotificationDuration', coolDownInSeconds: 'coolDownInSeconds' };

/** The OCI fields the console's form adds on an OCI context: topics (one OCID a line or comma) and the body. */
export const ociAlarmFieldsSchema = z.object({
  destinations: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v ?? []),
    z
      .array(z.string().refine((v) => isOcid(v), 'Each topic must be an OCID (ocid1.onstopic...).'), { error: 'Topics must be OCIDs.' })
      .min(1, 'Name at least one topic for the alarm to notify.')
      .max(MAX_DESTINATIONS, `At most ${MAX_DESTINATIONS} destinations, one per service.`),
  ),
  body: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(MAX_BODY_CHARS, `The body is at most ${MAX_BODY_CHARS} characters.`).optional()),
});
