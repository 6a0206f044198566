import { describe, expect, it } from 'vitest';
import {
  decideIdleGuard,
  describeIdleGuard,
  describeSchedule,
  idleSince,
  latestScheduledActivation,
  nextScheduledActivation,
  type GuardInput,
  type IdleFacts,
} from './idle-guard';

const MIN = 60_000;
// Tuesday 2026-12-01 12:00 UTC.
const NOON = Date.parse('2026-12-01T12:00:00Z');
const at = (iso: string) => Date.parse(iso);

const facts = (over: Partial<IdleFacts> = {}): IdleFacts => ({
  lastRequestAt: null,
  lastRequestResolutionMs: MIN,
  activeSince: NOON - 120 * MIN,
  watchingSince: NOON - 180 * MIN,
  ...over,
});

const input = (over: Partial<GuardInput> = {}): GuardInput => ({
  settings: { isEnabled: true, idleMinutes: 30, schedule: null },
  state: 'ACTIVE',
  work: 'NONE',
  now: NOON,
  facts: facts(),
  handledSlot: null,
  ...over,
});

describe('schedule', () => {
  const weekdays = { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const, time: '08:00' };
  const s = { ...weekdays, days: [...weekdays.days] };

  it('finds the newest scheduled time at or before now and the next one after it, across weekends', () => {
    expect(latestScheduledActivation(s, NOON)).toBe(at('2026-12-01T08:00:00Z'));
    expect(nextScheduledActivation(s, NOON)).toBe(at('2026-12-02T08:00:00Z'));
    // Saturday noon: the newest was Friday's, the next is Monday's.
    const saturday = at('2026-12-05T12:00:00Z');
    expect(latestScheduledActivation(s, saturday)).toBe(at('2026-12-04T08:00:00Z'));
    expect(nextScheduledActivation(s, saturday)).toBe(at('2026-12-07T08:00:00Z'));
    // Exactly at the time: that one is the newest, the next is a day later.
    expect(latestScheduledActivation(s, at('2026-12-01T08:00:00Z'))).toBe(at('2026-12-01T08:00:00Z'));
    expect(nextScheduledActivation(s, at('2026-12-01T08:00:00Z'))).toBe(at('2026-12-02T08:00:00Z'));
    // One day a week, a week ahead and behind.
    const sundays = { days: ['SUN' as const], time: '23:59' };
    expect(nextScheduledActivation(sundays, at('2026-12-07T00:00:00Z'))).toBe(at('2026-12-13T23:59:00Z'));
    expect(latestScheduledActivation(sundays, at('2026-12-06T23:58:00Z'))).toBe(at('2026-11-29T23:59:00Z'));
    expect(latestScheduledActivation(null, NOON)).toBeNull();
    expect(nextScheduledActivation(null, NOON)).toBeNull();
  });

  it('says the schedule in a few words', () => {
    expect(describeSchedule(s)).toBe('Mon–Fri at 08:00 UTC');
    expect(describeSchedule({ days: ['WED', 'MON'], time: '09:30' })).toBe('Mon, Wed at 09:30 UTC');
    expect(describeSchedule({ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], time: '07:00' })).toBe('every day at 07:00 UTC');
  });
});

describe('idleSince', () => {
  it('is the latest of the last request (the end of its minute), the activation and the guard being saved', () => {
    expect(idleSince(facts({ lastRequestAt: NOON - 10 * MIN }))).toEqual({ since: NOON - 9 * MIN, by: 'REQUEST' });
    expect(idleSince(facts())).toEqual({ since: NOON - 120 * MIN, by: 'ACTIVE' });
    expect(idleSince(facts({ watchingSince: NOON - 5 * MIN }))).toEqual({ since: NOON - 5 * MIN, by: 'GUARD' });
    // An hourly roll-up: the request may have come at its last minute.
    expect(idleSince(facts({ lastRequestAt: NOON - 90 * MIN, lastRequestResolutionMs: 60 * MIN }))).toEqual({ since: NOON - 30 * MIN, by: 'REQUEST' });
  });
});

