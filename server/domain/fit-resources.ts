import type { ShapeResources } from './shapes';
import { domainError, err, ok, type DomainError, type Result } from './result';

// How a shape maps onto this host. Convention of the local provider: 1 OCPU = 1 host CPU (a
// container gets `ocpus` CPUs of CPU time), memory as given in GB. A shape larger than the host
// still deploys, fitted to what the host can give, unless the installation refuses such shapes;
// either way the deployment says what was asked and what was given.

export interface HostCapacity {
  cpus: number;
  memoryBytes: number;
  nvidiaRuntime: boolean;
}

export interface FittedResources {
  nanoCpus: number;
  memoryBytes: number;
  /** GPUs requested from the NVIDIA runtime; 0 when running on CPU. */
  gpus: number;
  /** Sentences for the deployment's lifecycle details, empty when the shape fits as asked. */
  notes: string[];
}

const GB = 1024 ** 3;
const fmtGb = (bytes: number) => `${Math.round((bytes / GB) * 10) / 10} GB`;

export function fitResources(asked: ShapeResources, host: HostCapacity, refuseOversized: boolean): Result<FittedResources, DomainError> {
  const notes: string[] = [];
  const askedMemory = asked.memoryInGBs * GB;
  const cpus = Math.min(asked.ocpus, host.cpus);
  const memoryBytes = Math.min(askedMemory, host.memoryBytes);
  const oversized = cpus < asked.ocpus || memoryBytes < askedMemory;
  if (oversized) {
    const message =
      `Shape ${asked.shape.name} asks ${asked.ocpus} OCPU${asked.ocpus === 1 ? '' : 's'} and ${asked.memoryInGBs} GB per instance; ` +
      `this host has ${host.cpus} CPU${host.cpus === 1 ? '' : 's'} and ${fmtGb(host.memoryBytes)}`;
    if (refuseOversized) return err(domainError('InvalidParameter', `${message}, and this installation refuses shapes larger than the host.`));
    notes.push(`${message}; each instance was given ${cpus} CPU${cpus === 1 ? '' : 's'} and ${fmtGb(memoryBytes)}.`);
  }
  let gpus = 0;
  if (asked.gpus > 0) {
    const gpu = asked.shape.gpu;
    const what = `${asked.gpus} x NVIDIA ${gpu?.model ?? 'GPU'}`;
    if (host.nvidiaRuntime) {
      gpus = asked.gpus;
    } else if (refuseOversized) {
      return err(domainError('InvalidParameter', `GPU shape ${asked.shape.name} (${what}) needs the NVIDIA container runtime, which this host does not have.`));
    } else {
      notes.push(`GPU shape ${asked.shape.name} (${what}) runs on CPU: this host has no NVIDIA container runtime.`);
    }
  }
  return ok({ nanoCpus: Math.round(cpus * 1e9), memoryBytes, gpus, notes });
}
