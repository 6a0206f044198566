'use client';

import Link from 'next/link';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { ModelOption } from '@/server/domain/editor-options';
import { FormSection, Note } from './form-section';
import type { SectionProps } from './section-props';

export interface ModelSectionProps extends SectionProps {
  models: readonly ModelOption[];
  projectId: string;
  projectName: string;
}

export function ModelSection({ values, set, errors, models, projectId, projectName }: ModelSectionProps) {
  return (
    <FormSection title="Model" description={`The model to serve, from the active models of project ${projectName}.`}>
      {models.length === 0 ? (
        <Note tone="warning">
          This project has no active models yet. <Link href={`/models/new?projectId=${encodeURIComponent(projectId)}`}>Upload a model</Link> with its artifact, then come back to deploy it.
        </Note>
      ) : (
        <Field label="Model" required error={errors.modelId}>
          <Select
            name="modelId"
            value={values.modelId}
            placeholder="Select a model"
            options={models.map((m) => ({
              value: m.id,
              label: m.runtime.kind === 'conda' ? `${m.displayName} (${m.runtime.slug})` : `${m.displayName} (custom container only)`,
            }))}
            onChange={(e) => set({ modelId: e.target.value })}
          />
        </Field>
      )}
    </FormSection>
  );
}
