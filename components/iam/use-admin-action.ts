'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useToast } from '@/components/ui/toast';

type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Runs an identity admin action: pending state, the refusal's message (and field errors) kept for
 * the form, a toast and a refresh of the server-rendered page on success.
 */
export function useAdminAction() {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function run<T>(call: () => Promise<ActionResult<T>>, opts: { success?: (data: T) => string; onDone?: (data: T) => void; toastErrors?: boolean } = {}) {
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await call();
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        if (opts.toastErrors) toast({ variant: 'error', title: result.error });
        return;
      }
      if (opts.success) toast({ variant: 'success', title: opts.success(result.data) });
      opts.onDone?.(result.data);
      router.refresh();
    });
  }

  return { run, pending, error, fieldErrors };
}
