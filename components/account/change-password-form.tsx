'use client';

import { useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { useKeptForm } from '@/components/forms/use-kept-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { changePasswordAction } from '@/server/actions/auth/change-password';

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, fieldErrors, onSubmit } = useKeptForm(
    (form) => {
      setDone(null);
      return changePasswordAction({ currentPassword: form.get('currentPassword'), password: form.get('password'), confirm: form.get('confirm') });
    },
    ({ sessionsEnded: n }, form) => {
      setDone(`Password changed. ${n === 0 ? 'No other session was open.' : `${n} other session${n === 1 ? '' : 's'} signed out.`}`);
      form.reset();
    },
  );

  return (
    <form method="post" onSubmit={onSubmit} className="flex max-w-sm flex-col gap-4" aria-label="Change password">
      {error ? <FormAlert message={error} /> : null}
      {done ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {done}
        </p>
      ) : null}
      <Field label="Current password" required error={fieldErrors.currentPassword}>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </Field>
      <Field label="New password" required hint={`At least ${minLength} characters. Your other sessions are signed out.`} error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Field label="Confirm new password" required error={fieldErrors.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" />
      </Field>
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
