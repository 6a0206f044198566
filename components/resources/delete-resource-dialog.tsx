'use client';

import { useState } from 'react';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { ConfirmByNameForm } from './confirm-by-name-form';
import { WorkRequestStep } from './work-request-step';

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
  const [workRequestId, setWorkRequestId] = useState<string | null>(null);
  if (workRequestId) return <WorkRequestStep workRequestId={workRequestId} onSucceeded={onDeleted} />;

  return (
    <ConfirmByNameForm
      kind={kind}
      name={name}
      confirm={async () => {
        const result = await start();
        if (!result.ok) return result.error;
        setWorkRequestId(result.data.workRequestId);
        return undefined;
      }}
    >
      This permanently deletes the {kind} <strong>{name}</strong>. {consequence}
    </ConfirmByNameForm>
  );
}
