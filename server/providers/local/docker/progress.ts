import type Docker from 'dockerode';

/** What the Engine API streams from a build or an import, one JSON object a line. */
interface ProgressEvent {
  stream?: unknown;
  status?: unknown;
  error?: unknown;
  errorDetail?: { message?: unknown };
  aux?: { ID?: unknown };
}

export interface StreamOutcome {
  /** The engine's error message when the build or import failed, else undefined. */
  error: string | undefined;
  /** The last build step begun ("Step 3/9 : RUN apt-get ..."), to say where a failure happened. */
  lastStep: string | undefined;
  /** The image id the engine reported (aux.ID of a build, the status of an import). */
  imageId: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Follows a build or import stream to its end, handing every printable line to onLine. The engine
 * reports a failure as an event in a stream that otherwise ends normally, so it is picked out here.
 */
export function followEngineStream(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onLine: (line: string) => void,
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = { error: undefined, lastStep: undefined, imageId: undefined };
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (transportError) => (transportError ? reject(transportError) : resolve(outcome)),
      (event: ProgressEvent) => {
        const error = str(event.errorDetail?.message) ?? str(event.error);
        if (error !== undefined) {
          outcome.error = error.trim();
          onLine(`ERROR: ${outcome.error}`);
          return;
        }
        const id = str(event.aux?.ID);
        if (id !== undefined) outcome.imageId = id;
        const text = str(event.stream) ?? str(event.status);
        if (text === undefined) return;
        if (/^sha256:[0-9a-f]{64}$/.test(text.trim())) outcome.imageId = text.trim();
        for (const line of text.split('\n')) {
          const trimmed = line.trimEnd();
          if (trimmed === '') continue;
          if (/^Step \d+\/\d+ : /.test(trimmed)) outcome.lastStep = trimmed;
          onLine(trimmed);
        }
      },
    );
  });
}
