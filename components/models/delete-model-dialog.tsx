'use client';

import { useId, useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';

export interface DeleteModelDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  name: string;
  remove: () => Promise<{ ok: true } | { ok: false; error: string }>;
  onDeleted: () => void;
}

/** OCI's delete: type the name exactly. Deleting a model is immediate (no work request). */
export function DeleteModelDialog(props: DeleteModelDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent title="Delete model" description={props.name}>
        {props.open ? <DeleteBody {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function DeleteBody({ name, remove, onDeleted, onOpenChange }: DeleteModelDialogProps) {
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
          const result = await remove();
          if (!result.ok) return setError(result.error);
          onOpenChange(false);
          onDeleted();
        });
      }}
    >
      {error && <FormAlert message={error} />}
      <p className="text-sm text-gray-700">
        This deletes the model <strong>{name}</strong> and its artifact. A model that a model deployment uses cannot be deleted; delete the deployment
        first.
      </p>
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-medium text-gray-800">
          Type the model name to confirm
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
