// A Docker build's progress from its output: the classic builder announces each Dockerfile
// instruction as "Step 5/12 : RUN ...", so the step begun says how far the build is.

export interface BuildStep {
  /** The step begun, from 1. */
  index: number;
  total: number;
  /** The instruction, e.g. "RUN apt-get install ...". */
  instruction: string;
}

export function parseBuildStep(line: string): BuildStep | null {
  const m = /^Step (\d+)\/(\d+) : (.*)$/.exec(line.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (!(index >= 1 && total >= index)) return null;
  return { index, total, instruction: m[3] ?? '' };
}

export interface BuildProgressView {
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  stepsDone: number | null;
  stepsTotal: number | null;
}

/** Percent complete, or null while it cannot be told (the base image has no steps). */
export function buildPercent(b: BuildProgressView): number | null {
  if (b.state === 'SUCCEEDED') return 100;
  if (b.stepsDone === null || !b.stepsTotal) return null;
  return Math.round((Math.min(b.stepsDone, b.stepsTotal) / b.stepsTotal) * 100);
}
