import { STARTUP_FAILURE_CLASSES, type StartupFailureClass } from './startup-failure';

// The result of running an artifact's score.py for real at upload: import it and call
// load_model() in the runtime image that would serve it. Stored with the artifact's introspection.

export interface LoadCheck {
  status: 'pass' | 'warn' | 'fail';
  reason: string;
  /** The traceback, or the last lines printed, when it failed. */
  excerpt?: string;
  /** What to do about a failure. */
  hint?: string;
  /** IMPORT_ERROR or LOAD_MODEL_ERROR, named as a deployment's start failure would be. */
  failureClass?: StartupFailureClass;
  /** The runtime image it ran in. */
  image?: string;
  seconds?: number;
  time: string;
}

const STATUSES = new Set(['pass', 'warn', 'fail']);

/** Reads a stored load check (JSON of unknown age) defensively; null when there is none. */
export function readLoadCheck(raw: unknown): LoadCheck | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.status !== 'string' || !STATUSES.has(r.status) || typeof r.reason !== 'string') return null;
  return {
    status: r.status as LoadCheck['status'],
    reason: r.reason,
    time: typeof r.time === 'string' ? r.time : '',
    ...(typeof r.excerpt === 'string' && r.excerpt ? { excerpt: r.excerpt } : {}),
    ...(typeof r.hint === 'string' && r.hint ? { hint: r.hint } : {}),
    ...(typeof r.failureClass === 'string' && (STARTUP_FAILURE_CLASSES as readonly string[]).includes(r.failureClass) ? { failureClass: r.failureClass as StartupFailureClass } : {}),
    ...(typeof r.image === 'string' ? { image: r.image } : {}),
    ...(typeof r.seconds === 'number' ? { seconds: r.seconds } : {}),
  };
}

/** A load check that ended without the model server's report (it crashed, or was killed). */
export function loadFailureReason(errorLine: string | null, exitCode: number | null): string {
  if (errorLine) return `Loading the model failed: ${errorLine}`;
  return `The load check exited with code ${exitCode ?? '?'} before it could report.`;
}
