// "2 min ago" for lists; the exact time goes in the element's title. Pure so it can be tested with
// a fixed clock and shared by every list.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `then` was, seen at `now` (both epoch ms): "just now", "45 s ago", "2 min ago", "3 h ago", "5 d ago". */
export function relativeTime(then: number, now: number): string {
  const delta = now - then;
  const future = delta < 0;
  const d = Math.abs(delta);
  if (d < 5 * SECOND) return 'just now';
  const say = (n: number, unit: string) => (future ? `in ${n} ${unit}` : `${n} ${unit} ago`);
  if (d < MINUTE) return say(Math.floor(d / SECOND), 's');
  if (d < HOUR) return say(Math.floor(d / MINUTE), 'min');
  if (d < DAY) return say(Math.floor(d / HOUR), 'h');
  if (d < 60 * DAY) return say(Math.floor(d / DAY), d < 2 * DAY ? 'day' : 'days');
  const months = Math.floor(d / (30 * DAY));
  return say(months, months === 1 ? 'month' : 'months');
}

/** How often a shown relative time should be recomputed: every second under a minute, then every 30 s. */
export const relativeTimeRefreshMs = (then: number, now: number): number => (Math.abs(now - then) < MINUTE ? SECOND : 30 * SECOND);
