import type Database from 'better-sqlite3';
import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDockerStats } from './docker-stats';

// The sampler's own schedule, with an engine that never answers its first call: a stand-in for
// Docker (whose real stats are covered by tests/integration/instance-telemetry.test.ts).

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the instance stats sampler', () => {
  it('cuts a sample whose Docker call never answers, says so once, and samples again', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const docker = {
      listContainers: (opts: { abortSignal?: AbortSignal }) => {
        const signal = opts.abortSignal;
        signals.push(signal);
        // The first call hangs until it is aborted; later ones find no containers.
        if (signals.length > 1) return Promise.resolve([]);
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    } as unknown as Docker;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stop = startDockerStats(docker, {} as Database.Database, 'installation', 20, 60);
    try {
      await wait(400);
    } finally {
      stop();
    }
    expect(signals.length).toBeGreaterThan(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals.slice(1).every((s) => s?.aborted === false)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('did not answer within 0.06 s');
  });
});
