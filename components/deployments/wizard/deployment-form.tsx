'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { errorsUnder } from '@/components/forms/flatten-errors';
import { TagEditor, type TagsValue } from '@/components/tags/tag-editor';
import { Button, buttonClasses } from '@/components/ui/button';
import type { EditorData, ModelOption } from '@/server/domain/editor-options';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { describeUpdateSteps } from '@/server/domain/update-plan';
import { buildUpdateRequest } from '@/server/domain/update-request';
import { BasicsSection } from './basics-section';
import { CheckBeforeCreate } from './check-before-create';
import { ChangesReview } from './changes-review';
import { ComputeSection } from './compute-section';
import { FormSection } from './form-section';
import { defaultFormValues, formValuesFromDeployment, toConfiguration, toEditedDeployment, withSecretMarks, type FormValues } from './form-model';
import { validateForm } from './form-validation';
import { LoadBalancerSection } from './load-balancer-section';
import { LoggingSection } from './logging-section';
import { ModelSection } from './model-section';
import { PlanView } from './plan-view';
import { ReviewSection } from './review-section';
import { RuntimeSection } from './runtime-section';
import { useDeploymentSubmit } from './use-deployment-submit';

export interface DeploymentFormProps {
  mode: 'create' | 'edit';
  data: EditorData;
  /** Create: the model to preselect (e.g. from a model's page). */
  initialModelId?: string;
  /** Edit: a rollback, the form starting from that revision's configuration (the deployment as it was). */
  restore?: { revision: number; deployment: ModelDeployment };
}

/** Only a wizard opened from a model starts with one: guessing (the newest) deploys the wrong one. */
const chosenModel = (models: readonly ModelOption[], wanted?: string): string => (wanted && models.some((m) => m.id === wanted) ? wanted : '');

const baseField = (key: string) => key.split('.')[0] ?? key;

export function DeploymentForm({ mode, data, initialModelId, restore }: DeploymentFormProps) {
  const current = data.deployment;
  // What the form edits: the deployment now, or for a rollback the revision, whose fields the form
  // does not show (logging, autoscaling rules) come back with it too.
  const base = restore?.deployment ?? current;
  const [values, setValues] = useState<FormValues>(() => (base ? formValuesFromDeployment(base) : defaultFormValues(chosenModel(data.models, initialModelId))));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const project = useMemo(() => ({ id: data.project.id, compartmentId: current?.compartmentId ?? data.project.compartmentId }), [data.project, current]);
  const errors = useMemo(
    () => validateForm(values, { project, models: data.models, current, autoscalingMinSeconds: data.autoscalingMinSeconds }),
    [values, project, data.models, current, data.autoscalingMinSeconds],
  );
  const review = useMemo(() => {
    if (!current) return null;
    const request = withSecretMarks(buildUpdateRequest(current, toEditedDeployment(base ?? current, values)), values);
    return { request, steps: describeUpdateSteps(current, request) };
  }, [current, base, values]);
  const submit = useDeploymentSubmit({
    mode,
    project,
    current,
    values,
    errors,
    request: review?.request,
    steps: review?.steps.length ?? 0,
    ...(restore ? { rollbackOf: restore.revision } : {}),
  });

  const touch = (name: string) => setTouched((t) => (t.has(name) ? t : new Set(t).add(name)));
  const set = (patch: Partial<FormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    submit.clearServerErrors(Object.keys(patch));
  };
  const visible: Record<string, string> = { ...submit.serverErrors };
  for (const [key, message] of Object.entries(errors)) if (submit.submitted || touched.has(baseField(key)) || touched.has(key)) visible[key] ??= message;

  const modelNames = useMemo(() => Object.fromEntries(data.models.map((m) => [m.id, m.displayName])), [data.models]);
  const model = data.models.find((m) => m.id === values.modelId);
  const mc = current?.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  const section = { values, set, errors: visible };
  const changeCount = review?.steps.reduce((n, s) => n + s.changes.length, 0) ?? 0;
  const configured = useMemo(() => toConfiguration(values, current?.modelDeploymentConfigurationDetails).modelConfigurationDetails, [values, current]);

  if (submit.planId && current) return <PlanView planId={submit.planId} deploymentId={current.id} modelNames={modelNames} />;

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={submit.onSubmit}
      onBlur={(e) => {
        const name = e.target.getAttribute('name');
        if (name) touch(name);
      }}
    >
      {submit.formError && <FormAlert message={submit.formError} />}
      {restore && (
        <p role="status" className="rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
          Rolling back to revision {restore.revision}: the form holds that revision&apos;s configuration. Review the changes below, then apply them.
        </p>
      )}
      <BasicsSection {...section} mode={mode} />
      <ModelSection
        {...section}
        models={data.models}
        projectId={data.project.id}
        projectName={data.project.displayName}
        {...(mc?.modelId ? { currentModelId: mc.modelId } : {})}
      />
      <ComputeSection
        {...section}
        host={data.host}
        reserved={data.reserved}
        refuseOversized={data.refuseOversizedShapes}
        autoscalingMinSeconds={data.autoscalingMinSeconds}
        onShapeChosen={() => touch('shape')}
      />
      <RuntimeSection {...section} model={model} images={data.images} imagesError={data.imagesError} imageSource={data.imageSource} />
      <LoadBalancerSection {...section} {...(mc?.maximumBandwidthMbps ? { maximumBandwidthMbps: mc.maximumBandwidthMbps } : {})} />
      <LoggingSection current={current?.categoryLogDetails} />
      <FormSection title="Tags">
        <TagEditor
          value={{ freeformTags: values.freeformTags, definedTags: values.definedTags }}
          onChange={(t: TagsValue) => set({ freeformTags: t.freeformTags, definedTags: t.definedTags })}
          namespaces={data.tagNamespaces}
          errors={errorsUnder(visible, ['freeformTags', 'definedTags', 'tags'])}
        />
      </FormSection>

      {current && review && (
        <FormSection title="Review changes" description={`Compared with the deployment as it is now (${current.lifecycleState.toLowerCase().replace('_', ' ')}).`}>
          <div aria-live="polite">
            <ChangesReview state={current.lifecycleState} steps={changeCount > 0 ? review.steps : []} format={{ modelName: (id) => modelNames[id] }} />
          </div>
        </FormSection>
      )}

      <ReviewSection mc={configured} prices={data.prices} mode={mode} />

      {mode === 'create' && <CheckBeforeCreate values={values} />}

      <div className="flex flex-wrap items-center justify-end gap-2">
        <Link href={current ? `/model-deployments/${current.id}` : `/projects/${data.project.id}`} className={buttonClasses()}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" loading={submit.pending} disabled={mode === 'edit' && changeCount === 0}>
          {submit.label}
        </Button>
      </div>
    </form>
  );
}
