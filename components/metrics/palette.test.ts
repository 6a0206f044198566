import { describe, expect, it } from 'vitest';
import { CHARTS } from '@/server/domain/chart-series';
import { NEUTRAL_COLORS, OUTCOME_COLORS, outcomeOf, seriesColors } from './palette';

describe('chart palette', () => {
  it('colours success green and failure red whatever the order of the series (the latency chart sorts Failure first)', () => {
    expect(seriesColors(['Failure', 'Success'])).toEqual([OUTCOME_COLORS.failure, OUTCOME_COLORS.success]);
    expect(seriesColors(['Success', 'Failure'])).toEqual([OUTCOME_COLORS.success, OUTCOME_COLORS.failure]);
    expect(seriesColors(['Success rate'])).toEqual([OUTCOME_COLORS.success]);
  });

  it('reads the status code first: 2xx green, 3xx teal, 4xx amber, 5xx red', () => {
    expect(seriesColors(['200 Success', '302 Success', '404 Failure', '429 Failure', '500 Failure', '503 Failure'])).toEqual([
      OUTCOME_COLORS.success,
      OUTCOME_COLORS.redirect,
      OUTCOME_COLORS.clientError,
      OUTCOME_COLORS.clientError,
      OUTCOME_COLORS.failure,
      OUTCOME_COLORS.failure,
    ]);
    expect(outcomeOf('5XX')).toBe('failure');
  });

  it('gives series without an outcome neutral colours, never an outcome colour', () => {
    const labels = ['Requests', 'Bandwidth', 'Instance …a1b2c3', 'Instance …200abc', 'Receive · Instance …d4e5f6'];
    const colors = seriesColors(labels);
    expect(colors).toEqual(NEUTRAL_COLORS.slice(0, labels.length));
    for (const c of colors) expect(Object.values(OUTCOME_COLORS)).not.toContain(c);
    // The series every chart can produce: each neutral label maps to a neutral colour.
    expect(CHARTS.find((c) => c.id === 'requests')?.label({})).toBe('Requests');
    expect(outcomeOf(CHARTS.find((c) => c.id === 'requests')?.label({}) ?? '')).toBeNull();
  });
});
