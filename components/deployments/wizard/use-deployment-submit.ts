'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useToast } from '@/components/ui/toast';
import { applyPlanDeploymentAction } from '@/server/actions/deployments/apply-plan-deployment';
import { createDeploymentAction } from '@/server/actions/deployments/create-deployment';
import { updateDeploymentAction } from '@/server/actions/deployments/update-deployment';
import type { ModelDeployment, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { operationToastKey } from '../operation-toast';
import { toCreateDetails, type FormValues, type ProjectRef } from './form-model';
import { fieldOfPath } from './form-validation';

interface SubmitInput {
  mode: 'create' | 'edit';
  project: ProjectRef;
  current: ModelDeployment | undefined;
  values: FormValues;
  /** Client-side errors of the whole form, keyed by field. */
  errors: Record<string, string>;
  request: UpdateModelDeploymentDetails | undefined;
  /** How many updates the edit runs as (more than one: a plan). */
  steps: number;
  /** The edit is a rollback to this revision. */
  rollbackOf?: number;
}

type Failure = { ok: false; error: string; fieldErrors?: Record<string, string> };

const FORM_FIELDS = new Set(['displayName', 'description', 'modelId', 'image', 'serverPort', 'healthCheckPort', 'cmd', 'entrypoint', 'bandwidthMbps', 'instanceCount']);

/** Server field errors (schema paths, or the provider's own field names) re-keyed by form field. */
function formFieldErrors(fieldErrors: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors ?? {})) {
    const path = key.replace(/^details\./, '');
    out[FORM_FIELDS.has(path) ? path : fieldOfPath(path)] ??= message;
  }
  return out;
}

function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
}

export function useDeploymentSubmit({ mode, project, current, values, errors, request, steps, rollbackOf }: SubmitInput) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);

  const fail = (r: Failure) => {
    const mapped = formFieldErrors(r.fieldErrors);
    setServerErrors(mapped);
    const unshown = mapped.form;
    setFormError(unshown && unshown !== r.error ? `${r.error} ${unshown}` : r.error);
    focusFirstInvalid();
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const count = Object.keys(errors).length;
    if (count > 0) {
      setFormError(`${count === 1 ? 'One field needs' : `${count} fields need`} attention before the deployment can be ${mode === 'create' ? 'created' : 'updated'}; see the messages below.`);
      focusFirstInvalid();
      return;
    }
    startTransition(async () => {
      if (mode === 'create') {
        const r = await createDeploymentAction(toCreateDetails(values, project));
        if (!r.ok) return fail(r);
        toast({ variant: 'success', title: 'Creating the model deployment', description: 'Follow its progress on the deployment’s page.', key: operationToastKey(r.data.deploymentId) });
        router.push(`/model-deployments/${r.data.deploymentId}`);
        return;
      }
      if (!current || !request) return;
      if (steps > 1) {
        const r = await applyPlanDeploymentAction({ deploymentId: current.id, details: request, ...(rollbackOf ? { rollbackOf } : {}) });
        if (!r.ok) return fail(r);
        setPlanId(r.data.planId);
        // The plan's address, so a reload (or a shared link) shows it again.
        window.history.replaceState(null, '', `/model-deployments/${current.id}/edit?plan=${r.data.planId}`);
        return;
      }
      const r = await updateDeploymentAction({ deploymentId: current.id, details: request, ...(rollbackOf ? { rollbackOf } : {}) });
      if (!r.ok) return fail(r);
      toast({ variant: 'success', title: 'Updating the model deployment', description: 'Follow its progress on the deployment’s page.', key: operationToastKey(current.id) });
      router.push(`/model-deployments/${current.id}`);
    });
  }

  return {
    onSubmit,
    pending,
    submitted,
    serverErrors,
    formError,
    planId,
    label: mode === 'create' ? 'Create' : steps > 1 ? `Apply in ${steps} steps` : rollbackOf ? `Roll back to revision ${rollbackOf}` : 'Apply changes',
    clearServerErrors(fields: string[]) {
      // A field's errors include those of its parts (scaling.rules.0.query under scaling).
      const covers = (k: string) => fields.some((f) => k === f || k.startsWith(`${f}.`));
      if (Object.keys(serverErrors).some(covers)) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !covers(k))));
    },
  };
}
