'use client';

import Link from 'next/link';
import { useId } from 'react';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { ModelOption } from '@/server/domain/editor-options';
import { FollowPicker } from './follow-picker';
import { FormSection, Note } from './form-section';
import { needsChecksOverride } from './form-validation';
import type { SectionProps } from './section-props';

export interface ModelSectionProps extends SectionProps {
  models: readonly ModelOption[];
  projectId: string;
  projectName: string;
  /** Edit: the deployment's model now, which needs no override to keep. */
  currentModelId?: string;
}

/** How a model reads in the picker: its environment, and a plain mark when its artifact checks failed. */
export function modelOptionLabel(m: ModelOption): string {
  const serving = m.runtime.kind === 'conda' ? m.runtime.slug : m.runtime.kind === 'service' ? 'runtime.yaml' : 'custom container only';
  return m.checks?.outcome === 'failure' ? `${m.displayName} (${serving}) — artifact checks failed` : `${m.displayName} (${serving})`;
}

/** The failed checks of the chosen model and the override that deploys it anyway, saying why it will fail. */
function ChecksOverride({ model, checked, onChange }: { model: ModelOption; checked: boolean; onChange: (checked: boolean) => void }) {
  const checkboxId = useId();
  const whyId = useId();
  const failures = model.checks?.failures ?? [];
  return (
    <Note tone="danger">
      <div id={whyId} className="flex flex-col gap-1">
        <p className="font-medium">
          The artifact checks of {model.displayName} failed: a deployment of it will fail to serve.{' '}
          <Link href={`/models/${model.id}`}>See the model’s checks</Link>
        </p>
        <ul className="list-disc pl-5">
          {failures.map((f) => (
            <li key={f.label}>
              {f.label}: {f.reason}
            </li>
          ))}
        </ul>
      </div>
      <div className="mt-2 flex items-start gap-2">
        <input
          id={checkboxId}
          name="overrideChecks"
          type="checkbox"
          aria-describedby={whyId}
          className="mt-0.5 size-4 accent-red-700"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={checkboxId} className="font-medium">
          Deploy anyway, knowing it will fail for the reasons above
        </label>
      </div>
    </Note>
  );
}

export function ModelSection({ values, set, errors, models, projectId, projectName, currentModelId }: ModelSectionProps) {
  const chosen = models.find((m) => m.id === values.modelId);
  return (
    <FormSection title="Model" description={`The model to serve, from the active models of project ${projectName}.`}>
      {models.length === 0 ? (
        <Note tone="warning">
          This project has no active models yet. <Link href={`/models/new?projectId=${encodeURIComponent(projectId)}`}>Upload a model</Link> with its artifact, then come back to deploy it.
        </Note>
      ) : values.follow ? null : (
        <Field label="Model" required error={errors.modelId}>
          <Select
            name="modelId"
            value={values.modelId}
            placeholder="Select a model"
            options={models.map((m) => ({ value: m.id, label: modelOptionLabel(m) }))}
            onChange={(e) => set({ modelId: e.target.value, overrideChecks: false })}
          />
        </Field>
      )}
      {/* An edit changes what it follows from the deployment page; the wizard sets it at create. */}
      {!currentModelId && models.length > 0 && (
        <FollowPicker
          models={models}
          follow={values.follow}
          error={errors.berthFollow}
          onChange={(choice) => set(choice ? { follow: choice.follow, modelId: choice.modelId, overrideChecks: false } : { follow: undefined })}
        />
      )}
      {chosen && values.follow && (
        <p className="text-sm text-gray-700">
          Serving now: <span className="font-medium">{chosen.displayName}</span>, which holds the label.
        </p>
      )}
      {chosen && needsChecksOverride(values, chosen, currentModelId) && (
        <ChecksOverride model={chosen} checked={values.overrideChecks} onChange={(overrideChecks) => set({ overrideChecks })} />
      )}
    </FormSection>
  );
}
