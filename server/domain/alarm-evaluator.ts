import { compare, type ComparisonOperator } from './alarm-expression';
import type { MetricPoint } from './autoscaling-evaluator';
import { formatSeconds } from './iso-duration';

// One evaluation of an alarm in the OCI Monitoring sense, on the series its query gave. Pure: the
// alarm engine reads the metrics, calls this, stores the new state and the transition with the
// value seen, and carries out the alarm's action on OK_TO_FIRING and REPEAT (as seed 004's
// function does). An alarm fires once its condition has held for the pending duration, returns
// to OK as soon as the newest point no longer breaches, and while it stays FIRING it notifies
// again every repeat interval. A series gone silent changes nothing: no data is not a reading.

export const ALARM_SEVERITIES = ['CRITICAL', 'ERROR', 'WARNING', 'INFO'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
export type AlarmState = 'OK' | 'FIRING';
export type AlarmTransition = 'OK_TO_FIRING' | 'FIRING_TO_OK' | 'REPEAT';

export interface AlarmCondition {
  op: ComparisonOperator;
  threshold: number;
  pendingMs: number;
  /** Null: notify once per firing. */
  repeatMs: number | null;
}

export interface AlarmStatus {
  state: AlarmState;
  /** When the last notification (OK_TO_FIRING or REPEAT) went out; null if never. */
  lastNotifiedAt: number | null;
}

export interface AlarmEvaluation {
  state: AlarmState;
  transition: AlarmTransition | null;
  /** The newest value, null when there is no recent data. */
  latest: number | null;
  breaching: boolean;
  breachingForMs: number;
  summary: string;
}

export const DEFAULT_ALARM_STALE_AFTER_MS = 3 * 60_000;

const round = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export function evaluateAlarm(input: {
  condition: AlarmCondition;
  status: AlarmStatus;
  series: readonly MetricPoint[];
  now: number;
  staleAfterMs?: number;
}): AlarmEvaluation {
  const { condition: c, status, now } = input;
  const staleAfterMs = input.staleAfterMs ?? DEFAULT_ALARM_STALE_AFTER_MS;
  const points = input.series.filter((p) => p.timestamp <= now && Number.isFinite(p.value)).sort((a, b) => a.timestamp - b.timestamp);
  const last = points.at(-1);
  const cond = `${c.op} ${c.threshold}`;
  if (!last || now - last.timestamp > staleAfterMs) {
    return { state: status.state, transition: null, latest: null, breaching: false, breachingForMs: 0, summary: `No recent data; the alarm stays ${status.state}.` };
  }
  let runStart: MetricPoint | undefined;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (!p || !compare(c.op, p.value, c.threshold)) break;
    runStart = p;
  }
  const breaching = runStart !== undefined;
  const breachingForMs = runStart ? last.timestamp - runStart.timestamp : 0;
  const base = { latest: last.value, breaching, breachingForMs };
  const seen = `${round(last.value)} ${cond}`;

  if (status.state === 'FIRING') {
    if (!breaching) return { ...base, state: 'OK', transition: 'FIRING_TO_OK', summary: `Back to OK: ${round(last.value)} no longer ${cond}.` };
    const due = c.repeatMs !== null && (status.lastNotifiedAt === null || now - status.lastNotifiedAt >= c.repeatMs);
    if (due) return { ...base, state: 'FIRING', transition: 'REPEAT', summary: `Still firing: ${seen} for ${formatSeconds(breachingForMs / 1000)}.` };
    return { ...base, state: 'FIRING', transition: null, summary: `Firing: ${seen}.` };
  }
  if (breaching && breachingForMs >= c.pendingMs) {
    return { ...base, state: 'FIRING', transition: 'OK_TO_FIRING', summary: `Firing: ${seen} held for ${formatSeconds(breachingForMs / 1000)}.` };
  }
  if (breaching) {
    return { ...base, state: 'OK', transition: null, summary: `Pending: ${seen} for ${formatSeconds(breachingForMs / 1000)} of ${formatSeconds(c.pendingMs / 1000)}.` };
  }
  return { ...base, state: 'OK', transition: null, summary: `OK: ${round(last.value)}, the condition is ${cond}.` };
}
