// A control-plane loop (the scaler, the alarm engine, the idle guard): one pass at a time, shared
// by concurrent callers, then the next pass an interval after the last one ended, so a slow pass
// never overlaps the next and a failed one does not end the loop. The timer is unref'd: the loop
// never keeps a process alive on its own.

export interface PeriodicTask<T> {
  /** One pass now; a caller while one runs gets that one's result. */
  runOnce(): Promise<T>;
  /** Passes every intervalMs from now on, the first at once; 0 or less: never (tests drive it by hand). */
  start(intervalMs: number): void;
  stop(): void;
}

export interface PeriodicTaskOptions<T> {
  /** Named in the log line of a pass that failed as a whole. */
  name: string;
  logger?: Pick<Console, 'error'>;
  /** Called with each pass's result when the loop ran it (logging what it did). */
  onResult?: (result: T) => void;
}

export function createPeriodicTask<T>(pass: () => Promise<T>, options: PeriodicTaskOptions<T>): PeriodicTask<T> {
  const logger = options.logger ?? console;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  // A stop then a start while a pass runs must not leave that pass's tick scheduling a second loop.
  let generation = 0;
  let running: Promise<T> | null = null;

  const runOnce = (): Promise<T> => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    runOnce,
    start(intervalMs: number) {
      if (started || intervalMs <= 0) return;
      started = true;
      const mine = ++generation;
      const tick = () => {
        runOnce()
          .then((result) => options.onResult?.(result))
          .catch((e: unknown) => logger.error(`${options.name} pass failed`, e))
          .finally(() => {
            if (!started || mine !== generation) return;
            timer = setTimeout(tick, intervalMs);
            timer.unref();
          });
      };
      tick();
    },
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
