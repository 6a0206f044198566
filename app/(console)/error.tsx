'use client';

import { Button } from '@/components/ui/button';

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-red-50 p-5">
      <h1 className="text-base font-semibold text-red-900">This page could not be shown</h1>
      <p className="mt-1 text-sm text-red-800">
        The server hit an unexpected error. It is recorded in the server log
        {error.digest ? ` under reference ${error.digest}` : ''}.
      </p>
      <Button className="mt-3" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
