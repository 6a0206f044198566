'use client';

import { useState } from 'react';
import { CompartmentSelect, type CompartmentOption } from '@/components/forms/compartment-select';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { moveCompartmentAction } from '@/server/actions/iam/move-compartment';
import { useAdminAction } from './use-admin-action';

/** Moves a compartment with everything in and below it; a move under itself is refused by the server. */
export function MoveCompartmentDialog({ compartment, compartments }: { compartment: { id: string; name: string; compartmentId: string | null }; compartments: readonly CompartmentOption[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button size="sm" aria-label={`Move compartment ${compartment.name}`} onClick={() => setOpen(true)}>
        Move
      </Button>
      <DialogContent title="Move compartment" description={`${compartment.name}, with everything in and below it.`}>
        {open ? <MoveForm compartment={compartment} compartments={compartments} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function MoveForm({ compartment, compartments, onDone }: { compartment: { id: string; name: string; compartmentId: string | null }; compartments: readonly CompartmentOption[]; onDone: () => void }) {
  const { run, pending, error, fieldErrors } = useAdminAction();
  const [target, setTarget] = useState(compartment.compartmentId ?? '');
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => moveCompartmentAction({ compartmentId: compartment.id, targetParentId: target }), { success: () => `${compartment.name} moved`, onDone });
      }}
    >
      {error && <FormAlert message={error} />}
      <Field label="New parent compartment" required error={fieldErrors.targetParentId}>
        <CompartmentSelect compartments={compartments} value={target} onChange={(e) => setTarget(e.target.value)} className="w-full" />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          Move
        </Button>
      </DialogFooter>
    </form>
  );
}
