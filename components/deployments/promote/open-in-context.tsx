'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { switchContextAction } from '@/server/actions/context/switch-context';

/** Switches this browser session to the OCI context, then opens the deployment there. */
export function OpenInContext({ contextId, contextLabel, deploymentId }: { contextId: string; contextLabel: string; deploymentId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        variant="link"
        loading={pending}
        onClick={() =>
          start(async () => {
            const r = await switchContextAction({ contextId });
            if (!r.ok) return setError(r.error);
            router.push(`/model-deployments/${encodeURIComponent(deploymentId)}`);
            router.refresh();
          })
        }
      >
        Open in {contextLabel}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
