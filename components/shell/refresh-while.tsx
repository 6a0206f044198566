'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the page from the server every few seconds while `active` (something on it is still changing). */
export function RefreshWhile({
  active,
  intervalMs = 2000,
  message = 'Some deployments are changing state; this list refreshes until they settle.',
}: {
  active: boolean;
  intervalMs?: number;
  message?: string;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return active ? (
    <p className="sr-only" role="status">
      {message}
    </p>
  ) : null;
}
