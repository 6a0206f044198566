'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { createVersionSetAction } from '@/server/actions/models/create-version-set';

export interface CreatedVersionSet {
  id: string;
  name: string;
  projectId: string;
}

/** Makes a version set in the chosen project without leaving the upload form. */
export function NewVersionSet({ compartmentId, projectId, onCreated }: { compartmentId: string; projectId: string; onCreated: (set: CreatedVersionSet) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  async function create() {
    setSaving(true);
    const result = await createVersionSetAction({ compartmentId, projectId, name: name.trim() });
    setSaving(false);
    if (!result.ok) {
      setError(result.fieldErrors?.name ?? result.error);
      return;
    }
    setError(undefined);
    setName('');
    onCreated(result.data);
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field label="New version set name" error={error}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          // Enter makes the set; it must not submit the model form around it.
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (name.trim()) void create();
            }
          }}
          autoComplete="off"
          className="w-56"
        />
      </Field>
      <Button loading={saving} disabled={!projectId || name.trim() === ''} onClick={() => void create()}>
        Create version set
      </Button>
    </div>
  );
}
