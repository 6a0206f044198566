import { z } from 'zod';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES, type JobOperationType, type ModelDeployment } from './oci-types';

// What a work request carries to the job that runs it, one shape per operation type. The payload
// is stored as JSON with the work request, so a job resumed after a restart (or written by an
// older version) is read back through these schemas: a payload that does not fit fails its work
// request with a named error instead of reaching a handler as a cast.

export const scalePayloadSchema = z.object({
  targetCount: z.number().int().min(1).max(100),
  reason: z.string(),
  /** The lifecycle details before the scaling, given back at its end. */
  fromDetails: z.string().nullable().optional(),
});
export type ScalePayload = z.infer<typeof scalePayloadSchema>;

// The merged deployment an update applies is the provider's own output, validated on the way in;
// here it needs to be a deployment-shaped object, not re-validated field by field.
const mergedDeployment = z.custom<ModelDeployment>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string', 'a model deployment');

const fromState = z.enum(MODEL_DEPLOYMENT_LIFECYCLE_STATES).optional();
const deployment = z.object({ fromState });
const nothing = z.object({});

export const JOB_PAYLOAD_SCHEMAS = {
  MODEL_DEPLOYMENT_CREATE: deployment,
  MODEL_DEPLOYMENT_DELETE: deployment,
  MODEL_DEPLOYMENT_ACTIVATE: deployment,
  MODEL_DEPLOYMENT_DEACTIVATE: deployment,
  /** A console or API update carries the merged deployment; an autoscaling decision, its scale. */
  MODEL_DEPLOYMENT_UPDATE: z.union([z.object({ fromState, scale: scalePayloadSchema }), z.object({ fromState, merged: mergedDeployment })]),
  PROJECT_DELETE: z.object({ projectId: z.string().min(1) }),
  MODELVERSIONSET_DELETE: z.object({ modelVersionSetId: z.string().min(1) }),
  EXPORT_MODEL_ARTIFACT: nothing,
  IMPORT_MODEL_ARTIFACT: nothing,
  WORKREQUEST_CANCEL: nothing,
  MODEL_DEPLOYMENT_FAULT_ON: nothing,
  MODEL_DEPLOYMENT_FAULT_OFF: nothing,
  MODEL_DEPLOYMENT_SECRET_REVEAL: z.object({ variable: z.string().min(1) }),
  BERTH_UPDATE_PLAN: z.object({ planId: z.string().min(1) }),
  BERTH_RUNTIME_IMAGE_BUILD: z.object({ slug: z.string().min(1) }),
} as const satisfies Record<JobOperationType, z.ZodType>;

export type JobPayloadOf<Op extends JobOperationType> = z.infer<(typeof JOB_PAYLOAD_SCHEMAS)[Op]>;

/** The stored payload of a work request as its operation's shape, or why it is not one. */
export function parseJobPayload<Op extends JobOperationType>(operationType: Op, raw: unknown): { ok: true; data: JobPayloadOf<Op> } | { ok: false; message: string } {
  const parsed = JOB_PAYLOAD_SCHEMAS[operationType].safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data as JobPayloadOf<Op> };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `The ${operationType} work request's payload is not valid${issue ? ` (${issue.path.join('.') || 'payload'}: ${issue.message})` : ''}.` };
}
