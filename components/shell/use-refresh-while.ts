'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';

/**
 * Re-renders the page from the server while `active`, one refresh at a time: the next starts
 * `intervalMs` after the last one has landed. A fixed interval started a refresh that cancelled
 * the one in flight, so a page whose server render took longer than the interval (a loaded host,
 * an OCI context's round trips) never showed the new state at all.
 */
export function useRefreshWhile(active: boolean, intervalMs: number): void {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  useEffect(() => {
    if (!active || refreshing) return;
    const timer = setTimeout(() => startRefresh(() => router.refresh()), intervalMs);
    return () => clearTimeout(timer);
  }, [active, refreshing, intervalMs, router]);
}
