import type { Db } from '@/db/client';
import { insertImageBuild, updateImageBuild } from '@/db/queries/image-builds';
import { parseBuildStep } from '@/server/domain/build-progress';

// Writes each image build and its progress to image_builds, so the operations page can show the
// builds of any process (setup, console) while they run and after.

export type BuildTrigger = 'setup' | 'deployment' | 'operator';

export interface BuildEntry {
  /** A line of the build's output. */
  line(text: string): void;
  /** The build ended: without an error it succeeded. */
  finish(error?: string): void;
}

export interface BuildJournal {
  begin(image: string, slug: string | null): BuildEntry;
}

// Output lines come by the hundred a second during apt installs: the row is rewritten at most this
// often, and at once when a new step begins.
const WRITE_EVERY_MS = 1000;

export function createBuildJournal(db: Db, trigger: BuildTrigger, now: () => Date = () => new Date()): BuildJournal {
  return {
    begin(image, slug) {
      const started = now().toISOString();
      const id = insertImageBuild(db, { image, slug, trigger, state: 'IN_PROGRESS', pid: process.pid, timeStarted: started, timeUpdated: started });
      let lastWrite = 0;
      let pendingLine: string | null = null;
      let steps: { done: number; total: number } | null = null;
      const write = (patch: Parameters<typeof updateImageBuild>[2]) => {
        lastWrite = Date.now();
        // Progress is for show: a locked or closed database must not fail the build itself.
        try {
          updateImageBuild(db, id, { ...patch, timeUpdated: now().toISOString() });
        } catch {
          // The next line tries again.
        }
      };
      return {
        line(text) {
          const step = parseBuildStep(text);
          if (step) {
            steps = { done: step.index - 1, total: step.total };
            write({ stepsDone: steps.done, stepsTotal: steps.total, currentStep: text.trim().slice(0, 500), lastLine: null });
            pendingLine = null;
            return;
          }
          pendingLine = text.slice(0, 500);
          if (Date.now() - lastWrite >= WRITE_EVERY_MS) {
            write({ lastLine: pendingLine });
            pendingLine = null;
          }
        },
        finish(error) {
          const time = now().toISOString();
          write({
            state: error === undefined ? 'SUCCEEDED' : 'FAILED',
            ...(error === undefined && steps ? { stepsDone: steps.total } : {}),
            ...(pendingLine !== null ? { lastLine: pendingLine } : {}),
            error: error?.slice(0, 4000) ?? null,
            timeFinished: time,
          });
        },
      };
    },
  };
}

type Outcome = { ok: true } | { ok: false; error: { message: string } };

/** Runs a build with its lines going to onProgress and, when there is a journal, to a build entry. */
export async function journaled<R extends Outcome>(j: {
  journal: BuildJournal | undefined;
  image: string;
  slug: string | null;
  onProgress: (line: string) => void;
  build: (onLine: (line: string) => void) => Promise<R>;
}): Promise<R> {
  const entry = j.journal?.begin(j.image, j.slug);
  const onLine = (line: string) => {
    j.onProgress(line);
    entry?.line(line);
  };
  try {
    const result = await j.build(onLine);
    entry?.finish(result.ok ? undefined : result.error.message);
    return result;
  } catch (cause) {
    entry?.finish(cause instanceof Error ? cause.message : String(cause));
    throw cause;
  }
}
