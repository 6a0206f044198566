import { z } from 'zod';
import { STARTUP_FAILURE_CLASSES } from './startup-failure';

// The result of running an artifact's score.py for real at upload: import it and call
// load_model() in the runtime image that would serve it. Stored with the artifact's introspection.

export const loadCheckSchema = z.object({
  status: z.enum(['pass', 'warn', 'fail']),
  reason: z.string(),
  /** The traceback, or the last lines printed, when it failed. */
  excerpt: z.string().optional(),
  /** What to do about a failure. */
  hint: z.string().optional(),
  /** IMPORT_ERROR or LOAD_MODEL_ERROR, named as a deployment's start failure would be. */
  failureClass: z.enum(STARTUP_FAILURE_CLASSES).optional(),
  /** The runtime image it ran in. */
  image: z.string().optional(),
  seconds: z.number().optional(),
  time: z.string(),
});

export type LoadCheck = z.infer<typeof loadCheckSchema>;

/** A load check that ended without the model server's report (it crashed, or was killed). */
export function loadFailureReason(errorLine: string | null, exitCode: number | null): string {
  if (errorLine) return `Loading the model failed: ${errorLine}`;
  return `The load check exited with code ${exitCode ?? '?'} before it could report.`;
}
