import type { ScalingDecisionView } from './scaling-summary';

// The instance-count chart's series: a step line from the deployment's creation to now, moving at
// each scaling the scaler carried out (its work request succeeded), and to 0 and back at each of
// the idle guard's deactivations and activations. Pure.

export interface InstanceCountPoint {
  /** Epoch milliseconds. */
  t: number;
  count: number;
}

export interface InstanceCountInput {
  /** Newest first or in any order; only carried-out actions count (scalings, the idle guard's deactivations and activations). */
  decisions: readonly Pick<ScalingDecisionView, 'time' | 'action' | 'fromCount' | 'toCount' | 'workRequestStatus'>[];
  timeCreated: string;
  currentInstanceCount: number;
  now: number;
}

export function instanceCountSeries({ decisions, timeCreated, currentInstanceCount, now }: InstanceCountInput): InstanceCountPoint[] {
  const done = decisions
    .filter((d) => d.action !== 'NONE' && d.workRequestStatus === 'SUCCEEDED')
    .map((d) => ({ t: Date.parse(d.time), from: d.fromCount, to: d.toCount }))
    .filter((d) => Number.isFinite(d.t))
    .sort((a, b) => a.t - b.t);
  const created = Date.parse(timeCreated);
  const first = done[0];
  const start = Number.isFinite(created) ? Math.min(created, first?.t ?? created) : (first?.t ?? now);
  const points: InstanceCountPoint[] = [{ t: start, count: first ? first.from : currentInstanceCount }];
  for (const d of done) points.push({ t: d.t, count: d.to });
  // Now: what really serves (a dead instance, or a scaling still running, shows here first).
  points.push({ t: Math.max(now, points.at(-1)?.t ?? now), count: currentInstanceCount });
  return points;
}
