// One colour meaning for every chart: success is green, client errors amber, failures red, and
// series that carry no outcome (instances, directions) take neutral colours that are neither.

export const OUTCOME_COLORS = {
  success: '#16a34a',
  clientError: '#d97706',
  failure: '#dc2626',
  redirect: '#0891b2',
} as const;

/** Neutral series colours: blue, violet, slate, pink, teal, brown; no red, green or amber. */
export const NEUTRAL_COLORS = ['#2563eb', '#7c3aed', '#475569', '#db2777', '#0d9488', '#92400e'] as const;

export type Outcome = keyof typeof OUTCOME_COLORS;

/** The outcome a series label names: a status code ("503 Failure") first, else a result word. */
export function outcomeOf(label: string): Outcome | null {
  const code = /\b([1-5])(?:\d\d|XX)\b/i.exec(label)?.[1];
  if (code === '2') return 'success';
  if (code === '3') return 'redirect';
  if (code === '4') return 'clientError';
  if (code === '5') return 'failure';
  if (/\b(success|successful|ok)\b/i.test(label)) return 'success';
  if (/\b(failure|failed|error|errors)\b/i.test(label)) return 'failure';
  return null;
}

/** The colour of a chart series: its outcome's, or the next neutral one by position among the neutral series. */
export function seriesColors(labels: readonly string[]): string[] {
  let neutral = 0;
  return labels.map((label) => {
    const outcome = outcomeOf(label);
    if (outcome) return OUTCOME_COLORS[outcome];
    const color = NEUTRAL_COLORS[neutral % NEUTRAL_COLORS.length] ?? NEUTRAL_COLORS[0];
    neutral += 1;
    return color;
  });
}
