import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPeriodicTask } from './periodic-task';

afterEach(() => {
  vi.useRealTimers();
});

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('createPeriodicTask', () => {
  it('shares one pass among concurrent callers and runs a fresh one after it ends', async () => {
    const gates: ReturnType<typeof deferred<number>>[] = [];
    const task = createPeriodicTask(() => {
      const d = deferred<number>();
      gates.push(d);
      return d.promise;
    }, { name: 't' });
    const a = task.runOnce();
    const b = task.runOnce();
    expect(gates).toHaveLength(1);
    gates[0]?.resolve(1);
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    const c = task.runOnce();
    expect(gates).toHaveLength(2);
    gates[1]?.resolve(2);
    expect(await c).toBe(2);
  });

  it('runs at once on start, then an interval after each pass ends; a failed pass is logged and the loop goes on', async () => {
    vi.useFakeTimers();
    let n = 0;
    const results: number[] = [];
    const logger = { error: vi.fn() };
    const task = createPeriodicTask(async () => {
      n += 1;
      if (n === 2) throw new Error('boom');
      return n;
    }, { name: 'probe', logger, onResult: (r) => results.push(r) });
    task.start(1000);
    task.start(1000); // a second start is ignored
    await vi.advanceTimersByTimeAsync(0);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(n).toBe(2);
    expect(logger.error).toHaveBeenCalledWith('probe pass failed', expect.any(Error));
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(3);
    expect(results).toEqual([1, 3]);
    task.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(n).toBe(3);
  });

  it('never starts with an interval of 0, and a stop then a start during a pass leaves one loop', async () => {
    vi.useFakeTimers();
    let n = 0;
    const gate = deferred<void>();
    const task = createPeriodicTask(async () => {
      n += 1;
      if (n === 1) await gate.promise;
      return n;
    }, { name: 't' });
    task.start(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(0);
    task.start(1000);
    await vi.advanceTimersByTimeAsync(0);
    task.stop();
    task.start(1000); // shares the pass still running
    gate.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(3);
    task.stop();
  });
});
