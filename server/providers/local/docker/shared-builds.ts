/**
 * Builds by key, one at a time per key: a second caller while one runs gets the same promise, so
 * two deployments needing a missing image wait for one build instead of racing two.
 */
export function sharedBuilds<T>() {
  const inFlight = new Map<string, Promise<T>>();
  return {
    running: (key: string): boolean => inFlight.has(key),
    run(key: string, start: () => Promise<T>): Promise<T> {
      const running = inFlight.get(key);
      if (running) return running;
      const build = start().finally(() => inFlight.delete(key));
      inFlight.set(key, build);
      return build;
    },
  };
}
