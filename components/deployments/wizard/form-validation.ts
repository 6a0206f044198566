import type { z } from 'zod';
import { whyItCannotServe } from '@/server/domain/artifact-verdict';
import type { ModelOption } from '@/server/domain/editor-options';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { buildUpdateRequest, unrepresentableChanges } from '@/server/domain/update-request';
import { consoleDeploymentSchemas } from '@/server/validation/deployment';
import { scalingPolicyQueryIssue } from '@/server/validation/scaling';
import { fieldLabel } from './change-labels';
import { toCreateDetails, toEditedDeployment, type FormValues, type ProjectRef } from './form-model';

// Inline validation with the schemas the server actions use: the form is converted to the API
// request, parsed, and each issue's path (the SDK's nesting) is mapped back to the field showing it.

const CONFIG = 'modelDeploymentConfigurationDetails.';
const MODEL = `${CONFIG}modelConfigurationDetails.`;
const ENV = `${CONFIG}environmentConfigurationDetails.`;

const ENV_FIELDS: Record<string, keyof FormValues> = {
  image: 'image',
  imageDigest: 'image',
  cmd: 'cmd',
  entrypoint: 'entrypoint',
  serverPort: 'serverPort',
  healthCheckPort: 'healthCheckPort',
};

/** The form field that shows an error at this request path ('form' when none does). */
export function fieldOfPath(path: string): string {
  if (path === 'displayName' || path === 'description') return path;
  if (path.startsWith('freeformTags') || path.startsWith('definedTags')) return path;
  if (path.startsWith(MODEL)) {
    const rest = path.slice(MODEL.length);
    if (rest === 'modelId') return 'modelId';
    if (rest.startsWith('instanceConfiguration')) return 'shape';
    if (rest.startsWith('scalingPolicy')) return scalingFieldOf(rest.slice('scalingPolicy'.length + 1));
    if (rest.startsWith('bandwidthMbps') || rest.startsWith('maximumBandwidthMbps')) return 'bandwidthMbps';
  }
  if (path.startsWith(ENV)) {
    const [field, key] = path.slice(ENV.length).split('.');
    if (field === 'environmentVariables') return key ? `envVars.${key}` : 'envVars';
    const mapped = field ? ENV_FIELDS[field] : undefined;
    if (mapped) return mapped;
  }
  return 'form';
}

const QUERY_FIELD = /^scaling\.rules\.\d+\.scale(In|Out)\.query$/;
const POLICY_FIELDS: Record<string, string> = { minimumInstanceCount: 'minimum', maximumInstanceCount: 'maximum', initialInstanceCount: 'initial' };
const SIDE_FIELDS = new Set(['threshold', 'query', 'pendingDuration', 'instanceCountAdjustment']);

/** The scaling field (scaling-form.ts) that shows an error at this path under scalingPolicy. */
function scalingFieldOf(rest: string): string {
  if (rest === 'instanceCount') return 'instanceCount';
  if (rest === 'coolDownInSeconds') return 'scaling.coolDownInSeconds';
  if (rest === 'isEnabled') return 'scaling.enabled';
  const [list, , field, ruleIndex, part, leaf] = rest.split('.');
  if (list !== 'autoScalingPolicies' || field === undefined) return 'scaling';
  const own = POLICY_FIELDS[field];
  if (own) return `scaling.${own}`;
  if (field !== 'rules') return 'scaling';
  if (ruleIndex === undefined) return 'scaling.rules';
  const rule = `scaling.rules.${ruleIndex}`;
  if (part === 'metricType') return `${rule}.metricType`;
  const side = part === 'scaleOutConfiguration' ? 'scaleOut' : part === 'scaleInConfiguration' ? 'scaleIn' : undefined;
  if (side && leaf && SIDE_FIELDS.has(leaf)) return `${rule}.${side}.${leaf}`;
  return rule;
}

function collect(out: Record<string, string>, error: z.ZodError | undefined, prefix: string[] = []) {
  const found = fieldErrorsOf(error?.issues ?? [], { keyOf: (path) => fieldOfPath([...prefix, ...path].join('.')) });
  for (const [key, message] of Object.entries(found)) out[key] ??= message;
}

