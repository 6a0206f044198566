'use client';

import { useId, useState, useTransition, type ReactNode } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { DialogClose, DialogFooter } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';

export interface ConfirmByNameFormProps {
  /** "model", "project"... as in "Type the model name to confirm". */
  kind: string;
  name: string;
  /** What the delete does, shown above the confirmation. */
  children: ReactNode;
  /** Runs the delete; resolves to an error message to show, or nothing when it went through. */
  confirm: () => Promise<string | undefined>;
}

/** OCI's delete confirmation: the Delete button is enabled only once the name is typed exactly. */
export function ConfirmByNameForm({ kind, name, children, confirm }: ConfirmByNameFormProps) {
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed !== name) return;
        setError(null);
        startTransition(async () => {
          const failure = await confirm();
          if (failure !== undefined) setError(failure);
        });
      }}
    >
      {error && <FormAlert message={error} />}
      <p className="text-sm text-gray-700">{children}</p>
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-medium text-gray-800">
          Type the {kind} name to confirm
        </label>
        <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="danger" disabled={typed !== name} loading={pending}>
          Delete
        </Button>
      </DialogFooter>
    </form>
  );
}
