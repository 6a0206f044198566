'use client';

import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Field, type FieldControlProps } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { RESOURCE_ID_PLACEHOLDER } from '@/server/domain/alarm-expression';
import { OCI_COOL_DOWN_SECONDS } from '@/server/domain/cool-down';
import { INSTANCE_COUNT_MAX, INSTANCE_COUNT_MIN } from '@/server/validation/scaling';
import { Note } from './form-section';
import { newRule, type RuleSideValues, type RuleValues, type ScalingMode, type ScalingValues } from './scaling-form';

// The compute section's instances: a fixed number, or OCI's autoscaling policy (bounds, cooldown
// and threshold rules on CPU, memory or a custom metric query).

export interface ScalingFieldsProps {
  scaling: ScalingValues;
  instanceCount: string;
  onScaling: (next: ScalingValues) => void;
  onInstanceCount: (value: string) => void;
  errors: Record<string, string>;
  /** BERTH_AUTOSCALING_MIN_SECONDS, when the console lowers OCI's minimums. */
  minSeconds: number | null;
}

const RULE_TYPES = [
  { value: 'CPU_UTILIZATION', label: 'CPU utilization' },
  { value: 'MEMORY_UTILIZATION', label: 'Memory utilization' },
  { value: 'CUSTOM_EXPRESSION', label: 'Custom metric query' },
] as const;

interface NumberInputProps extends Partial<FieldControlProps> {
  name: string;
  value: string;
  onChange: (v: string) => void;
  min?: number;
  max?: number;
  className?: string;
}

/** Passes on the id and aria attributes Field gives it, so its label names it. */
function NumberInput({ name, value, onChange, min, max, className = 'w-28', ...control }: NumberInputProps) {
  return <Input {...control} name={name} type="number" inputMode="numeric" min={min} max={max} className={className} value={value} onChange={(e) => onChange(e.target.value)} />;
}

function SideFields({ rule, index, side, onChange, errors, pendingHint }: {
  rule: RuleValues;
  index: number;
  side: 'scaleOut' | 'scaleIn';
  onChange: (patch: Partial<RuleSideValues>) => void;
  errors: Record<string, string>;
  pendingHint: string;
}) {
  const v = rule[side];
  const key = `scaling.rules.${index}.${side}`;
  const words = side === 'scaleOut' ? 'Scale-out' : 'Scale-in';
  return (
    <div className="flex flex-wrap items-start gap-3">
      {rule.kind === 'PREDEFINED_EXPRESSION' ? (
        <Field label={`${words} threshold (%)`} required error={errors[`${key}.threshold`]} hint={side === 'scaleOut' ? 'Add instances at or above this.' : 'Remove instances below this.'}>
          <NumberInput name={`${key}.threshold`} value={v.threshold} min={0} max={100} onChange={(threshold) => onChange({ threshold })} />
        </Field>
      ) : (
        <Field label={`${words} query`} required error={errors[`${key}.query`]} className="min-w-[28rem] flex-1" hint={side === 'scaleOut' ? 'An alarm expression: when it is true, instances are added.' : 'When this one is true, instances are removed.'}>
          <Input name={`${key}.query`} className="w-full font-mono text-xs" value={v.query} spellCheck={false} onChange={(e) => onChange({ query: e.target.value })} />
        </Field>
      )}
      <Field label={`${words} pending duration`} error={errors[`${key}.pendingDuration`]} hint={pendingHint}>
        <Input name={`${key}.pendingDuration`} className="w-28 font-mono" value={v.pendingDuration} placeholder="PT3M" onChange={(e) => onChange({ pendingDuration: e.target.value })} />
      </Field>
      <Field label={`${words} instance count adjustment`} error={errors[`${key}.instanceCountAdjustment`]} hint="Instances added or removed at a time (default 1).">
        <NumberInput name={`${key}.instanceCountAdjustment`} value={v.instanceCountAdjustment} min={1} max={INSTANCE_COUNT_MAX} onChange={(instanceCountAdjustment) => onChange({ instanceCountAdjustment })} />
      </Field>
    </div>
  );
}

function RuleFields({ rule, index, count, onChange, onRemove, errors, pendingHint }: {
  rule: RuleValues;
  index: number;
  count: number;
  onChange: (next: RuleValues) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  pendingHint: string;
}) {
  const type = rule.kind === 'CUSTOM_EXPRESSION' ? 'CUSTOM_EXPRESSION' : rule.metricType;
  const ruleError = errors[`scaling.rules.${index}`] ?? errors[`scaling.rules.${index}.metricType`];
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-gray-200 p-3">
      <legend className="px-1 text-sm font-medium text-gray-800">Rule {index + 1}</legend>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Field label="Metric" error={ruleError}>
          <Select
            name={`scaling.rules.${index}.metricType`}
            className="w-56"
            value={type}
            options={RULE_TYPES}
            onChange={(e) => {
              const value = e.target.value;
              if (value === 'CUSTOM_EXPRESSION') onChange({ ...rule, kind: 'CUSTOM_EXPRESSION' });
              else onChange({ ...rule, kind: 'PREDEFINED_EXPRESSION', metricType: value === 'MEMORY_UTILIZATION' ? 'MEMORY_UTILIZATION' : 'CPU_UTILIZATION' });
            }}
          />
        </Field>
        {count > 1 && (
          <Button size="sm" onClick={onRemove}>
            Remove rule {index + 1}
          </Button>
        )}
      </div>
      {rule.kind === 'CUSTOM_EXPRESSION' && (
        <Note>
          A query names the deployment as <code className="font-mono">resourceId = &quot;{RESOURCE_ID_PLACEHOLDER}&quot;</code> and may read CpuUtilization,
          MemoryUtilization, PredictRequestCount, PredictLatency or the other recorded metrics, for example{' '}
          <code className="font-mono">PredictRequestCount[1m]{'{'}resourceId = &quot;{RESOURCE_ID_PLACEHOLDER}&quot;{'}'}.sum() &gt; 600</code>.
        </Note>
      )}
      <SideFields rule={rule} index={index} side="scaleOut" errors={errors} pendingHint={pendingHint} onChange={(patch) => onChange({ ...rule, scaleOut: { ...rule.scaleOut, ...patch } })} />
      <SideFields rule={rule} index={index} side="scaleIn" errors={errors} pendingHint={pendingHint} onChange={(patch) => onChange({ ...rule, scaleIn: { ...rule.scaleIn, ...patch } })} />
    </fieldset>
  );
}

