import { describe, expect, it } from 'vitest';
import { buildPercent, parseBuildStep } from './build-progress';

describe('build progress', () => {
  it('reads the step begun from the classic builder output', () => {
    expect(parseBuildStep('Step 5/12 : RUN apt-get install -y python3')).toEqual({ index: 5, total: 12, instruction: 'RUN apt-get install -y python3' });
    expect(parseBuildStep(' ---> Running in 1f2e3d')).toBeNull();
    expect(parseBuildStep('Step 13/12 : RUN x')).toBeNull();
  });

  it('counts the steps finished, not the one begun', () => {
    expect(buildPercent({ state: 'IN_PROGRESS', stepsDone: 3, stepsTotal: 12 })).toBe(25);
    expect(buildPercent({ state: 'IN_PROGRESS', stepsDone: null, stepsTotal: null })).toBeNull();
    expect(buildPercent({ state: 'SUCCEEDED', stepsDone: null, stepsTotal: null })).toBe(100);
    expect(buildPercent({ state: 'FAILED', stepsDone: 7, stepsTotal: 12 })).toBe(58);
  });
});
