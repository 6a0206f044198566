'use client';

import { useState, type ReactNode } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button, type ButtonSize, type ButtonVariant } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useAdminAction } from './use-admin-action';

type ActionResult = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export interface NameDescriptionDialogProps {
  title: string;
  description?: string;
  trigger: { label: string; ariaLabel?: string; variant?: ButtonVariant; size?: ButtonSize };
  initial?: { name: string; description: string };
  nameHint?: string;
  /** Read-only name (a built-in group's). */
  nameLocked?: boolean;
  /** A field before the name (the parent compartment), rendered by the caller with its errors. */
  extra?: (fieldErrors: Record<string, string>) => ReactNode;
  submitLabel: string;
  submit: (values: { name: string; description: string }) => Promise<ActionResult>;
  success: string;
}

/** Create or edit a named thing (a group, a compartment) with its description. */
export function NameDescriptionDialog(props: NameDescriptionDialogProps) {
  const [open, setOpen] = useState(false);
  const { trigger } = props;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant={trigger.variant ?? 'secondary'} size={trigger.size ?? 'md'} aria-label={trigger.ariaLabel} onClick={() => setOpen(true)}>
        {trigger.label}
      </Button>
      <DialogContent title={props.title} description={props.description}>
        {open ? <NameDescriptionForm {...props} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function NameDescriptionForm({ initial, nameHint, nameLocked, extra, submitLabel, submit, success, onDone }: NameDescriptionDialogProps & { onDone: () => void }) {
  const { run, pending, error, fieldErrors } = useAdminAction();
  const [values, setValues] = useState(initial ?? { name: '', description: '' });
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => submit(values), { success: () => success, onDone });
      }}
    >
      {error && <FormAlert message={error} />}
      {extra?.(fieldErrors)}
      <Field label="Name" required error={fieldErrors.name} hint={nameLocked ? 'A built-in group keeps its name.' : nameHint}>
        <Input value={values.name} readOnly={nameLocked} onChange={(e) => setValues({ ...values, name: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Description" error={fieldErrors.description}>
        <Input value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
