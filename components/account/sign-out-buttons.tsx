'use client';

import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { signOutAction, signOutEverywhereAction } from '@/server/actions/auth/sign-out';

export function SignOutButtons({ sessions }: { sessions: number }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const everywhere = () =>
    startTransition(async () => {
      // On success the action goes to the sign-in page; only a refusal comes back.
      const result = await signOutEverywhereAction();
      if (result && !result.ok) setError(result.error);
    });

  return (
    <div className="flex flex-col gap-3">
      {error ? <FormAlert message={error} /> : null}
      <p className="text-sm text-gray-600">
        {sessions === 1 ? 'This is your only open session.' : `You have ${sessions} open sessions, this one included.`}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} onClick={() => startTransition(() => signOutAction())}>
          Sign out
        </Button>
        <Button variant="danger" disabled={pending} onClick={everywhere}>
          Sign out everywhere
        </Button>
      </div>
    </div>
  );
}
