// The ISO-8601 durations OCI's scaling rules and alarms take (PT3M, PT1H, PT90S, PT1H30M).
const DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;

/** Seconds in a PT..H..M..S duration, or null when the text is not one. */
export function parseIsoDurationSeconds(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'PT') return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** 180 -> "3m", 3600 -> "1h", 90 -> "1m 30s": short text for reasons and messages. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', rest || s === 0 ? `${rest}s` : ''].filter(Boolean);
  return parts.join(' ');
}
