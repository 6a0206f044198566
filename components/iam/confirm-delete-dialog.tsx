'use client';

import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { ConfirmByNameForm } from '@/components/resources/confirm-by-name-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';

type ActionResult = { ok: true; data: unknown } | { ok: false; error: string };

/** OCI's delete: type the name, then Delete; a refusal (a compartment not empty) is shown in the dialog. */
export function ConfirmDeleteDialog({ kind, name, children, remove }: { kind: string; name: string; children: ReactNode; remove: () => Promise<ActionResult> }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const { toast } = useToast();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button size="sm" variant="danger" aria-label={`Delete ${kind} ${name}`} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <DialogContent title={`Delete ${kind}`} description={name}>
        {open ? (
          <ConfirmByNameForm
            kind={kind}
            name={name}
            confirm={async () => {
              const result = await remove();
              if (!result.ok) return result.error;
              toast({ variant: 'success', title: `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${name} deleted` });
              setOpen(false);
              router.refresh();
              return undefined;
            }}
          >
            {children}
          </ConfirmByNameForm>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
