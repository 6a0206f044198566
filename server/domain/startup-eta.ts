// "About N s left" for a running create, learned from the earlier creates of the same runtime on
// this installation: each past create recorded when it reached each percent complete and how long
// it took in all. From the phase the running one is in, the median of what the past ones still
// needed from that phase, less the time already spent in it, is what is left.

export interface TimingSample {
  /** Milliseconds from the start at which each percent complete was reached. */
  marks: Record<string, number>;
  totalMs: number;
}

export interface RunningCreate {
  percent: number;
  elapsedMs: number;
  marks: Record<string, number>;
}

/** How many of the latest successful creates the estimate looks at. */
export const ETA_HISTORY = 5;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const markAt = (marks: Record<string, number>, percent: number) => (percent <= 0 ? 0 : marks[String(percent)]);

/** Whole seconds left (at least 1), or null without history to learn from. */
export function estimateSecondsLeft(history: TimingSample[], now: RunningCreate): number | null {
  if (history.length === 0 || now.percent >= 100) return null;
  const reachedAt = markAt(now.marks, now.percent) ?? now.elapsedMs;
  const fromPhase = history.flatMap((h) => {
    const at = markAt(h.marks, now.percent);
    return at === undefined ? [] : [h.totalMs - at];
  });
  const left = fromPhase.length > 0 ? (median(fromPhase) ?? 0) - (now.elapsedMs - reachedAt) : (median(history.map((h) => h.totalMs)) ?? 0) - now.elapsedMs;
  return Math.max(1, Math.ceil(left / 1000));
}

export const formatSecondsLeft = (seconds: number) => `about ${seconds} s left`;
