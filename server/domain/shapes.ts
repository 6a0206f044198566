import type { InstanceConfiguration, ModelDeploymentShapeSeries, ModelDeploymentShapeSummary } from './oci-types';
import { domainError, err, ok, type DomainError, type Result } from './result';

// The model deployment shape catalog of OCI-SPEC A.5 (from the ADS shape fixture). For flex shapes
// coreCount and memoryInGBs are the maxima. The API has no GPU fields; `gpu` comes from the notes
// in A.5 and, where only the model is given, from the count suffix of the shape name.

export interface Range {
  min: number;
  max: number;
}

export interface GpuSpec {
  count: number;
  model: string;
}

interface ShapeBase extends ModelDeploymentShapeSummary {
  gpu?: GpuSpec;
}

export interface FixedShape extends ShapeBase {
  isFlex: false;
}

export interface FlexShape extends ShapeBase {
  isFlex: true;
  flex: { ocpus: Range; memoryInGBs: Range };
}

export type Shape = FixedShape | FlexShape;

const fixed = (name: string, coreCount: number, memoryInGBs: number, shapeSeries: ModelDeploymentShapeSeries, gpu?: GpuSpec): FixedShape => ({
  name,
  coreCount,
  memoryInGBs,
  shapeSeries,
  isFlex: false,
  ...(gpu ? { gpu } : {}),
});

const flex = (
  name: string,
  coreCount: number,
  memoryInGBs: number,
  shapeSeries: ModelDeploymentShapeSeries,
  ranges: { ocpus: Range; memoryInGBs: Range } = { ocpus: { min: 1, max: coreCount }, memoryInGBs: { min: 6, max: memoryInGBs } },
): FlexShape => ({ name, coreCount, memoryInGBs, shapeSeries, isFlex: true, flex: ranges });

const gpus = (count: number, model: string): GpuSpec => ({ count, model });

export const SHAPES: readonly Shape[] = [
  fixed('VM.Standard2.1', 1, 15, 'INTEL_SKYLAKE'),
  fixed('VM.Standard2.2', 2, 30, 'INTEL_SKYLAKE'),
  fixed('VM.Standard2.4', 4, 30, 'INTEL_SKYLAKE'),
  fixed('VM.Standard2.8', 8, 120, 'INTEL_SKYLAKE'),
  fixed('VM.Standard2.16', 16, 240, 'INTEL_SKYLAKE'),
  fixed('VM.Standard2.24', 24, 320, 'INTEL_SKYLAKE'),
  // Ranges stated in OCI-SPEC A.3.
  flex('VM.Standard.E3.Flex', 64, 1024, 'AMD_ROME', { ocpus: { min: 1, max: 64 }, memoryInGBs: { min: 6, max: 1024 } }),
  flex('VM.Standard.E4.Flex', 64, 1024, 'AMD_ROME', { ocpus: { min: 1, max: 64 }, memoryInGBs: { min: 6, max: 1024 } }),
  flex('VM.Standard3.Flex', 32, 512, 'INTEL_SKYLAKE', { ocpus: { min: 1, max: 32 }, memoryInGBs: { min: 6, max: 512 } }),
  flex('VM.Optimized3.Flex', 18, 256, 'INTEL_SKYLAKE', { ocpus: { min: 1, max: 18 }, memoryInGBs: { min: 6, max: 256 } }),
  // Inferred ranges (no source states them): 1..coreCount OCPUs and 6..memoryInGBs GB, like the
  // documented flex shapes.
  flex('VM.Standard.E5.Flex', 94, 1049, 'AMD_ROME'),
  flex('VM.Standard.A1.Flex', 80, 512, 'ARM'),
  flex('VM.Standard.A2.Flex', 78, 946, 'ARM'),
  fixed('VM.GPU2.1', 12, 72, 'NVIDIA_GPU', gpus(1, 'P100')),
  fixed('VM.GPU3.1', 6, 90, 'NVIDIA_GPU', gpus(1, 'V100')),
  fixed('VM.GPU3.2', 12, 180, 'NVIDIA_GPU', gpus(2, 'V100')),
  fixed('VM.GPU3.4', 24, 360, 'NVIDIA_GPU', gpus(4, 'V100')),
  fixed('VM.GPU.A10.1', 15, 240, 'NVIDIA_GPU', gpus(1, 'A10')),
  fixed('VM.GPU.A10.2', 30, 480, 'NVIDIA_GPU', gpus(2, 'A10')),
  fixed('BM.GPU.A10.4', 64, 1024, 'NVIDIA_GPU', gpus(4, 'A10')),
  fixed('BM.GPU4.8', 64, 2048, 'NVIDIA_GPU', gpus(8, 'A100')),
  fixed('BM.GPU.A100-v2.8', 64, 2048, 'NVIDIA_GPU', gpus(8, 'A100')),
  fixed('BM.GPU.H100.8', 112, 2048, 'NVIDIA_GPU', gpus(8, 'H100')),
  fixed('BM.GPU.L40S-NC.4', 112, 1024, 'NVIDIA_GPU', gpus(4, 'L40S')),
  // Generic shapes let the user pick OCPUs and memory like flex shapes; ranges inferred as above.
  flex('VM.Standard.AMD.Generic', 64, 1024, 'GENERIC'),
  flex('VM.Standard.Intel.Generic', 32, 512, 'GENERIC'),
  flex('VM.Standard.Ampere.Generic', 80, 512, 'GENERIC'),
];

