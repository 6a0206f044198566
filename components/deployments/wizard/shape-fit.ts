import { fitResources, type HostCapacity } from '@/server/domain/fit-resources';
import { overcommitOf, type Reservation } from '@/server/domain/host-reservation';
import type { InstanceConfiguration } from '@/server/domain/oci-types';
import { resolveShapeResources } from '@/server/domain/shapes';

// What a shape means on this host, in words for the compute section and the shape dialog.

export interface FitNote {
  tone: 'info' | 'warning' | 'danger';
  text: string;
}

export interface ShapeFit {
  /** "VM.Standard.E4.Flex · 1 OCPU · 16 GB memory", or null when the shape is not valid. */
  summary: string | null;
  error?: string;
  notes: FitNote[];
}

const GB = 1024 ** 3;
const gb = (bytes: number) => `${Math.round((bytes / GB) * 10) / 10} GB`;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** What else the host carries: the other deployments' reservation and this deployment's instance count. */
export interface HostLoad {
  reserved: Reservation | null;
  instances: number;
}

const cpuText = (n: number) => plural(Math.round(n * 100) / 100, 'CPU');

/** The warning when this deployment and the others together ask for more than the host has, saying by how much. */
export function overcommitNote(host: HostCapacity, load: HostLoad, each: { cpus: number; memoryBytes: number }): FitNote | null {
  if (!load.reserved || !(load.instances >= 1)) return null;
  const adding = { cpus: each.cpus * load.instances, memoryBytes: each.memoryBytes * load.instances };
  const over = overcommitOf(host, load.reserved, adding);
  if (!over) return null;
  const parts = [
    over.cpus > 0 ? `CPU by ${cpuText(over.cpus)} (${cpuText(over.total.cpus)} of ${cpuText(host.cpus)})` : null,
    over.memoryBytes > 0 ? `memory by ${gb(over.memoryBytes)} (${gb(over.total.memoryBytes)} of ${gb(host.memoryBytes)})` : null,
  ].filter((p): p is string => p !== null);
  const others =
    load.reserved.cpus > 0 || load.reserved.memoryBytes > 0
      ? `Other deployments already reserve ${cpuText(load.reserved.cpus)} and ${gb(load.reserved.memoryBytes)}; this one adds ${cpuText(adding.cpus)} and ${gb(adding.memoryBytes)} (${plural(load.instances, 'instance')}).`
      : `This deployment asks ${cpuText(adding.cpus)} and ${gb(adding.memoryBytes)} (${plural(load.instances, 'instance')}).`;
  return {
    tone: 'warning',
    text: `Would overcommit this host: ${parts.join(' and ')}. ${others} Instances will compete for CPU, and memory beyond the host's can get them killed. Choose a smaller shape or fewer instances, or stop another deployment.`,
  };
}

export function describeShapeFit(ic: InstanceConfiguration, host: HostCapacity | null, refuseOversized: boolean, load?: HostLoad): ShapeFit {
  const resolved = resolveShapeResources(ic);
  if (!resolved.ok) return { summary: null, error: resolved.error.message, notes: [] };
  const r = resolved.data;
  const gpu = r.shape.gpu ? ` · ${r.shape.gpu.count} × NVIDIA ${r.shape.gpu.model}` : '';
  const summary = `${r.shape.name} · ${plural(r.ocpus, 'OCPU')} · ${r.memoryInGBs} GB memory${gpu}`;
  if (!host || host.cpus === 0) {
    return { summary, notes: [{ tone: 'info', text: 'The Docker engine did not answer, so how this shape fits this machine is not known yet.' }] };
  }
  const hostText = `this host has ${plural(host.cpus, 'CPU')} and ${gb(host.memoryBytes)}`;
  const fit = fitResources(r, host, refuseOversized);
  if (!fit.ok) return { summary, notes: [{ tone: 'danger', text: `${fit.error.message} Choose a smaller shape.` }] };
  const notes: FitNote[] = [];
  const cpus = fit.data.nanoCpus / 1e9;
  if (cpus < r.ocpus || fit.data.memoryBytes < r.memoryInGBs * GB) {
    notes.push({
      tone: 'warning',
      text: `Larger than this host (${hostText}): each instance will be fitted to ${plural(cpus, 'CPU')} and ${gb(fit.data.memoryBytes)}. The deployment's details will say so.`,
    });
  }
  if (r.gpus > 0 && fit.data.gpus === 0) {
    notes.push({ tone: 'warning', text: 'GPU shape: this host has no NVIDIA container runtime, so the instances run on CPU. The deployment’s details will say so.' });
  }
  const overcommit = load ? overcommitNote(host, load, { cpus, memoryBytes: fit.data.memoryBytes }) : null;
  if (overcommit) notes.push(overcommit);
  if (notes.length === 0) notes.push({ tone: 'info', text: `Fits this host: ${hostText}. 1 OCPU is one host CPU.` });
  return { summary, notes };
}
