'use client';

import { useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';

export interface DeactivateDeploymentDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  name: string;
  url: string;
  /** Starts the deactivation; resolves to an error message, or undefined once it is accepted. */
  deactivate: () => Promise<string | undefined>;
}

/** Deactivating stops serving at once, so it is confirmed, saying what stays and what callers see. */
export function DeactivateDeploymentDialog({ open, onOpenChange, name, url, deactivate }: DeactivateDeploymentDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (o: boolean) => {
    if (!o) setError(null);
    onOpenChange(o);
  };
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent title="Deactivate model deployment" description={name}>
        <div className="flex flex-col gap-3 text-sm text-gray-800">
          <p>
            Its instances stop and it stops serving. The endpoint URL is kept, and it serves again on the same URL when you activate the
            deployment.
          </p>
          <div>
            <p>Until then, predictions sent to</p>
            <p className="my-1 rounded bg-gray-50 px-2 py-1 font-mono text-xs [overflow-wrap:anywhere]">{url}/predict</p>
            <p>
              get <strong>404 Not Found</strong>.
            </p>
          </div>
          {error && <FormAlert message={error} />}
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            variant="danger"
            loading={pending}
            onClick={() =>
              void (async () => {
                setPending(true);
                const failure = await deactivate();
                setPending(false);
                if (failure) setError(failure);
                else change(false);
              })()
            }
          >
            Deactivate
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
