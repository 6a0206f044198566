import { OCI_COOL_DOWN_SECONDS } from '@/server/domain/cool-down';
import { z } from 'zod';
import { ladderIssue, type AlarmAction, type LadderStep } from '@/server/domain/alarm-actions';
import { ALARM_SEVERITIES } from '@/server/domain/alarm-evaluator';
import { parseIsoDurationSeconds } from '@/server/domain/iso-duration';
import { resolveShapeResources } from '@/server/domain/shapes';
import { displayNameSchema } from './common';
import { INSTANCE_COUNT_MAX, INSTANCE_COUNT_MIN, scalingQueryIssue } from './scaling';

// An alarm as the deployment page's form and its server actions send it (numbers arrive as text,
// hence the coercion). OCI Monitoring's limits: pending duration PT1M to PT1D, repeat notification
// PT1M to PT24H (or none); the alarm-action cooldown has autoscaling's 300 s minimum. The local
// setting BERTH_AUTOSCALING_MIN_SECONDS lowers those minimums for tests and demos, as it does for
// autoscaling. The query is the MQL subset the scaler parses, checked against the deployment.

export interface AlarmLimits {
  minPendingSeconds: number;
  minRepeatSeconds: number;
  minCoolDownSeconds: number;
}

export const OCI_ALARM_LIMITS: AlarmLimits = { minPendingSeconds: 60, minRepeatSeconds: 60, minCoolDownSeconds: OCI_COOL_DOWN_SECONDS };
const MAX_PENDING_SECONDS = 86_400;
const MAX_REPEAT_SECONDS = 86_400;
const MAX_COOL_DOWN_SECONDS = 86_400;
export const MAX_LADDER_STEPS = 10;

export function alarmLimits(minSeconds: number | null): AlarmLimits {
  if (minSeconds === null) return OCI_ALARM_LIMITS;
  return {
    minPendingSeconds: Math.min(minSeconds, OCI_ALARM_LIMITS.minPendingSeconds),
    minRepeatSeconds: Math.min(minSeconds, OCI_ALARM_LIMITS.minRepeatSeconds),
    minCoolDownSeconds: Math.min(minSeconds, OCI_ALARM_LIMITS.minCoolDownSeconds),
  };
}

const isoSeconds = (label: string, lo: number, hi: number) => {
  const rule = `${label} must be an ISO-8601 duration from PT${lo >= 60 && lo % 60 === 0 ? `${lo / 60}M` : `${lo}S`} to PT${hi / 3600}H, for example PT5M.`;
  return z
    .string({ error: rule })
    .trim()
    .refine((v) => {
      const s = parseIsoDurationSeconds(v);
      return s !== null && s >= lo && s <= hi;
    }, rule)
    .transform((v) => parseIsoDurationSeconds(v) ?? lo);
};

