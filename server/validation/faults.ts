import { z } from 'zod';
import { ERROR_RATE_STATUSES, FAULT_LIMITS, type FaultSpec } from '@/server/domain/faults';

// Turning a fault on: the same schema for the API route and the deployment page's form (whose
// numbers arrive as text, hence the coercion). Every fault needs a duration, and every number is
// bounded, so no input can break a deployment for longer than an hour or stall the gateway.

const int = (label: string, min: number, max: number, unit = '') =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}${unit}.`)
    .max(max, `${label} must be at most ${max}${unit}.`);

const duration = int('Duration', FAULT_LIMITS.minDurationSeconds, FAULT_LIMITS.maxDurationSeconds, ' s');
const percent = int('Percent', 1, 100, ' %');

export const startFaultSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('SLOW_START'), durationSeconds: duration, seconds: int('Delay', 1, FAULT_LIMITS.maxSlowStartSeconds, ' s') }),
    z.strictObject({ kind: z.literal('FAILING_BOOTSTRAP'), durationSeconds: duration }),
    z.strictObject({
      kind: z.literal('ERROR_RATE'),
      durationSeconds: duration,
      percent,
      status: z.coerce
        .number()
        .refine((v): v is (typeof ERROR_RATE_STATUSES)[number] => (ERROR_RATE_STATUSES as readonly number[]).includes(v), {
          error: `Status must be one of ${ERROR_RATE_STATUSES.join(', ')}.`,
        })
        .default(500),
    }),
    z.strictObject({ kind: z.literal('LATENCY'), durationSeconds: duration, ms: int('Latency', 1, FAULT_LIMITS.maxLatencyMs, ' ms') }),
    z.strictObject({ kind: z.literal('THROTTLE'), durationSeconds: duration, percent }),
    z.strictObject({ kind: z.literal('CRASH_AFTER'), durationSeconds: duration, requests: int('Requests', 1, FAULT_LIMITS.maxCrashAfterRequests) }),
  ],
  { error: 'Kind must be one of SLOW_START, FAILING_BOOTSTRAP, ERROR_RATE, LATENCY, THROTTLE, CRASH_AFTER.' },
);

export type StartFaultDetails = z.output<typeof startFaultSchema>;

/** The stored spec of validated input (the duration is not part of what the fault does). */
export function toFaultSpec(details: StartFaultDetails): FaultSpec {
  const { durationSeconds: _duration, ...spec } = details;
  return spec;
}