describe('decideIdleGuard: deactivation', () => {
  it('deactivates an ACTIVE deployment idle for N minutes, saying since when', () => {
    const d = decideIdleGuard(input({ facts: facts({ lastRequestAt: at('2026-12-01T11:24:00Z') }) }));
    expect(d).toEqual({ kind: 'DEACTIVATE', reason: 'Idle guard: no predict requests for 35 min (last at 11:24 UTC).' });
    const never = decideIdleGuard(input());
    expect(never).toEqual({ kind: 'DEACTIVATE', reason: 'Idle guard: no predict requests for 120 min (none recorded, active since 10:00 UTC).' });
  });

  it('waits while the last request, the activation or the guard itself is less than N minutes old', () => {
    expect(decideIdleGuard(input({ facts: facts({ lastRequestAt: NOON - 30 * MIN }) }))).toEqual({ kind: 'NONE' });
    expect(decideIdleGuard(input({ facts: facts({ lastRequestAt: NOON - 31 * MIN }) })).kind).toBe('DEACTIVATE');
    expect(decideIdleGuard(input({ facts: facts({ activeSince: NOON - 29 * MIN }) }))).toEqual({ kind: 'NONE' });
    expect(decideIdleGuard(input({ facts: facts({ activeSince: null, watchingSince: NOON - 29 * MIN }) }))).toEqual({ kind: 'NONE' });
  });

  it('does nothing when disabled, inactive, or on its way on or off', () => {
    expect(decideIdleGuard(input({ settings: { isEnabled: false, idleMinutes: 30, schedule: null } }))).toEqual({ kind: 'NONE' });
    for (const state of ['INACTIVE', 'CREATING', 'DELETING', 'DELETED'] as const) expect(decideIdleGuard(input({ state }))).toEqual({ kind: 'NONE' });
    // Its own deactivation (or one by hand) running, or an activation: no hold to report.
    expect(decideIdleGuard(input({ state: 'UPDATING', work: 'DEACTIVATE' }))).toEqual({ kind: 'NONE' });
    expect(decideIdleGuard(input({ state: 'UPDATING', work: 'ACTIVATE' }))).toEqual({ kind: 'NONE' });
  });

  it('holds back during other work or in a state that cannot be deactivated, with a key that stays the same across evaluations', () => {
    const busy = decideIdleGuard(input({ work: 'OTHER' }));
    expect(busy).toMatchObject({ kind: 'HELD', action: 'DEACTIVATE', heldBy: 'BUSY', key: 'DEACTIVATE:BUSY' });
    expect(busy.kind === 'HELD' && busy.reason).toMatch(/^Idle guard: deactivation held back: another work request is in progress on the deployment; no predict requests for 120 min/);
    const later = decideIdleGuard(input({ work: 'OTHER', now: NOON + MIN }));
    expect(later.kind === 'HELD' && later.key).toBe('DEACTIVATE:BUSY');
    expect(decideIdleGuard(input({ state: 'UPDATING', work: 'OTHER' }))).toMatchObject({ kind: 'HELD', heldBy: 'BUSY' });
    const attention = decideIdleGuard(input({ state: 'NEEDS_ATTENTION' }));
    expect(attention).toMatchObject({ kind: 'HELD', heldBy: 'STATE', key: 'DEACTIVATE:STATE:NEEDS_ATTENTION' });
    expect(attention.kind === 'HELD' && attention.reason).toContain('the deployment is NEEDS_ATTENTION, and only an ACTIVE one is deactivated');
  });
});

