'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { createAlarmAction } from '@/server/actions/deployments/alarms/create-alarm';
import { updateAlarmAction } from '@/server/actions/deployments/alarms/update-alarm';
import { ALARM_SEVERITIES } from '@/server/domain/alarm-evaluator';
import { alarmInputOf, type AlarmFormValues } from './alarm-form-values';

const ACTIONS = [
  { value: 'CHANGE_SHAPE', label: 'Change the shape (vertical)' },
  { value: 'SCALE_INSTANCES', label: 'Scale instances (horizontal)' },
  { value: 'NONE', label: 'Notify only' },
];

/**
 * Creates an alarm on a deployment, or edits one (alarmId given). Field errors come from the
 * server's schema. `notifyOnly` (a provider without alarm actions: OCI) asks for the topics to
 * notify instead of an action.
 */
export function AlarmForm({ deploymentId, alarmId, initial, onDone, notifyOnly = false }: { deploymentId: string; alarmId?: string; initial: AlarmFormValues; onDone?: () => void; notifyOnly?: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof AlarmFormValues>(k: K) => (value: AlarmFormValues[K]) => setV((s) => ({ ...s, [k]: value }));
  const err = (k: string) => (errors[k] ? { error: errors[k] } : {});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const alarm = alarmInputOf(v, notifyOnly);
      const r = alarmId ? await updateAlarmAction({ alarmId, alarm }) : await createAlarmAction({ deploymentId, alarm });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        toast({ variant: 'error', title: alarmId ? 'Could not save the alarm' : 'Could not create the alarm', description: r.error });
        return;
      }
      setErrors({});
      toast({ variant: 'info', title: alarmId ? `Alarm ${r.data.displayName} saved` : `Alarm ${r.data.displayName} created` });
      onDone?.();
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label={alarmId ? 'Edit alarm' : 'Create alarm'} noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Alarm name" required {...err('displayName')}>
          <Input value={v.displayName} onChange={(e) => set('displayName')(e.target.value)} />
        </Field>
        <Field label="Severity" {...err('severity')}>
          <Select value={v.severity} onChange={(e) => set('severity')(e.target.value)} options={ALARM_SEVERITIES.map((s) => ({ value: s, label: s }))} />
        </Field>
      </div>
      <Field label="Query" required hint='MQL, as OCI Monitoring: Metric[interval]{resourceId = "..."}.statistic() > threshold' {...err('query')}>
        <Textarea rows={2} className="font-mono text-xs" value={v.query} onChange={(e) => set('query')(e.target.value)} />
      </Field>
      <div className={`grid gap-3 ${notifyOnly ? 'sm:grid-cols-2' : 'sm:grid-cols-3'}`}>
        <Field label="Pending duration" hint="How long the condition must hold, e.g. PT1M" {...err('pendingDuration')}>
          <Input value={v.pendingDuration} onChange={(e) => set('pendingDuration')(e.target.value)} />
        </Field>
        <Field label="Repeat notification" hint={notifyOnly ? 'While firing, notify again this often; empty: once' : 'While firing, act again this often; empty: once'} {...err('repeatDuration')}>
          <Input value={v.repeatDuration} onChange={(e) => set('repeatDuration')(e.target.value)} />
        </Field>
        {!notifyOnly && (
          <Field label="Cooldown (s)" hint="Between two alarm actions on the deployment" {...err('coolDownInSeconds')}>
            <Input type="number" inputMode="numeric" value={v.coolDownInSeconds} onChange={(e) => set('coolDownInSeconds')(e.target.value)} />
          </Field>
        )}
      </div>
      {notifyOnly ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Notification topics" required hint="OCIDs of the topics (or a stream) it notifies, one a line" {...err('destinations')}>
            <Textarea rows={2} className="font-mono text-xs" value={v.destinations} onChange={(e) => set('destinations')(e.target.value)} />
          </Field>
          <Field label="Notification body" hint="What the notification says, for example the runbook to follow" {...err('body')}>
            <Textarea rows={2} value={v.body} onChange={(e) => set('body')(e.target.value)} />
          </Field>
        </div>
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Action when it fires" {...err('action.type')}>
              <Select value={v.actionType} onChange={(e) => set('actionType')(e.target.value as AlarmFormValues['actionType'])} options={ACTIONS} />
            </Field>
            {v.actionType !== 'NONE' && (
              <Field label="Direction" {...err('action.direction')}>
                <Select value={v.direction} onChange={(e) => set('direction')(e.target.value as 'UP' | 'DOWN')} options={[{ value: 'UP', label: 'Up' }, { value: 'DOWN', label: 'Down' }]} />
              </Field>
            )}
          </div>
          {v.actionType === 'SCALE_INSTANCES' && (
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label="Instances to add or remove" {...err('action.count')}>
                <Input type="number" inputMode="numeric" value={v.count} onChange={(e) => set('count')(e.target.value)} />
              </Field>
              <Field label="Minimum instances" {...err('action.minInstances')}>
                <Input type="number" inputMode="numeric" value={v.minInstances} onChange={(e) => set('minInstances')(e.target.value)} />
              </Field>
              <Field label="Maximum instances" {...err('action.maxInstances')}>
                <Input type="number" inputMode="numeric" value={v.maxInstances} onChange={(e) => set('maxInstances')(e.target.value)} />
              </Field>
            </div>
          )}
          {v.actionType === 'CHANGE_SHAPE' && (
            <Field label="Shape ladder" hint="One step a line, smallest first: shape, OCPUs, memory in GB (e.g. VM.Standard.E4.Flex 2 32)" {...err('action.ladder')}>
              <Textarea rows={4} className="font-mono text-xs" value={v.ladder} onChange={(e) => set('ladder')(e.target.value)} />
            </Field>
          )}
        </>
      )}
      <label className="flex items-center gap-2 text-sm text-gray-800">
        <input type="checkbox" checked={v.isEnabled} onChange={(e) => set('isEnabled')(e.target.checked)} />
        Enabled
      </label>
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {alarmId ? 'Save alarm' : 'Create alarm'}
        </Button>
      </div>
    </form>
  );
}
