import type { RequestRecord } from './types';

/**
 * Hands finished-request records to the onRequestDone hook in batches from setImmediate, so a slow
 * consumer (a metrics writer, an access log) never runs inside a request's completion.
 */
export class RequestRecorder {
  private queue: RequestRecord[] = [];
  private scheduled = false;
  private warned = false;

  constructor(private readonly sink: ((record: RequestRecord) => void) | undefined) {}

  /** Callers skip building a record at all when nobody listens. */
  get enabled(): boolean {
    return this.sink !== undefined;
  }

  push(record: RequestRecord): void {
    if (!this.sink) return;
    this.queue.push(record);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  /** Delivers what is queued now (close() calls it so the last records are not lost). */
  readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (!this.sink) return;
    for (const record of batch) {
      try {
        this.sink(record);
      } catch (err) {
        // A broken hook must not take the data plane down; saying so once is enough to find it.
        if (!this.warned) console.error('gateway: onRequestDone failed:', err);
        this.warned = true;
      }
    }
  };
}
