import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

// GPUCoreUtilization and GPUMemoryUtilization of an instance that was given GPUs. The NVIDIA
// container runtime mounts nvidia-smi into such a container and shows it only its own devices, so
// asking from inside needs no mapping from the daemon's device choice back to instances.

export const NVIDIA_SMI_QUERY = ['nvidia-smi', '--query-gpu=index,utilization.gpu,memory.used,memory.total', '--format=csv,noheader,nounits'];

export interface GpuSample {
  index: number;
  utilizationPercent: number;
  memoryUsedMiB: number;
  memoryTotalMiB: number;
}

/** nvidia-smi's CSV rows ("0, 37, 1024, 4096"); a row with "[N/A]" or anything unparsable is left out. */
export function parseNvidiaSmi(csv: string): GpuSample[] {
  const out: GpuSample[] = [];
  for (const line of csv.split('\n')) {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 4) continue;
    const [index, util, used, total] = cells.map(Number);
    if ([index, util, used, total].some((n) => n === undefined || !Number.isFinite(n))) continue;
    out.push({ index: index ?? 0, utilizationPercent: util ?? 0, memoryUsedMiB: used ?? 0, memoryTotalMiB: total ?? 0 });
  }
  return out;
}

/** One value per instance, as for CPU: the mean over its GPUs; null when there is nothing to report. */
export function instanceGpuUtilization(samples: readonly GpuSample[]): { core: number; memory: number } | null {
  const withMemory = samples.filter((s) => s.memoryTotalMiB > 0);
  if (samples.length === 0 || withMemory.length === 0) return null;
  const core = samples.reduce((a, s) => a + s.utilizationPercent, 0) / samples.length;
  const memory = withMemory.reduce((a, s) => a + (s.memoryUsedMiB / s.memoryTotalMiB) * 100, 0) / withMemory.length;
  return { core, memory };
}

/** Runs nvidia-smi in the container; its stdout, or an error naming what went wrong. */
export async function queryContainerGpus(docker: Docker, containerId: string, timeoutMs = 10_000): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: NVIDIA_SMI_QUERY, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stderr.on('data', (c: Buffer) => errors.push(c));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`nvidia-smi did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('error', (e: Error) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) {
    throw new Error(`nvidia-smi exited with ${ExitCode ?? 'no code'}: ${Buffer.concat(errors).toString().trim() || Buffer.concat(chunks).toString().trim()}`);
  }
  return Buffer.concat(chunks).toString();
}
