import { describe, expect, it } from 'vitest';
import { parseDockerInfo } from './client';

describe('parseDockerInfo', () => {
  it('reads the NVIDIA runtime, CPUs and memory from docker info', () => {
    const info = { NCPU: 2, MemTotal: 25_275_000_000, Runtimes: { runc: {}, nvidia: { path: 'nvidia-container-runtime' } } };
    expect(parseDockerInfo(info)).toEqual({ nvidiaRuntime: true, cpus: 2, memoryBytes: 25_275_000_000 });
  });

  it('treats missing fields as absent', () => {
    expect(parseDockerInfo({ Runtimes: { runc: {} } })).toEqual({ nvidiaRuntime: false, cpus: 0, memoryBytes: 0 });
    expect(parseDockerInfo(null)).toEqual({ nvidiaRuntime: false, cpus: 0, memoryBytes: 0 });
  });
});
