'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * A time in the viewer's locale and zone. The server renders UTC so the first paint matches
 * hydration; the browser then switches to local time.
 */
export function FormattedTime({ iso }: { iso: string }) {
  const local = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = new Date(iso);
  const text = local
    ? d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