export function ScalingFields({ scaling, instanceCount, onScaling, onInstanceCount, errors, minSeconds }: ScalingFieldsProps) {
  const id = useId();
  const set = (patch: Partial<ScalingValues>) => onScaling({ ...scaling, ...patch });
  const minCoolDown = minSeconds === null ? OCI_COOL_DOWN_SECONDS : Math.min(minSeconds, OCI_COOL_DOWN_SECONDS);
  const minPending = minSeconds === null ? 'PT3M' : `PT${Math.min(minSeconds, 180)}S`;
  const pendingHint = `How long the condition must hold: ${minPending} to PT1H (default PT3M).`;
  const choose = (mode: ScalingMode) => {
    // Switching to autoscaling starts from the fixed count, so nothing moves until the rules say so.
    if (mode === 'AUTOSCALING' && scaling.mode === 'FIXED_SIZE') set({ mode, initial: instanceCount, minimum: instanceCount });
    else set({ mode });
  };
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-gray-800">Scaling</legend>
        <div className="flex flex-wrap gap-4 text-sm text-gray-800">
          {(['FIXED_SIZE', 'AUTOSCALING'] as const).map((mode) => (
            <label key={mode} className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-scaling`} value={mode} checked={scaling.mode === mode} onChange={() => choose(mode)} className="accent-accent-600" />
              {mode === 'FIXED_SIZE' ? 'Fixed size' : 'Autoscaling'}
            </label>
          ))}
        </div>
      </fieldset>
      {scaling.mode === 'FIXED_SIZE' ? (
        <Field label="Number of instances" required error={errors.instanceCount} hint={`${INSTANCE_COUNT_MIN} to ${INSTANCE_COUNT_MAX}; the load balancer spreads requests over them.`}>
          <NumberInput name="instanceCount" value={instanceCount} min={INSTANCE_COUNT_MIN} max={INSTANCE_COUNT_MAX} className="w-32" onChange={onInstanceCount} />
        </Field>
      ) : (
        <>
          {errors.scaling && <p className="text-xs font-medium text-red-700">{errors.scaling}</p>}
          <div className="flex flex-wrap gap-3">
            <Field label="Minimum instances" required error={errors['scaling.minimum']}>
              <NumberInput name="scaling.minimum" value={scaling.minimum} min={INSTANCE_COUNT_MIN} max={INSTANCE_COUNT_MAX} onChange={(minimum) => set({ minimum })} />
            </Field>
            <Field label="Initial instances" required error={errors['scaling.initial']} hint="Set again whenever it changes.">
              <NumberInput name="scaling.initial" value={scaling.initial} min={INSTANCE_COUNT_MIN} max={INSTANCE_COUNT_MAX} onChange={(initial) => set({ initial })} />
            </Field>
            <Field label="Maximum instances" required error={errors['scaling.maximum']}>
              <NumberInput name="scaling.maximum" value={scaling.maximum} min={INSTANCE_COUNT_MIN} max={INSTANCE_COUNT_MAX} onChange={(maximum) => set({ maximum })} />
            </Field>
            <Field label="Cooldown (seconds)" error={errors['scaling.coolDownInSeconds']} hint={`At least ${minCoolDown} (default ${OCI_COOL_DOWN_SECONDS}): no scaling for this long after one.`}>
              <NumberInput name="scaling.coolDownInSeconds" value={scaling.coolDownInSeconds} min={minCoolDown} onChange={(coolDownInSeconds) => set({ coolDownInSeconds })} />
            </Field>
          </div>
          <label className="inline-flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" name="scaling.enabled" checked={scaling.enabled} onChange={(e) => set({ enabled: e.target.checked })} className="accent-accent-600" />
            Autoscaling enabled (off: the deployment stays at its current count)
          </label>
          {minSeconds !== null && (
            <Note>
              This console lowers OCI&apos;s minimums to {minSeconds} s (BERTH_AUTOSCALING_MIN_SECONDS) for tests and demos; OCI itself, and this console&apos;s
              OCI-compatible API, require a cooldown of at least {OCI_COOL_DOWN_SECONDS} s and a pending duration of at least PT3M.
            </Note>
          )}
          {errors['scaling.rules'] && <p className="text-xs font-medium text-red-700">{errors['scaling.rules']}</p>}
          {scaling.rules.map((rule, i) => (
            <RuleFields
              key={rule.id}
              rule={rule}
              index={i}
              count={scaling.rules.length}
              errors={errors}
              pendingHint={pendingHint}
              onChange={(next) => set({ rules: scaling.rules.map((r) => (r.id === rule.id ? next : r)) })}
              onRemove={() => set({ rules: scaling.rules.filter((r) => r.id !== rule.id) })}
            />
          ))}
          <div>
            <Button size="sm" onClick={() => set({ rules: [...scaling.rules, newRule()] })}>
              Add rule
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
