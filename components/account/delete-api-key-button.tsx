'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { deleteApiKeyAction } from '@/server/actions/account/delete-api-key';

export function DeleteApiKeyButton({ id, fingerprint }: { id: string; fingerprint: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const remove = () =>
    start(async () => {
      const result = await deleteApiKeyAction({ id });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      toast({ variant: 'success', title: 'API key deleted', description: `Requests signed with ${fingerprint} are refused from now on.` });
      router.refresh();
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`Delete API key ${fingerprint}`}>
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent title="Delete API key" description={`Anything that signs requests with ${fingerprint} stops working.`} size="sm">
        {error && <FormAlert message={error} />}
        <DialogFooter>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="danger" loading={pending} onClick={remove}>
            Delete
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
