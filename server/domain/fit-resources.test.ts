import { describe, expect, it } from 'vitest';
import { fitResources } from './fit-resources';
import { resolveShapeResources } from './shapes';

const GB = 1024 ** 3;
const host = { cpus: 2, memoryBytes: 24 * GB, nvidiaRuntime: false };
const resources = (instanceShapeName: string, ocpus?: number, memoryInGBs?: number) => {
  const r = resolveShapeResources({
    instanceShapeName,
    ...(ocpus !== undefined ? { modelDeploymentInstanceShapeConfigDetails: { ocpus, memoryInGBs: memoryInGBs ?? 16 } } : {}),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};

describe('fitResources', () => {
  it('gives a shape that fits exactly what it asks, with nothing to say', () => {
    const r = fitResources(resources('VM.Standard.E4.Flex', 1, 6), host, false);
    expect(r).toEqual({ ok: true, data: { nanoCpus: 1e9, memoryBytes: 6 * GB, gpus: 0, notes: [] } });
  });

  it('fits a shape larger than the host and says what was asked and given', () => {
    const r = fitResources(resources('VM.Standard.E4.Flex', 8, 64), host, false);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.nanoCpus).toBe(2e9);
    expect(r.data.memoryBytes).toBe(24 * GB);
    expect(r.data.notes[0]).toBe(
      'Shape VM.Standard.E4.Flex asks 8 OCPUs and 64 GB per instance; this host has 2 CPUs and 24 GB; each instance was given 2 CPUs and 24 GB.',
    );
  });

  it('refuses an oversized shape when the installation says so', () => {
    const r = fitResources(resources('VM.Standard.E4.Flex', 8, 64), host, true);
    expect(r).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(!r.ok && r.error.message).toMatch(/refuses shapes larger than the host/);
  });

  it('runs a GPU shape on CPU without an NVIDIA runtime and says so', () => {
    const r = fitResources(resources('VM.GPU.A10.1'), host, false);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.gpus).toBe(0);
    expect(r.data.notes.join(' ')).toMatch(/GPU shape VM\.GPU\.A10\.1 \(1 x NVIDIA A10\) runs on CPU: this host has no NVIDIA container runtime\./);
  });

  it('asks the NVIDIA runtime for the GPUs where it exists', () => {
    const r = fitResources(resources('VM.GPU.A10.2'), { ...host, cpus: 64, memoryBytes: 1024 * GB, nvidiaRuntime: true }, false);
    expect(r.ok && r.data.gpus).toBe(2);
    expect(r.ok && r.data.notes).toEqual([]);
  });
});
