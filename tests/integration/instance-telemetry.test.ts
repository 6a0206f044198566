import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { BASE_IMAGE } from '@/server/providers/local/docker/base-image';
import { LABELS } from '@/server/providers/local/deployments/containers';
import { newSamplerState, sampleInstances } from '@/server/providers/local/telemetry/docker-stats';
import { createPredictLogFollower } from '@/server/providers/local/telemetry/predict-logs';
import { docker } from './support';

// The console's instance telemetry against a real container: Docker stats become CpuUtilization,
// MemoryUtilization and NetworkBytes, the container's output becomes the predict log, and a console
// restart resumes that log where it stopped. There is no GPU here: the container carries a stand-in
// nvidia-smi, so what is checked is the sampler's path for GPU instances (exec, parse, store).

const INSTALLATION = `ocid1.tenancy.oc1..aaaaaaaait${Date.now()}`;
const MD = 'ocid1.datasciencemodeldeployment.oc1.it.aaaaaaaatelemetry';
const INSTANCE = 'ocid1.datasciencemodeldeploymentinstance.oc1.it.aaaaaaaa1';

// Burns its whole CPU limit, prints a numbered line every 200 ms, and answers nvidia-smi's query with
// 37 % core and 1024 of 4096 MiB for one GPU.
const SCRIPT = `
printf '#!/bin/sh\\necho "0, 37, 1024, 4096"\\n' > /usr/local/bin/nvidia-smi && chmod +x /usr/local/bin/nvidia-smi
while :; do :; done &
i=0
while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done
`;

let dir: string;
let containerId: string;
let db: ReturnType<typeof migrateDatabase>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-telemetry-'));
  db = migrateDatabase(path.join(dir, 'berth.sqlite'), { region: 'it' });
  const container = await docker.createContainer({
    Image: BASE_IMAGE,
    Cmd: ['sh', '-c', SCRIPT],
    Labels: {
      'berth.test': 'true',
      [LABELS.managed]: 'true',
      [LABELS.installation]: INSTALLATION,
      [LABELS.role]: 'instance',
      [LABELS.deployment]: MD,
      [LABELS.instance]: INSTANCE,
      [LABELS.gpus]: '1',
    },
    HostConfig: { NanoCpus: 250_000_000, Memory: 256 * 1024 * 1024 },
  });
  await container.start();
  containerId = container.id;
});

afterAll(async () => {
  await docker.getContainer(containerId).remove({ force: true }).catch(() => undefined);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const points = (name: string) =>
  db.$client.prepare('SELECT dimensions, sum, count FROM metric_points WHERE resource_id = ? AND name = ?').all(MD, name) as {
    dimensions: string;
    sum: number;
    count: number;
  }[];

describe('instance telemetry', () => {
  it('turns Docker stats into utilization of the container’s own limits, and asks GPU instances for their GPUs', async () => {
    const state = newSamplerState();
    const t0 = Date.now();
    // Four samples a minute apart (so four points): on a busy host the container may be served less
    // than its quarter CPU for a while, so the best of them is what is checked.
    for (let i = 0; i < 4; i++) await sampleInstances(docker, db.$client, INSTALLATION, state, t0 + i * 60_000);

    const cpu = points('CpuUtilization');
    expect(cpu.length).toBeGreaterThan(0);
    expect(JSON.parse(cpu[0]?.dimensions ?? '{}')).toEqual({ instanceId: INSTANCE, resourceId: MD });
    // The busy loop is capped at a quarter CPU, so as a share of the host (Docker's own percent, 100 per
    // core) it can never read above 25. As a share of its own limit it reads near 100 when served.
    const cpuBest = Math.max(...cpu.map((p) => p.sum / p.count));
    expect(cpuBest).toBeGreaterThan(35);
    expect(cpuBest).toBeLessThan(130);

    const memory = points('MemoryUtilization');
    const memMean = memory.reduce((a, p) => a + p.sum, 0) / memory.reduce((a, p) => a + p.count, 0);
    expect(memMean).toBeGreaterThan(0);
    expect(memMean).toBeLessThan(50); // a shell in 256 MB

    // Bytes per second need two samples: both directions appear once the second one is in.
    const network = points('NetworkBytes').map((p) => JSON.parse(p.dimensions) as { networkType: string });
    expect([...new Set(network.map((d) => d.networkType))].sort()).toEqual(['BytesIn', 'BytesOut']);

    const gpu = points('GPUCoreUtilization');
    expect(new Set(gpu.map((p) => p.sum / p.count))).toEqual(new Set([37]));
    expect(new Set(points('GPUMemoryUtilization').map((p) => p.sum / p.count))).toEqual(new Set([25]));
  });

  it('stores the container output as the predict log and, after a console restart, resumes it without a gap or a repeat', async () => {
    const ticks = () =>
      (
        db.$client.prepare("SELECT message FROM log_records WHERE resource_id = ? AND category = 'predict' ORDER BY timestamp").all(MD) as {
          message: string;
        }[]
      ).map((r) => Number(/^tick (\d+)$/.exec(r.message)?.[1] ?? NaN));

    const first = createPredictLogFollower({ docker, sqlite: db.$client, installationId: INSTALLATION });
    await first.sync();
    await new Promise((r) => setTimeout(r, 1500));
    first.stop();
    const beforeRestart = ticks();
    expect(beforeRestart.length).toBeGreaterThan(3);

    // The console is down for a while; the container keeps printing.
    await new Promise((r) => setTimeout(r, 1200));
    const second = createPredictLogFollower({ docker, sqlite: db.$client, installationId: INSTALLATION });
    await second.sync();
    await new Promise((r) => setTimeout(r, 1500));
    second.stop();

    const all = ticks();
    expect(all.length).toBeGreaterThan(beforeRestart.length + 5);
    expect(all.every((n) => Number.isInteger(n))).toBe(true);
    // Every line once, in order: the lines printed while no console was following are there too.
    const from = all[0] ?? 0;
    expect(all).toEqual(all.map((_, i) => from + i));
  });
});
