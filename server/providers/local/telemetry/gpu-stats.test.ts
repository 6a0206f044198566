import { describe, expect, it } from 'vitest';
import { instanceGpuUtilization, parseNvidiaSmi } from '@/server/providers/local/telemetry/gpu-stats';

describe('nvidia-smi samples', () => {
  it('parses the query rows and leaves out what a GPU does not report', () => {
    const csv = '0, 37, 1024, 4096\n1, 81, 3072, 4096\n2, [N/A], [N/A], 4096\n\n';
    expect(parseNvidiaSmi(csv)).toEqual([
      { index: 0, utilizationPercent: 37, memoryUsedMiB: 1024, memoryTotalMiB: 4096 },
      { index: 1, utilizationPercent: 81, memoryUsedMiB: 3072, memoryTotalMiB: 4096 },
    ]);
    expect(parseNvidiaSmi('No devices were found')).toEqual([]);
  });

  it('reports an instance as the mean over its GPUs', () => {
    expect(instanceGpuUtilization(parseNvidiaSmi('0, 37, 1024, 4096\n1, 81, 3072, 4096'))).toEqual({ core: 59, memory: 50 });
    expect(instanceGpuUtilization([])).toBeNull();
  });
});
