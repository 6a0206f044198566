'use client';

import { ConfirmByNameForm } from '@/components/resources/confirm-by-name-form';
import { Dialog, DialogContent } from '@/components/ui/dialog';

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
  return (
    <ConfirmByNameForm
      kind="model"
      name={name}
      confirm={async () => {
        const result = await remove();
        if (!result.ok) return result.error;
        onOpenChange(false);
        onDeleted();
        return undefined;
      }}
    >
      This deletes the model <strong>{name}</strong> and its artifact. A model that a model deployment uses cannot be deleted; delete the deployment
      first.
    </ConfirmByNameForm>
  );
}
