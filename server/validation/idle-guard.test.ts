import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/config';
import { makeIdleGuardSchema } from './idle-guard';

const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('idle guard input', () => {
  const strict = makeIdleGuardSchema(null);

  it('takes the form as it arrives and gives the settings, the schedule in weekday order', () => {
    expect(strict.parse({ isEnabled: true, idleMinutes: '30', scheduleEnabled: true, days: ['FRI', 'MON'], time: '08:00' })).toEqual({
      isEnabled: true,
      idleMinutes: 30,
      schedule: { days: ['MON', 'FRI'], time: '08:00' },
    });
    // Days and time are kept by the form but ignored while the schedule is off.
    expect(strict.parse({ isEnabled: false, idleMinutes: 5, scheduleEnabled: false, days: ['MON'], time: '' })).toEqual({ isEnabled: false, idleMinutes: 5, schedule: null });
  });

  it('names each field that is wrong', () => {
    expect(errors(strict.safeParse({ isEnabled: true, idleMinutes: '4' }))).toEqual({ idleMinutes: 'Idle minutes must be a whole number from 5 to 10080.' });
    expect(errors(strict.safeParse({ isEnabled: true, idleMinutes: '7.5' }))).toEqual({ idleMinutes: 'Idle minutes must be a whole number from 5 to 10080.' });
    expect(errors(strict.safeParse({ isEnabled: true, idleMinutes: '30', scheduleEnabled: true, days: [], time: '' }))).toEqual({
      days: 'Choose at least one day for the scheduled activation.',
      time: 'Give the time of the scheduled activation, HH:MM in UTC.',
    });
    expect(errors(strict.safeParse({ isEnabled: true, idleMinutes: '30', scheduleEnabled: true, days: ['MON'], time: '24:00' }))).toEqual({ time: 'Time must be HH:MM in UTC, for example 08:00.' });
    expect(errors(strict.safeParse({ isEnabled: true, idleMinutes: '30', scheduleEnabled: true, days: ['MONDAY'], time: '08:00' }))).toEqual({ 'days.0': 'Days must be weekdays (MON to SUN).' });
    expect(errors(strict.safeParse({ isEnabled: true, idleMinutes: '30', extra: 1 }))).toHaveProperty('');
  });

  it('takes the lower minimum of BERTH_IDLE_GUARD_MIN_MINUTES, and says where it comes from', () => {
    const lowered = makeIdleGuardSchema(1);
    expect(lowered.parse({ isEnabled: true, idleMinutes: '1' }).idleMinutes).toBe(1);
    expect(errors(lowered.safeParse({ isEnabled: true, idleMinutes: '0' }))).toEqual({ idleMinutes: 'Idle minutes must be a whole number from 1 to 10080 (lowered to 1 by BERTH_IDLE_GUARD_MIN_MINUTES).' });
    expect(loadConfig({ BERTH_IDLE_GUARD_MIN_MINUTES: '2' }).idleGuardMinMinutes).toBe(2);
    expect(loadConfig({}).idleGuardMinMinutes).toBeNull();
    expect(() => loadConfig({ BERTH_IDLE_GUARD_MIN_MINUTES: '0' })).toThrow(/BERTH_IDLE_GUARD_MIN_MINUTES/);
    expect(() => loadConfig({ BERTH_IDLE_GUARD_MIN_MINUTES: '6' })).toThrow(/BERTH_IDLE_GUARD_MIN_MINUTES/);
  });
});
