import { z } from 'zod';
import { IDLE_GUARD_MAX_MINUTES, IDLE_GUARD_MIN_MINUTES, WEEKDAYS, type IdleGuardSettings } from '@/server/domain/idle-guard';

// The idle guard as the Scaling tab's form and its server action send it (numbers arrive as text,
// hence the coercion). At least 5 idle minutes; the local setting BERTH_IDLE_GUARD_MIN_MINUTES lowers
// that for tests and demos. The schedule is optional: some days of the week and one UTC time.

export const idleGuardMinMinutes = (lowered: number | null): number => (lowered === null ? IDLE_GUARD_MIN_MINUTES : Math.min(lowered, IDLE_GUARD_MIN_MINUTES));

export function makeIdleGuardSchema(lowered: number | null) {
  const min = idleGuardMinMinutes(lowered);
  const range = `Idle minutes must be a whole number from ${min} to ${IDLE_GUARD_MAX_MINUTES}${lowered === null ? '' : ` (lowered to ${min} by BERTH_IDLE_GUARD_MIN_MINUTES)`}.`;
  return z
    .strictObject({
      isEnabled: z.boolean({ error: 'Enabled must be true or false.' }),
      idleMinutes: z.coerce.number({ error: range }).int(range).min(min, range).max(IDLE_GUARD_MAX_MINUTES, range),
      scheduleEnabled: z.boolean({ error: 'Activate on a schedule must be true or false.' }).default(false),
      days: z.array(z.enum(WEEKDAYS, { error: 'Days must be weekdays (MON to SUN).' }), { error: 'Days must be a list of weekdays.' }).max(7).default([]),
      time: z
        .string({ error: 'Time must be HH:MM in UTC, for example 08:00.' })
        .trim()
        .default('')
        .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Time must be HH:MM in UTC, for example 08:00.'),
    })
    .superRefine((v, ctx) => {
      if (!v.scheduleEnabled) return;
      if (v.days.length === 0) ctx.addIssue({ code: 'custom', path: ['days'], message: 'Choose at least one day for the scheduled activation.' });
      if (v.time === '') ctx.addIssue({ code: 'custom', path: ['time'], message: 'Give the time of the scheduled activation, HH:MM in UTC.' });
    })
    .transform(
      (v): IdleGuardSettings => ({
        isEnabled: v.isEnabled,
        idleMinutes: v.idleMinutes,
        schedule: v.scheduleEnabled ? { days: WEEKDAYS.filter((d) => v.days.includes(d)), time: v.time } : null,
      }),
    );
}
