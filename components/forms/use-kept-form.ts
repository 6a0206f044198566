'use client';

import { useState, useTransition, type FormEvent } from 'react';

type Refusal = { ok: false; error: string; fieldErrors?: Record<string, string> | undefined };

/**
 * A form submitted through a server action in onSubmit rather than as the form's action: React
 * resets a form after its action, which would empty what the person typed when the server refuses
 * it. Keeps the refusal (a message and errors per field) for the form to show; `onDone` gets the
 * accepted result (an action that redirects never returns one).
 */
export function useKeptForm<T>(
  send: (form: FormData) => Promise<{ ok: true; data: T } | Refusal>,
  onDone?: (data: T, form: HTMLFormElement) => void,
) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    startTransition(async () => {
      const result = await send(form);
      if (result.ok) {
        setFieldErrors({});
        onDone?.(result.data, formElement);
      } else {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  };

  return { pending, error, fieldErrors, onSubmit };
}
