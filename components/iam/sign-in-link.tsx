'use client';

import { useSyncExternalStore } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { FormattedTime } from '@/components/formatted-time';

const subscribe = () => () => undefined;

/** The one-time link, absolute on this console's origin; shown once (only its hash is kept). */
export function SignInLink({ userName, path, timeExpires }: { userName: string; path: string; timeExpires: string }) {
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => '');
  const url = `${origin}${path}`;
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-gray-800">
      <p>
        Sign-in link for <strong>{userName}</strong>: send it to them to set a password. It works once, until <FormattedTime iso={timeExpires} />, and is not shown again.
      </p>
      <div className="flex items-center gap-2">
        <code aria-label={`Sign-in link for ${userName}`} className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs">
          {url}
        </code>
        <CopyButton text={url} label={`Copy sign-in link for ${userName}`} variant="secondary" />
      </div>
    </div>
  );
}