export interface ValidationContext {
  project: ProjectRef;
  models: readonly ModelOption[];
  /** Edit mode: the deployment being edited. */
  current?: ModelDeployment;
  /** BERTH_AUTOSCALING_MIN_SECONDS: the console's schemas, as its actions use them (null: OCI's minimums). */
  autoscalingMinSeconds?: number | null;
}

/** Errors keyed by form field (`envVars.KEY`, `freeformTags.key`, `form` for the rest); empty when valid. */
export function validateForm(v: FormValues, ctx: ValidationContext): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = v.envVars.map((r) => r.key.trim()).filter((k) => k !== '');
  for (const key of keys) if (keys.indexOf(key) !== keys.lastIndexOf(key)) out[`envVars.${key}`] ??= `Environment variable "${key}" is set twice.`;
  if (v.envVars.some((r) => r.key.trim() === '' && r.value !== '')) out.envVars ??= 'Each environment variable needs a name.';

  const model = ctx.models.find((m) => m.id === v.modelId);
  if (!v.modelId) out.modelId = 'Choose the model to deploy.';
  else if (!v.useContainer && model?.runtime.kind === 'unavailable') out.modelId = model.runtime.reason;
  else if (needsChecksOverride(v, model, ctx.current?.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId) && !v.overrideChecks) {
    out.modelId = `This model's artifact checks failed, so the deployment will fail: ${whyItCannotServe(model?.checks ?? { outcome: 'failure', failures: [] })} Fix the artifact, or check "Deploy anyway" to deploy it as it is.`;
  }
  if (v.useContainer && !v.image.trim()) out.image = 'Choose the container image to run.';
  const { createModelDeploymentDetailsSchema, updateModelDeploymentDetailsSchema } = consoleDeploymentSchemas(ctx.autoscalingMinSeconds ?? null);

  if (!ctx.current) {
    collect(out, createModelDeploymentDetailsSchema.safeParse(toCreateDetails(v, ctx.project)).error);
    return followingPort(v, out);
  }

  if (!v.displayName.trim()) out.displayName = 'Name is required';
  const edited = toEditedDeployment(ctx.current, v);
  // The whole resource as it would be, checked like a new one, then the request itself. A new one's
  // custom queries may only name the placeholder; this one's may name its own OCID as well, which
  // is checked against it instead.
  const whole: Record<string, string> = {};
  collect(
    whole,
    createModelDeploymentDetailsSchema.safeParse({
      displayName: edited.displayName,
      description: edited.description,
      projectId: ctx.project.id,
      compartmentId: edited.compartmentId,
      modelDeploymentConfigurationDetails: edited.modelDeploymentConfigurationDetails,
      categoryLogDetails: edited.categoryLogDetails,
      freeformTags: edited.freeformTags,
      definedTags: edited.definedTags,
    }).error,
  );
  for (const [key, message] of Object.entries(whole)) if (!QUERY_FIELD.test(key)) out[key] ??= message;
  const query = scalingPolicyQueryIssue(edited.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy, ctx.current.id);
  if (query) out[fieldOfPath(`${MODEL}${query.path}`)] ??= query.message;
  collect(out, updateModelDeploymentDetailsSchema.safeParse(buildUpdateRequest(ctx.current, edited)).error);
  for (const change of unrepresentableChanges(ctx.current, edited)) {
    out[fieldOfPath(change.path)] ??= `${fieldLabel(change.path)} cannot be removed once set (an update only keeps or replaces it); enter a value.`;
  }
  return followingPort(v, out);
}

/**
 * A model a conda environment would serve but whose artifact checks failed: deploying it (or
 * switching a deployment to it) needs the user's explicit override. A custom container runs its
 * own server, so the checks do not bind it.
 */
export function needsChecksOverride(v: Pick<FormValues, 'useContainer' | 'modelId'>, model: ModelOption | undefined, currentModelId?: string): boolean {
  // An edit that keeps the deployment's model asks nothing new of it.
  if (currentModelId !== undefined && v.modelId === currentModelId) return false;
  return !v.useContainer && model?.runtime.kind === 'conda' && model.checks?.outcome === 'failure';
}

/** An empty health-check port is the server port: its errors are the server port's, shown there once. */
function followingPort(v: FormValues, out: Record<string, string>): Record<string, string> {
  if (v.healthCheckPort.trim() === '') delete out.healthCheckPort;
  return out;
}
