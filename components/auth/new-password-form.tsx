'use client';

import { FormAlert } from '@/components/forms/form-alert';
import { useKeptForm } from '@/components/forms/use-kept-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { setFirstPasswordAction } from '@/server/actions/auth/set-first-password';

export function NewPasswordForm({ minLength }: { minLength: number }) {
  // On success the action goes on to the console; only a refusal comes back.
  const { pending, error, fieldErrors, onSubmit } = useKeptForm((form) =>
    setFirstPasswordAction({ password: form.get('password'), confirm: form.get('confirm') }),
  );

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Choose a password">
      {error ? <FormAlert message={error} /> : null}
      <Field label="New password" required hint={`At least ${minLength} characters.`} error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" autoFocus className="w-full" />
      </Field>
      <Field label="Confirm new password" required error={fieldErrors.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? 'Saving…' : 'Set password'}
      </Button>
    </form>
  );
}
