'use client';

import { useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { createUserAction } from '@/server/actions/iam/create-user';
import { SignInLink } from './sign-in-link';
import { useAdminAction } from './use-admin-action';

type Created = { name: string; path: string; timeExpires: string };

/** Create a user (name, optional email); the answer is their one-time sign-in link, shown once. */
export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Create user
      </Button>
      <DialogContent title="Create user" description="The user sets their own password with a one-time sign-in link.">
        {open ? <CreateUserForm /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CreateUserForm() {
  const { run, pending, error, fieldErrors } = useAdminAction();
  const [created, setCreated] = useState<Created | null>(null);
  const [values, setValues] = useState({ name: '', email: '', description: '' });

  if (created) {
    return (
      <div className="flex flex-col gap-3">
        <SignInLink userName={created.name} path={created.path} timeExpires={created.timeExpires} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="primary">Done</Button>
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
        run(() => createUserAction(values), {
          success: (d) => `User ${d.user.name} created`,
          onDone: (d) => setCreated({ name: d.user.name, path: d.link.path, timeExpires: d.link.timeExpires }),
        });
      }}
    >
      {error && <FormAlert message={error} />}
      <Field label="Name" required error={fieldErrors.name} hint="Letters, digits and - _ . @ + (no spaces).">
        <Input value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Email" error={fieldErrors.email}>
        <Input type="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Description" error={fieldErrors.description}>
        <Input value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          Create
        </Button>
      </DialogFooter>
    </form>
  );
}
