'use client';

import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { PROVENANCE_LABELS, type ProvenanceValues } from './model-form-values';

const FIELDS: { key: keyof ProvenanceValues; hint?: string }[] = [
  { key: 'repositoryUrl', hint: 'For example https://github.com/org/repo.git.' },
  { key: 'gitBranch' },
  { key: 'gitCommit', hint: 'The commit hash the model was trained from.' },
  { key: 'scriptDir', hint: 'Where the training scripts live, relative to the repository.' },
  { key: 'trainingScript', hint: 'For example train.py.' },
  { key: 'trainingId', hint: 'The job run or notebook session that trained the model.' },
];

/** ModelProvenance: where the model's code came from. */
export function ProvenanceFields({ value, onChange, errors }: { value: ProvenanceValues; onChange: (v: ProvenanceValues) => void; errors: Record<string, string> }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {FIELDS.map((f) => (
        <Field key={f.key} label={PROVENANCE_LABELS[f.key]} hint={f.hint} error={errors[`provenance.${f.key}`]}>
          <Input value={value[f.key]} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ ...value, [f.key]: e.target.value })} />
        </Field>
      ))}
    </div>
  );
}
