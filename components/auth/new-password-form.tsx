'use client';

import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { setFirstPasswordAction } from '@/server/actions/auth/set-first-password';

export function NewPasswordForm({ minLength }: { minLength: number }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function submit(form: FormData) {
    setError(null);
    startTransition(async () => {
      // On success the action goes on to the console; only a refusal comes back.
      const result = await setFirstPasswordAction({ password: form.get('password'), confirm: form.get('confirm') });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  }

  return (
    <form action={submit} className="flex flex-col gap-4" aria-label="Choose a password">
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
