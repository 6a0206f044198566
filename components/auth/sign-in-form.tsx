'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { useHydrated } from '@/components/forms/use-hydrated';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { signInAction } from '@/server/actions/auth/sign-in';

export function SignInForm({ next }: { next?: string | undefined }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function submit(form: FormData) {
    setError(null);
    startTransition(async () => {
      // On success the action redirects; only a refusal comes back.
      const result = await signInAction({ userName: form.get('userName'), password: form.get('password'), next });
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
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
      {error ? <FormAlert message={error} /> : null}
      <Field label="User name" required error={fieldErrors.userName}>
        <Input name="userName" autoComplete="username" autoFocus className="w-full" />
      </Field>
      <Field label="Password" required error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="current-password" className="w-full" />
      </Field>
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
