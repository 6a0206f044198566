import { describe, expect, it } from 'vitest';
import { estimateSecondsLeft, formatSecondsLeft, median } from './startup-eta';

const past = [
  { marks: { '30': 1000, '55': 1500, '75': 3000, '90': 3200 }, totalMs: 3400 },
  { marks: { '30': 1200, '55': 1700, '75': 4200, '90': 4400 }, totalMs: 4600 },
  { marks: { '30': 800, '55': 1300, '75': 2800, '90': 3000 }, totalMs: 3100 },
];

describe('startup ETA', () => {
  it('says nothing without history', () => {
    expect(estimateSecondsLeft([], { percent: 0, elapsedMs: 0, marks: {} })).toBeNull();
  });

  it('is the median of what past creates needed from the same phase, less the time spent in it', () => {
    // From the start: totals 3.4, 4.6, 3.1 s -> median 3.4 s, 0.5 s already spent -> 2.9 -> 3 s.
    expect(estimateSecondsLeft(past, { percent: 0, elapsedMs: 500, marks: {} })).toBe(3);
    // At 55 % (reached at 1.4 s, now 1.6 s): left from 55 % were 1.9, 2.9, 1.8 -> 1.9 - 0.2 = 1.7 -> 2 s.
    expect(estimateSecondsLeft(past, { percent: 55, elapsedMs: 1600, marks: { '30': 900, '55': 1400 } })).toBe(2);
  });

  it('never says less than 1 s while running, and nothing once done', () => {
    expect(estimateSecondsLeft(past, { percent: 90, elapsedMs: 60_000, marks: { '90': 1000 } })).toBe(1);
    expect(estimateSecondsLeft(past, { percent: 100, elapsedMs: 3000, marks: {} })).toBeNull();
  });

  it('falls back to the totals when no past create has the phase', () => {
    expect(estimateSecondsLeft(past, { percent: 42, elapsedMs: 1000, marks: { '42': 900 } })).toBe(3);
  });

  it('medians and wording', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(formatSecondsLeft(4)).toBe('about 4 s left');
  });
});