describe('decideIdleGuard: scheduled activation', () => {
  const schedule = { days: ['TUE' as const], time: '11:55' };
  const slot = at('2026-12-01T11:55:00Z');
  const scheduled = (over: Partial<GuardInput> = {}) => input({ settings: { isEnabled: true, idleMinutes: 30, schedule }, state: 'INACTIVE', ...over });

  it('activates an INACTIVE deployment once its scheduled time has passed, once', () => {
    expect(decideIdleGuard(scheduled())).toEqual({ kind: 'ACTIVATE', slot, reason: 'Idle guard: scheduled activation (Tue at 11:55 UTC).' });
    expect(decideIdleGuard(scheduled({ handledSlot: slot }))).toEqual({ kind: 'NONE' });
  });

  it('never acts on a time from before the guard was saved', () => {
    expect(decideIdleGuard(scheduled({ facts: facts({ watchingSince: slot + 1000 }) }))).toEqual({ kind: 'NONE' });
    expect(decideIdleGuard(scheduled({ facts: facts({ watchingSince: slot - 1000 }) })).kind).toBe('ACTIVATE');
  });

  it('passes over the time when the deployment serves already; waits for other work; gives up on a state it cannot activate', () => {
    // Serving at the scheduled time (and idle): the time is passed over; its deactivation comes at a later evaluation.
    expect(decideIdleGuard(scheduled({ state: 'ACTIVE' }))).toEqual({ kind: 'NONE', handledSlot: slot });
    expect(decideIdleGuard(scheduled({ state: 'UPDATING', work: 'ACTIVATE' }))).toEqual({ kind: 'NONE', handledSlot: slot });
    const busy = decideIdleGuard(scheduled({ work: 'OTHER' }));
    expect(busy).toMatchObject({ kind: 'HELD', action: 'ACTIVATE', heldBy: 'BUSY', key: `ACTIVATE:BUSY:${slot}` });
    expect(busy.kind === 'HELD' && busy.handledSlot).toBeUndefined();
    expect(decideIdleGuard(scheduled({ state: 'UPDATING', work: 'DEACTIVATE' }))).toMatchObject({ kind: 'HELD', heldBy: 'BUSY' });
    const failed = decideIdleGuard(scheduled({ state: 'FAILED' }));
    expect(failed).toMatchObject({ kind: 'HELD', heldBy: 'STATE', handledSlot: slot });
    expect(failed.kind === 'HELD' && failed.reason).toBe('Idle guard: scheduled activation (Tue at 11:55 UTC) not carried out: the deployment is FAILED, and only an INACTIVE one is activated.');
  });

  it('does not activate when the guard is disabled', () => {
    expect(decideIdleGuard(scheduled({ settings: { isEnabled: false, idleMinutes: 30, schedule } }))).toEqual({ kind: 'NONE' });
  });
});

describe('describeIdleGuard', () => {
  it('says what the guard will do, in words', () => {
    const active = describeIdleGuard({ settings: { isEnabled: true, idleMinutes: 30, schedule: null }, state: 'ACTIVE', now: NOON, facts: facts({ lastRequestAt: NOON - 3 * MIN - 30_000 }) });
    expect(active).toEqual([
      'Deactivates after 30 min without requests; last request 3 min ago. Without requests it deactivates in 27 min.',
      'No activation schedule: once deactivated it stays inactive until it is activated by hand.',
    ]);
    const inactive = describeIdleGuard({ settings: { isEnabled: true, idleMinutes: 30, schedule: { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], time: '08:00' } }, state: 'INACTIVE', now: NOON, facts: facts() });
    expect(inactive).toEqual([
      'Deactivates after 30 min without requests while it is active; no request recorded.',
      'Activates Mon–Fri at 08:00 UTC when it is inactive then; next 2026-12-02 08:00 UTC (in 20 h).',
    ]);
    expect(describeIdleGuard({ settings: { isEnabled: false, idleMinutes: 30, schedule: null }, state: 'ACTIVE', now: NOON, facts: facts() })).toEqual(['Off: the deployment serves until it is deactivated by hand.']);
  });
});
