'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { startFaultAction } from '@/server/actions/deployments/start-fault';
import { ERROR_RATE_STATUSES, FAULT_KINDS, FAULT_LABELS, FAULT_LIMITS, type FaultKind } from '@/server/domain/faults';

interface NumberField {
  name: 'seconds' | 'percent' | 'ms' | 'requests';
  label: string;
  initial: string;
  min: number;
  max: number;
}

const FIELDS: Record<FaultKind, NumberField[]> = {
  SLOW_START: [{ name: 'seconds', label: 'Delay (s)', initial: '20', min: 1, max: FAULT_LIMITS.maxSlowStartSeconds }],
  FAILING_BOOTSTRAP: [],
  ERROR_RATE: [{ name: 'percent', label: 'Share of requests (%)', initial: '50', min: 1, max: 100 }],
  LATENCY: [{ name: 'ms', label: 'Added latency (ms)', initial: '500', min: 1, max: FAULT_LIMITS.maxLatencyMs }],
  THROTTLE: [{ name: 'percent', label: 'Share of requests (%)', initial: '50', min: 1, max: 100 }],
  CRASH_AFTER: [{ name: 'requests', label: 'Requests before the crash', initial: '10', min: 1, max: FAULT_LIMITS.maxCrashAfterRequests }],
};

const HINTS: Record<FaultKind, string> = {
  SLOW_START: 'Each instance started while it is on (activate, update, a replaced instance) starts this much later.',
  FAILING_BOOTSTRAP: 'Each instance started while it is on exits at once with a message saying why.',
  ERROR_RATE: 'The gateway answers this share of predict requests with an error instead of the model.',
  LATENCY: 'The gateway holds every predict request this long before answering.',
  THROTTLE: 'The gateway answers this share of predict requests with 429 Too Many Requests.',
  CRASH_AFTER: 'Each instance is killed after serving this many requests; the reconciler replaces it.',
};

/** Turns one fault on for a set time. For testing clients' retries and the console's failure views. */
export function FaultInjectionForm({ deploymentId }: { deploymentId: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const [kind, setKind] = useState<FaultKind>('ERROR_RATE');
  const [values, setValues] = useState<Record<string, string>>({ durationSeconds: '300', status: '500' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const fields = FIELDS[kind];
  const valueOf = (f: NumberField) => values[`${kind}.${f.name}`] ?? f.initial;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const fault: Record<string, string> = { kind, durationSeconds: values.durationSeconds ?? '' };
    for (const f of fields) fault[f.name] = valueOf(f);
    if (kind === 'ERROR_RATE') fault.status = values.status ?? '500';
    startTransition(async () => {
      const r = await startFaultAction({ deploymentId, fault });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        toast({ variant: 'error', title: 'Could not turn the fault on', description: r.error });
        return;
      }
      setErrors({});
      toast({ variant: 'info', title: `${FAULT_LABELS[kind]} is on`, description: `It stops by itself after ${fault.durationSeconds} s.` });
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Turn on a fault" noValidate>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Fault" hint={HINTS[kind]}>
          <Select value={kind} onChange={(e) => setKind(e.target.value as FaultKind)} options={FAULT_KINDS.map((k) => ({ value: k, label: FAULT_LABELS[k] }))} />
        </Field>
        {fields.map((f) => (
          <Field key={`${kind}.${f.name}`} label={f.label} {...(errors[f.name] ? { error: errors[f.name] } : {})}>
            <Input type="number" inputMode="numeric" min={f.min} max={f.max} value={valueOf(f)} onChange={(e) => setValues((v) => ({ ...v, [`${kind}.${f.name}`]: e.target.value }))} />
          </Field>
        ))}
        {kind === 'ERROR_RATE' && (
          <Field label="Status code">
            <Select value={values.status ?? '500'} onChange={(e) => setValues((v) => ({ ...v, status: e.target.value }))} options={ERROR_RATE_STATUSES.map((s) => ({ value: String(s), label: `HTTP ${s}` }))} />
          </Field>
        )}
        <Field
          label="Duration (s)"
          hint={`It stops by itself after this long (${FAULT_LIMITS.minDurationSeconds}-${FAULT_LIMITS.maxDurationSeconds} s).`}
          {...(errors.durationSeconds ? { error: errors.durationSeconds } : {})}
          required
        >
          <Input
            type="number"
            inputMode="numeric"
            min={FAULT_LIMITS.minDurationSeconds}
            max={FAULT_LIMITS.maxDurationSeconds}
            value={values.durationSeconds ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, durationSeconds: e.target.value }))}
          />
        </Field>
      </div>
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          Turn on
        </Button>
      </div>
    </form>
  );
}
