'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { revealSecretAction } from '@/server/actions/deployments/reveal-secret';
import { SECRET_MASK } from '@/server/domain/secrets';

/**
 * A secret environment variable: the mask, and Reveal, which fetches the value on purpose (the
 * reveal is recorded in the deployment's work requests) and shows it until hidden again.
 */
export function SecretValue({ deploymentId, name }: { deploymentId: string; name: string }) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reveal = () =>
    startTransition(async () => {
      const r = await revealSecretAction({ deploymentId, name });
      if (r.ok) {
        setValue(r.data.value);
        setError(null);
      } else setError(r.error);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span data-testid={`env-${name}`}>
        {name}={value ?? <span aria-label="hidden secret value">{SECRET_MASK}</span>}
      </span>
      {value === null ? (
        <Button variant="link" loading={pending} onClick={reveal} aria-label={`Reveal ${name}`}>
          Reveal
        </Button>
      ) : (
        <Button variant="link" onClick={() => setValue(null)} aria-label={`Hide ${name}`}>
          Hide
        </Button>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
