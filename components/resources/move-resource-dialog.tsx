'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import { useId, useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { CompartmentSelect } from '@/components/forms/compartment-select';

export interface MoveResourceDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  kind: string;
  name: string;
  currentCompartmentId: string;
  compartments: readonly CompartmentOption[];
  move: (compartmentId: string) => Promise<{ ok: true } | { ok: false; error: string }>;
  onMoved: () => void;
}

export function MoveResourceDialog(props: MoveResourceDialogProps) {
  const { open, onOpenChange, kind, name } = props;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Move resource" description={`Move the ${kind} ${name} to another compartment.`}>
        {open ? <MoveBody {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function MoveBody({ currentCompartmentId, compartments, move, onMoved, onOpenChange }: MoveResourceDialogProps) {
  const id = useId();
  const [target, setTarget] = useState(currentCompartmentId);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await move(target);
          if (!result.ok) return setError(result.error);
          onOpenChange(false);
          onMoved();
        });
      }}
    >
      {error && <FormAlert message={error} />}
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium text-gray-800">
          Destination compartment
        </label>
        <CompartmentSelect id={id} compartments={compartments} value={target} onChange={(e) => setTarget(e.target.value)} />
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={target === currentCompartmentId} loading={pending}>
          Move resource
        </Button>
      </DialogFooter>
    </form>
  );
}