const int = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be between ${min} and ${max}.`)
    .max(max, `${label} must be between ${min} and ${max}.`);

const optionalNumber = (label: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: `${label} must be a number.` }).positive(`${label} must be above 0.`).optional());

const stepSchema = z.strictObject({
  instanceShapeName: z.string({ error: 'Shape is required.' }).trim().min(1, 'Shape is required.'),
  ocpus: optionalNumber('OCPUs'),
  memoryInGBs: optionalNumber('Memory'),
});

/** "VM.Standard.E4.Flex 1 16" per line (shape, OCPUs, GB), as the form's text area has it. */
export function parseLadderText(text: string): unknown[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [instanceShapeName, ocpus, memoryInGBs, ...rest] = line.split(/[\s,/]+/);
      return rest.length ? { instanceShapeName, ocpus, memoryInGBs, extra: rest.join(' ') } : { instanceShapeName, ocpus, memoryInGBs };
    });
}

const ladderSchema = z
  .preprocess((v) => (typeof v === 'string' ? parseLadderText(v) : v), z.array(stepSchema, { error: 'The ladder must list shapes.' }).max(MAX_LADDER_STEPS, `A ladder has at most ${MAX_LADDER_STEPS} steps.`))
  .superRefine((steps, ctx) => {
    const sizes: { ocpus: number; memoryInGBs: number }[] = [];
    steps.forEach((s, i) => {
      const resolved = resolveShapeResources({
        instanceShapeName: s.instanceShapeName,
        ...(s.ocpus !== undefined || s.memoryInGBs !== undefined ? { modelDeploymentInstanceShapeConfigDetails: { ocpus: s.ocpus, memoryInGBs: s.memoryInGBs } } : {}),
      });
      if (!resolved.ok) ctx.addIssue({ code: 'custom', path: [i], message: `Step ${i + 1}: ${resolved.error.message}` });
      else sizes.push({ ocpus: resolved.data.ocpus, memoryInGBs: resolved.data.memoryInGBs });
    });
    if (sizes.length !== steps.length) return;
    const issue = ladderIssue(sizes);
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.index], message: issue.message });
  });

const direction = z.enum(['UP', 'DOWN'], { error: 'Direction must be UP or DOWN.' });

const actionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('NONE') }),
    z
      .strictObject({
        type: z.literal('SCALE_INSTANCES'),
        direction,
        count: int('Instances to add or remove', 1, INSTANCE_COUNT_MAX),
        minInstances: int('Minimum instances', INSTANCE_COUNT_MIN, INSTANCE_COUNT_MAX),
        maxInstances: int('Maximum instances', INSTANCE_COUNT_MIN, INSTANCE_COUNT_MAX),
      })
      .refine((a) => a.minInstances <= a.maxInstances, { path: ['maxInstances'], message: 'Maximum instances must be at least the minimum.' }),
    z.strictObject({ type: z.literal('CHANGE_SHAPE'), direction, ladder: ladderSchema }),
  ],
  { error: 'Action must be NONE, SCALE_INSTANCES or CHANGE_SHAPE.' },
);

const enabled = z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' || v === undefined ? false : v), z.boolean({ error: 'Enabled must be true or false.' }));

export function makeAlarmSchema(o: { limits?: AlarmLimits; deploymentId: string }) {
  const limits = o.limits ?? OCI_ALARM_LIMITS;
  return z.strictObject({
    displayName: displayNameSchema,
    query: z
      .string({ error: 'Query is required.' })
      .trim()
      .min(1, 'Query is required.')
      .superRefine((q, ctx) => {
        const issue = scalingQueryIssue(q, o.deploymentId);
        if (issue) ctx.addIssue({ code: 'custom', message: issue.message });
      }),
    severity: z.enum(ALARM_SEVERITIES, { error: `Severity must be one of ${ALARM_SEVERITIES.join(', ')}.` }),
    pendingDuration: isoSeconds('Pending duration', limits.minPendingSeconds, MAX_PENDING_SECONDS),
    repeatDuration: z.preprocess((v) => (v === '' || v === null ? undefined : v), isoSeconds('Repeat notification', limits.minRepeatSeconds, MAX_REPEAT_SECONDS).optional()),
    isEnabled: enabled,
    coolDownInSeconds: int('Cooldown', limits.minCoolDownSeconds, MAX_COOL_DOWN_SECONDS),
    action: actionSchema,
  });
}

export type AlarmDetails = z.output<ReturnType<typeof makeAlarmSchema>>;

export const toAlarmAction = (a: AlarmDetails['action']): AlarmAction =>
  a.type === 'CHANGE_SHAPE' ? { type: 'CHANGE_SHAPE', direction: a.direction, ladder: a.ladder.map((s): LadderStep => ({ instanceShapeName: s.instanceShapeName, ...(s.ocpus !== undefined ? { ocpus: s.ocpus } : {}), ...(s.memoryInGBs !== undefined ? { memoryInGBs: s.memoryInGBs } : {}) })) } : a;
