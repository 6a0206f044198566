'use client';

import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { DESCRIPTION_MAX, DISPLAY_NAME_MAX } from '@/server/validation/common';
import { FormSection } from './form-section';
import type { SectionProps } from './section-props';

export function BasicsSection({ values, set, errors, mode }: SectionProps & { mode: 'create' | 'edit' }) {
  return (
    <FormSection title="Name and description">
      <Field
        label="Name"
        required={mode === 'edit'}
        error={errors.displayName}
        hint={mode === 'create' ? `Optional, up to ${DISPLAY_NAME_MAX} characters. Left blank, a name like modeldeployment20250108222435 is given.` : undefined}
      >
        <Input name="displayName" autoComplete="off" value={values.displayName} onChange={(e) => set({ displayName: e.target.value })} />
      </Field>
      <Field label="Description" error={errors.description} hint={`Optional, up to ${DESCRIPTION_MAX} characters.`}>
        <Textarea name="description" rows={2} value={values.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
    </FormSection>
  );
}
