'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { saveIdleGuardAction } from '@/server/actions/deployments/idle-guard/save-idle-guard';
import { WEEKDAYS, type IdleGuardSettings, type Weekday } from '@/server/domain/idle-guard';

// The Scaling tab's idle guard: deactivate the deployment (its URL stays) after some minutes
// without predict requests, and optionally activate it again on chosen days at a UTC time.
// Field errors come from the server's schema; a refused save changes nothing.

const DAY_LABELS: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

export interface IdleGuardPanelProps {
  deploymentId: string;
  settings: IdleGuardSettings;
  words: string[];
  minMinutes: number;
  lowered: boolean;
  canEdit: boolean;
}

export function IdleGuardPanel({ deploymentId, settings, words, minMinutes, lowered, canEdit }: IdleGuardPanelProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [isEnabled, setEnabled] = useState(settings.isEnabled);
  const [idleMinutes, setIdleMinutes] = useState(String(settings.idleMinutes));
  const [scheduleEnabled, setScheduleEnabled] = useState(settings.schedule !== null);
  const [days, setDays] = useState<Weekday[]>(settings.schedule?.days ?? ['MON', 'TUE', 'WED', 'THU', 'FRI']);
  const [time, setTime] = useState(settings.schedule?.time ?? '08:00');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const err = (k: string) => (errors[k] ? { error: errors[k] } : {});
  const toggleDay = (d: Weekday, on: boolean) => setDays((s) => (on ? [...s.filter((x) => x !== d), d] : s.filter((x) => x !== d)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await saveIdleGuardAction({ deploymentId, guard: { isEnabled, idleMinutes, scheduleEnabled, days, time } });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        toast({ variant: 'error', title: 'Could not save the idle guard', description: r.error });
        return;
      }
      setErrors({});
      toast({ variant: 'info', title: r.data.settings.isEnabled ? 'Idle guard on' : 'Idle guard off' });
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="idle-guard-heading" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
      <h3 id="idle-guard-heading" className="text-sm font-semibold text-gray-900">
        Idle guard
      </h3>
      <ul aria-label="Idle guard state" className="flex flex-col gap-0.5 text-sm text-gray-800">
        {words.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p className="max-w-3xl text-sm text-gray-600">
        When no predict request has come for the given minutes, the guard deactivates the deployment as the Deactivate button does: its
        instances stop (OCI bills none while inactive) and its URL stays. The minutes count from the last request, and at the earliest from
        its last activation and from when the guard was saved. Optionally it activates the deployment again on the chosen days at a UTC time,
        if it is inactive then. Each action is a work request and appears on the timeline below.
        {lowered ? ` The minimum idle time is lowered to ${minMinutes} min on this installation (BERTH_IDLE_GUARD_MIN_MINUTES), for tests and demos; it is normally 5 min.` : ''}
      </p>
      {canEdit && (
        <form onSubmit={submit} aria-label="Idle guard settings" className="flex flex-col gap-3" noValidate>
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" checked={isEnabled} onChange={(e) => setEnabled(e.target.checked)} />
            Deactivate when idle
          </label>
          <Field label="Idle minutes" hint={`Minutes without predict requests, at least ${minMinutes}`} className="max-w-xs" {...err('idleMinutes')}>
            <Input type="number" inputMode="numeric" min={minMinutes} value={idleMinutes} onChange={(e) => setIdleMinutes(e.target.value)} />
          </Field>
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" checked={scheduleEnabled} onChange={(e) => setScheduleEnabled(e.target.checked)} />
            Activate on a schedule
          </label>
          {scheduleEnabled && (
            <div className="flex flex-col gap-3 pl-6">
              <fieldset className="flex flex-col gap-1" aria-describedby={errors.days ? 'idle-guard-days-error' : undefined}>
                <legend className="text-sm font-medium text-gray-900">Days</legend>
                <div className="flex flex-wrap gap-3">
                  {WEEKDAYS.map((d) => (
                    <label key={d} className="flex items-center gap-1 text-sm text-gray-800">
                      <input type="checkbox" checked={days.includes(d)} onChange={(e) => toggleDay(d, e.target.checked)} />
                      {DAY_LABELS[d]}
                    </label>
                  ))}
                </div>
                {errors.days && (
                  <p id="idle-guard-days-error" className="text-sm text-red-700">
                    {errors.days}
                  </p>
                )}
              </fieldset>
              <Field label="Time (UTC)" hint="HH:MM, 24-hour, in UTC" className="max-w-xs" {...err('time')}>
                <Input value={time} placeholder="08:00" onChange={(e) => setTime(e.target.value)} />
              </Field>
            </div>
          )}
          <div>
            <Button type="submit" variant="primary" disabled={pending}>
              Save idle guard
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
