'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { useHydrated } from '@/components/forms/use-hydrated';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { setFirstPasswordAction } from '@/server/actions/auth/set-first-password';

export function NewPasswordForm({ minLength }: { minLength: number }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
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

  // onSubmit rather than a form action: React resets a form after its action, which would empty
  // what the person typed when the server refuses it.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(new FormData(event.currentTarget));
  };

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Choose a password">
      {error ? <FormAlert message={error} /> : null}
      <Field label="New password" required hint={`At least ${minLength} characters.`} error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" autoFocus className="w-full" />
      </Field>
      <Field label="Confirm new password" required error={fieldErrors.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={pending || !hydrated}>
        {pending ? 'Saving…' : 'Set password'}
      </Button>
    </form>
  );
}
