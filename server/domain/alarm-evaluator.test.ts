import { describe, expect, it } from 'vitest';
import { evaluateAlarm, type AlarmCondition, type AlarmStatus } from './alarm-evaluator';

// Synthetic series, one point every 10 s, ending at NOW.
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const series = (...values: number[]) => values.map((value, i) => ({ timestamp: NOW - (values.length - 1 - i) * 10_000, value }));
const cond = (o: Partial<AlarmCondition> = {}): AlarmCondition => ({ op: '>', threshold: 80, pendingMs: 30_000, repeatMs: null, ...o });
const ok: AlarmStatus = { state: 'OK', lastNotifiedAt: null };
const firing = (lastNotifiedAt: number | null = NOW - 60_000): AlarmStatus => ({ state: 'FIRING', lastNotifiedAt });

describe('evaluateAlarm', () => {
  it('stays OK below the threshold, and at it for a strict comparison', () => {
    const e = evaluateAlarm({ condition: cond(), status: ok, series: series(50, 70, 80), now: NOW });
    expect(e).toMatchObject({ state: 'OK', transition: null, latest: 80, breaching: false });
    expect(e.summary).toBe('OK: 80, the condition is > 80.');
    expect(evaluateAlarm({ condition: cond({ op: '>=' }), status: ok, series: series(80), now: NOW }).breaching).toBe(true);
  });

  it('is pending while the breach is shorter than the pending duration, and fires once it spans it', () => {
    const pending = evaluateAlarm({ condition: cond(), status: ok, series: series(50, 90, 91, 92), now: NOW });
    expect(pending).toMatchObject({ state: 'OK', transition: null, breaching: true, breachingForMs: 20_000 });
    expect(pending.summary).toBe('Pending: 92 > 80 for 20s of 30s.');
    const fired = evaluateAlarm({ condition: cond(), status: ok, series: series(50, 90, 91, 92, 93), now: NOW });
    expect(fired).toMatchObject({ state: 'FIRING', transition: 'OK_TO_FIRING', latest: 93, breachingForMs: 30_000 });
  });

  it('counts only the breach that reaches the newest point: a dip starts the pending duration again', () => {
    const e = evaluateAlarm({ condition: cond(), status: ok, series: series(90, 95, 99, 60, 90, 95), now: NOW });
    expect(e).toMatchObject({ state: 'OK', transition: null, breachingForMs: 10_000 });
  });

  it('goes back to OK as soon as the newest point no longer breaches', () => {
    const e = evaluateAlarm({ condition: cond(), status: firing(), series: series(95, 96, 40), now: NOW });
    expect(e).toMatchObject({ state: 'OK', transition: 'FIRING_TO_OK', latest: 40 });
    expect(e.summary).toBe('Back to OK: 40 no longer > 80.');
  });

  it('repeats the notification every repeat interval while it fires, and not without one', () => {
    const breach = series(90, 91, 92, 93);
    const notDue = evaluateAlarm({ condition: cond({ repeatMs: 120_000 }), status: firing(NOW - 60_000), series: breach, now: NOW });
    expect(notDue).toMatchObject({ state: 'FIRING', transition: null });
    const due = evaluateAlarm({ condition: cond({ repeatMs: 120_000 }), status: firing(NOW - 120_000), series: breach, now: NOW });
    expect(due).toMatchObject({ state: 'FIRING', transition: 'REPEAT' });
    expect(evaluateAlarm({ condition: cond(), status: firing(NOW - 3_600_000), series: breach, now: NOW }).transition).toBeNull();
  });

  it('changes nothing without recent data, firing or not', () => {
    const old = series(95, 96, 97).map((p) => ({ ...p, timestamp: p.timestamp - 10 * 60_000 }));
    expect(evaluateAlarm({ condition: cond(), status: firing(), series: old, now: NOW })).toMatchObject({ state: 'FIRING', transition: null, latest: null });
    expect(evaluateAlarm({ condition: cond(), status: ok, series: [], now: NOW })).toMatchObject({ state: 'OK', transition: null, latest: null, summary: 'No recent data; the alarm stays OK.' });
  });

  it('reads a low-side alarm (seed 004 low memory: max() < threshold) the same way', () => {
    const e = evaluateAlarm({ condition: cond({ op: '<', threshold: 20 }), status: ok, series: series(30, 10, 12, 9, 8), now: NOW });
    expect(e).toMatchObject({ state: 'FIRING', transition: 'OK_TO_FIRING', breachingForMs: 30_000 });
  });

  it('ignores points after now and unordered input', () => {
    const points = [...series(90, 91, 92, 93)].reverse().concat([{ timestamp: NOW + 10_000, value: 10 }]);
    expect(evaluateAlarm({ condition: cond(), status: ok, series: points, now: NOW })).toMatchObject({ transition: 'OK_TO_FIRING', latest: 93 });
  });
});
