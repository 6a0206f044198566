'use client';

import { FormAlert } from '@/components/forms/form-alert';
import { useKeptForm } from '@/components/forms/use-kept-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { signInAction } from '@/server/actions/auth/sign-in';

export function SignInForm({ next }: { next?: string | undefined }) {
  // On success the action redirects; only a refusal comes back.
  const { pending, error, fieldErrors, onSubmit } = useKeptForm((form) =>
    signInAction({ userName: form.get('userName'), password: form.get('password'), next }),
  );

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
      {error ? <FormAlert message={error} /> : null}
      <Field label="User name" required error={fieldErrors.userName}>
        <Input name="userName" autoComplete="username" autoFocus className="w-full" />
      </Field>
      <Field label="Password" required error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="current-password" className="w-full" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
