'use client';

import { useEffect, useId, useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { isFinished, useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';

type StartResult = { ok: true; data: { workRequestId: string } } | { ok: false; error: string };

export interface DeleteResourceDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** "project", "model deployment"... */
  kind: string;
  name: string;
  /** What happens to related things, shown above the confirmation. */
  consequence?: string;
  start: () => Promise<StartResult>;
  /** Called once the delete work request has succeeded. */
  onDeleted: () => void;
}

/** OCI's delete: type the resource's name exactly, then follow the work request to its end. */
export function DeleteResourceDialog(props: DeleteResourceDialogProps) {
  const { open, onOpenChange, kind, name } = props;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Delete ${kind}`} description={name}>
        {open ? <DeleteBody {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function DeleteBody({ kind, name, consequence, start, onDeleted }: DeleteResourceDialogProps) {
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [workRequestId, setWorkRequestId] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const wr = useWorkRequest(workRequestId);
  const succeeded = wr.data?.workRequest.status === 'SUCCEEDED';

  useEffect(() => {
    if (succeeded) onDeleted();
  }, [succeeded, onDeleted]);

  if (workRequestId) {
    return (
      <div className="flex flex-col gap-3">
        <WorkRequestProgress view={wr.data} error={wr.error} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">{isFinished(wr.data) ? 'Close' : 'Close and keep it running'}</Button>
          </DialogClose>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed !== name) return;
        setError(null);
        startTransition(async () => {
          const result = await start();
          if (result.ok) setWorkRequestId(result.data.workRequestId);
          else setError(result.error);
        });
      }}
    >
      {error && <FormAlert message={error} />}
      <p className="text-sm text-gray-700">
        This permanently deletes the {kind} <strong>{name}</strong>. {consequence}
      </p>
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
