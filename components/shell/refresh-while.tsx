'use client';

import { useRefreshWhile } from './use-refresh-while';

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
  useRefreshWhile(active, intervalMs);
  return active ? (
    <p className="sr-only" role="status">
      {message}
    </p>
  ) : null;
}