export const SHAPE_SERIES_LABELS: Record<ModelDeploymentShapeSeries, string> = {
  AMD_ROME: 'AMD',
  INTEL_SKYLAKE: 'Intel',
  ARM: 'Ampere (Arm)',
  NVIDIA_GPU: 'Specialty and previous generation (GPU)',
  GENERIC: 'Generic',
  LEGACY: 'Previous generation',
};

export const findShape = (name: string): Shape | undefined => SHAPES.find((s) => s.name === name);

export const isGpuShape = (name: string): boolean => findShape(name)?.shapeSeries === 'NVIDIA_GPU';

export const toShapeSummary = ({ name, coreCount, memoryInGBs, shapeSeries }: Shape): ModelDeploymentShapeSummary => ({
  name,
  coreCount,
  memoryInGBs,
  shapeSeries,
});

export interface ShapeResources {
  shape: Shape;
  ocpus: number;
  memoryInGBs: number;
  gpus: number;
}

const SHAPE_CONFIG = 'modelDeploymentInstanceShapeConfigDetails';

const invalid = (field: string, message: string): Result<never, DomainError> =>
  err(domainError('InvalidParameter', message, { [field]: message }));

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * What an instance configuration runs on. Fixed shapes have their own size and refuse a shape
 * config that disagrees; flex shapes need OCPUs and memory within the shape's range. Field errors
 * are keyed relative to the instance configuration.
 */
export function resolveShapeResources(instanceConfiguration: InstanceConfiguration): Result<ShapeResources, DomainError> {
  const { instanceShapeName: name } = instanceConfiguration;
  const shape = findShape(name);
  if (!shape) return invalid('instanceShapeName', `Unknown shape "${name}". Choose one of the shapes listed for model deployments.`);
  const config = instanceConfiguration.modelDeploymentInstanceShapeConfigDetails;
  const gpuCount = shape.gpu?.count ?? 0;

  if (!shape.isFlex) {
    const size = `${plural(shape.coreCount, 'OCPU')} and ${shape.memoryInGBs} GB of memory`;
    if (config?.ocpus !== undefined && config.ocpus !== shape.coreCount) {
      return invalid(`${SHAPE_CONFIG}.ocpus`, `${name} is a fixed shape with ${size}; it cannot have ${plural(config.ocpus, 'OCPU')}.`);
    }
    if (config?.memoryInGBs !== undefined && config.memoryInGBs !== shape.memoryInGBs) {
      return invalid(`${SHAPE_CONFIG}.memoryInGBs`, `${name} is a fixed shape with ${size}; it cannot have ${config.memoryInGBs} GB of memory.`);
    }
    return ok({ shape, ocpus: shape.coreCount, memoryInGBs: shape.memoryInGBs, gpus: gpuCount });
  }

  const { ocpus: ocpuRange, memoryInGBs: memoryRange } = shape.flex;
  const ocpus = config?.ocpus;
  const memoryInGBs = config?.memoryInGBs;
  if (ocpus === undefined) {
    return invalid(`${SHAPE_CONFIG}.ocpus`, `${name} is a flex shape: choose the number of OCPUs (${ocpuRange.min} to ${ocpuRange.max}).`);
  }
  if (memoryInGBs === undefined) {
    return invalid(`${SHAPE_CONFIG}.memoryInGBs`, `${name} is a flex shape: choose the memory (${memoryRange.min} to ${memoryRange.max} GB).`);
  }
  if (!Number.isFinite(ocpus) || ocpus < ocpuRange.min || ocpus > ocpuRange.max) {
    return invalid(`${SHAPE_CONFIG}.ocpus`, `${name} allows ${ocpuRange.min} to ${ocpuRange.max} OCPUs; ${ocpus} is out of range.`);
  }
  if (!Number.isFinite(memoryInGBs) || memoryInGBs < memoryRange.min || memoryInGBs > memoryRange.max) {
    return invalid(`${SHAPE_CONFIG}.memoryInGBs`, `${name} allows ${memoryRange.min} to ${memoryRange.max} GB of memory; ${memoryInGBs} GB is out of range.`);
  }
  return ok({ shape, ocpus, memoryInGBs, gpus: gpuCount });
}
