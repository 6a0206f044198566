'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { setVersionLabelAction } from '@/server/actions/models/set-version-label';

/** The version label of a model in a set: moving it here moves the deployments that follow it. */
export function VersionLabelForm({ modelId, current }: { modelId: string; current: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const [label, setLabel] = useState(current);
  const [take, setTake] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    const result = await setVersionLabelAction({ modelId, versionLabel: label, takeFromHolder: take });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    toast({ variant: 'success', title: label.trim() ? `Label ${label.trim()} is on this model` : 'Label removed' });
    router.refresh();
  }

  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Version label" hint="Blank removes the label. Deployments following a label serve the model that holds it.">
          <Input value={label} onChange={(e) => setLabel(e.target.value)} autoComplete="off" className="w-56" />
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm text-gray-700">
          <input type="checkbox" checked={take} onChange={(e) => setTake(e.target.checked)} className="size-4" />
          Take the label from the model that holds it
        </label>
        <Button type="submit" loading={saving} disabled={label.trim() === current.trim()}>
          Save label
        </Button>
      </div>
      {error && <FormAlert message={error} />}
    </form>
  );
}
