'use client';

import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { DEFINED_METADATA_LABELS, FRAMEWORKS, USE_CASE_TYPES } from '@/server/validation/model';
import type { TaxonomyValues } from './model-form-values';

export interface TaxonomyFieldsProps {
  value: TaxonomyValues;
  onChange: (value: TaxonomyValues) => void;
  /** Keyed `taxonomy.<Key>`. */
  errors: Record<string, string>;
}

/** OCI's model taxonomy (defined metadata): use case, framework and version, algorithm, hyperparameters. */
export function TaxonomyFields({ value, onChange, errors }: TaxonomyFieldsProps) {
  const set = (key: keyof TaxonomyValues) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field label={DEFINED_METADATA_LABELS.UseCaseType} error={errors['taxonomy.UseCaseType']}>
        <Select value={value.UseCaseType} onChange={set('UseCaseType')} placeholder="Not set" options={USE_CASE_TYPES.map((v) => ({ value: v, label: v }))} />
      </Field>
      <Field label={DEFINED_METADATA_LABELS.Framework} error={errors['taxonomy.Framework']}>
        <Select value={value.Framework} onChange={set('Framework')} placeholder="Not set" options={FRAMEWORKS.map((v) => ({ value: v, label: v }))} />
      </Field>
      <Field label={DEFINED_METADATA_LABELS.FrameworkVersion} error={errors['taxonomy.FrameworkVersion']} hint="For example 1.5.2.">
        <Input value={value.FrameworkVersion} onChange={set('FrameworkVersion')} autoComplete="off" />
      </Field>
      <Field label={DEFINED_METADATA_LABELS.Algorithm} error={errors['taxonomy.Algorithm']} hint="For example RandomForestClassifier.">
        <Input value={value.Algorithm} onChange={set('Algorithm')} autoComplete="off" />
      </Field>
      <Field
        className="md:col-span-2"
        label={DEFINED_METADATA_LABELS.Hyperparameters}
        error={errors['taxonomy.Hyperparameters']}
        hint='A JSON object, for example {"n_estimators": 100, "max_depth": 4}.'
      >
        <Textarea rows={2} value={value.Hyperparameters} onChange={set('Hyperparameters')} className="font-mono text-xs" spellCheck={false} />
      </Field>
    </div>
  );
}
