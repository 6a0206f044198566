'use client';

import { useRef, useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { useHydrated } from '@/components/forms/use-hydrated';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { changePasswordAction } from '@/server/actions/auth/change-password';

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  function submit(form: FormData) {
    setError(null);
    setDone(null);
    startTransition(async () => {
      const result = await changePasswordAction({ currentPassword: form.get('currentPassword'), password: form.get('password'), confirm: form.get('confirm') });
      if (result.ok) {
        const n = result.data.sessionsEnded;
        setFieldErrors({});
        setDone(`Password changed. ${n === 0 ? 'No other session was open.' : `${n} other session${n === 1 ? '' : 's'} signed out.`}`);
        formRef.current?.reset();
      } else {
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
    <form ref={formRef} method="post" onSubmit={onSubmit} className="flex max-w-sm flex-col gap-4" aria-label="Change password">
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
        <Button type="submit" variant="primary" loading={pending} disabled={!hydrated}>
          Change password
        </Button>
      </div>
    </form>
  );
}
