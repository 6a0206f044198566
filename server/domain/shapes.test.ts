import { describe, expect, it } from 'vitest';
import { SHAPE_SERIES } from './oci-types';
import { findShape, resolveShapeResources, SHAPE_SERIES_LABELS, SHAPES, toShapeSummary } from './shapes';

const failure = (r: ReturnType<typeof resolveShapeResources>) => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

describe('SHAPES', () => {
  it('holds every shape of OCI-SPEC A.5 with its size and series', () => {
    expect(SHAPES).toHaveLength(27);
    expect(new Set(SHAPES.map((s) => s.name)).size).toBe(SHAPES.length);
    expect(toShapeSummary(findShape('VM.Standard2.4') ?? SHAPES[0]!)).toEqual({ name: 'VM.Standard2.4', coreCount: 4, memoryInGBs: 30, shapeSeries: 'INTEL_SKYLAKE' });
    expect(findShape('VM.Standard.E5.Flex')).toMatchObject({ coreCount: 94, memoryInGBs: 1049, shapeSeries: 'AMD_ROME', isFlex: true });
    expect(findShape('VM.Standard.A2.Flex')).toMatchObject({ coreCount: 78, memoryInGBs: 946, shapeSeries: 'ARM' });
    expect(findShape('BM.GPU.H100.8')).toMatchObject({ coreCount: 112, memoryInGBs: 2048, shapeSeries: 'NVIDIA_GPU' });
    expect(findShape('VM.Standard.Ampere.Generic')).toMatchObject({ coreCount: 80, memoryInGBs: 512, shapeSeries: 'GENERIC' });
  });

  it('marks flex shapes and gives the documented ranges', () => {
    expect(findShape('VM.Standard.E4.Flex')).toMatchObject({ isFlex: true, flex: { ocpus: { min: 1, max: 64 }, memoryInGBs: { min: 6, max: 1024 } } });
    expect(findShape('VM.Standard3.Flex')).toMatchObject({ flex: { ocpus: { min: 1, max: 32 }, memoryInGBs: { min: 6, max: 512 } } });
    expect(findShape('VM.Optimized3.Flex')).toMatchObject({ flex: { ocpus: { min: 1, max: 18 }, memoryInGBs: { min: 6, max: 256 } } });
    expect(findShape('VM.Standard.A1.Flex')).toMatchObject({ flex: { ocpus: { min: 1, max: 80 }, memoryInGBs: { min: 6, max: 512 } } });
    expect(findShape('VM.Standard2.1')?.isFlex).toBe(false);
  });

  it('gives GPU count and model, counting from the name suffix', () => {
    expect(findShape('VM.GPU.A10.1')?.gpu).toEqual({ count: 1, model: 'A10' });
    expect(findShape('VM.GPU3.2')?.gpu).toEqual({ count: 2, model: 'V100' });
    expect(findShape('BM.GPU4.8')?.gpu).toEqual({ count: 8, model: 'A100' });
    expect(findShape('BM.GPU.L40S-NC.4')?.gpu).toEqual({ count: 4, model: 'L40S' });
    for (const s of SHAPES) expect(s.gpu !== undefined).toBe(s.shapeSeries === 'NVIDIA_GPU');
  });

  it('summarises without the catalog extras', () => {
    expect(Object.keys(toShapeSummary(findShape('VM.GPU3.2') ?? SHAPES[0]!))).toEqual(['name', 'coreCount', 'memoryInGBs', 'shapeSeries']);
  });

  it('labels every series', () => {
    for (const series of SHAPE_SERIES) expect(SHAPE_SERIES_LABELS[series]).toMatch(/^[A-Z]/);
  });
});

describe('resolveShapeResources', () => {
  it('gives a fixed shape its own size, with or without a matching shape config', () => {
    expect(resolveShapeResources({ instanceShapeName: 'VM.GPU3.2' })).toMatchObject({ ok: true, data: { ocpus: 12, memoryInGBs: 180, gpus: 2 } });
    expect(
      resolveShapeResources({ instanceShapeName: 'VM.Standard2.1', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 15 } }),
    ).toMatchObject({ ok: true, data: { ocpus: 1, memoryInGBs: 15, gpus: 0 } });
  });

  it('refuses a shape config that disagrees with a fixed shape', () => {
    const e = failure(resolveShapeResources({ instanceShapeName: 'VM.Standard2.4', modelDeploymentInstanceShapeConfigDetails: { ocpus: 8 } }));
    expect(e.message).toBe('VM.Standard2.4 is a fixed shape with 4 OCPUs and 30 GB of memory; it cannot have 8 OCPUs.');
    expect(e.fieldErrors).toHaveProperty(['modelDeploymentInstanceShapeConfigDetails.ocpus']);
    const m = failure(resolveShapeResources({ instanceShapeName: 'VM.Standard2.1', modelDeploymentInstanceShapeConfigDetails: { memoryInGBs: 16 } }));
    expect(m.message).toBe('VM.Standard2.1 is a fixed shape with 1 OCPU and 15 GB of memory; it cannot have 16 GB of memory.');
  });

  it('takes OCPUs and memory of a flex shape within range', () => {
    expect(
      resolveShapeResources({ instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 32 } }),
    ).toMatchObject({ ok: true, data: { ocpus: 2, memoryInGBs: 32, gpus: 0, shape: { name: 'VM.Standard.E4.Flex' } } });
  });

  it('requires OCPUs and memory for a flex shape', () => {
    expect(failure(resolveShapeResources({ instanceShapeName: 'VM.Standard.E4.Flex' })).message).toBe(
      'VM.Standard.E4.Flex is a flex shape: choose the number of OCPUs (1 to 64).',
    );
    expect(
      failure(resolveShapeResources({ instanceShapeName: 'VM.Standard3.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1 } })).message,
    ).toBe('VM.Standard3.Flex is a flex shape: choose the memory (6 to 512 GB).');
  });

  it('names the shape and the range when OCPUs or memory are out of range', () => {
    const o = failure(
      resolveShapeResources({ instanceShapeName: 'VM.Optimized3.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 19, memoryInGBs: 16 } }),
    );
    expect(o.message).toBe('VM.Optimized3.Flex allows 1 to 18 OCPUs; 19 is out of range.');
    expect(o.code).toBe('InvalidParameter');
    const m = failure(
      resolveShapeResources({ instanceShapeName: 'VM.Optimized3.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 4 } }),
    );
    expect(m.message).toBe('VM.Optimized3.Flex allows 6 to 256 GB of memory; 4 GB is out of range.');
  });

  it('refuses an unknown shape by name', () => {
    const e = failure(resolveShapeResources({ instanceShapeName: 'VM.Nope' }));
    expect(e.message).toMatch(/^Unknown shape "VM.Nope"/);
    expect(e.fieldErrors).toHaveProperty(['instanceShapeName']);
  });
});
