'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { relativeTime, relativeTimeRefreshMs } from '@/server/domain/relative-time';

const subscribe = () => () => undefined;

/**
 * "2 min ago" in lists, with the exact local time on hover. The server renders the exact UTC time
 * so the first paint matches hydration; the browser then switches to the relative form and keeps
 * it current.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const client = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const then = Date.parse(iso);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!client) return;
    const timer = setTimeout(() => setNow(Date.now()), relativeTimeRefreshMs(then, now));
    return () => clearTimeout(timer);
  }, [client, then, now]);
  if (Number.isNaN(then)) return <span>{iso}</span>;
  const d = new Date(then);
  const exact = client ? d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return (
    <time dateTime={iso} title={exact} className="whitespace-nowrap">
      {client ? relativeTime(then, now) : exact}
    </time>
  );
}
