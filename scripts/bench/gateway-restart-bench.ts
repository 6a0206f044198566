// Benchmark of gateway supervision, printed as figures (not a test): the gateway process is
// killed with SIGKILL and the console's supervisor (same policy and start path as `npm start`,
// back-off off) brings a new one up; it reports kill -> detected and kill -> a new gateway answers.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/gateway-restart-bench.ts  (BENCH_RUNS=5, port 3750)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '@/db/migrate';
import { PROJECT_ROOT } from '@/server/config';
import { gatewayCodeVersion } from '@/server/gateway/code-version';
import { ensureGatewayRunning, probeGateway } from '@/server/gateway/ensure-running';
import { createGatewaySupervisor } from '@/server/gateway/supervisor';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 3750);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-gw-'));
  migrateDatabase(path.join(dataDir, 'berth.sqlite'), { region: 'bench' }).$client.close();
  const url = `http://127.0.0.1:${PORT}`;
  const codeVersion = gatewayCodeVersion(PROJECT_ROOT);
  let downAt = 0;
  const supervisor = createGatewaySupervisor({
    url,
    probe: async () => {
      const p = await probeGateway(url);
      return p.ok ? { ok: true, pid: p.health.pid } : p;
    },
    start: () => ensureGatewayRunning({ dataDir, port: PORT, codeVersion }),
    kill: (pid) => process.kill(pid, 'SIGKILL'),
    onDown: () => (downAt = performance.now()),
    onUp: () => undefined,
    log: () => undefined,
    backoffMs: [0],
  });
  await supervisor.checkOnce(); // starts the first gateway (and the bundle, once)
  supervisor.start();
  const detect: number[] = [];
  const answer: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const before = supervisor.state();
      if (!before.pid) throw new Error('no gateway');
      const t0 = performance.now();
      process.kill(before.pid, 'SIGKILL');
      while (supervisor.state().restarts === before.restarts || supervisor.state().status !== 'up') await new Promise((r) => setTimeout(r, 20));
      answer.push(performance.now() - t0);
      detect.push(downAt - t0);
    }
  } finally {
    await supervisor.stop();
    const pid = supervisor.state().pid;
    if (pid) process.kill(pid, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const load = os.loadavg()[0]?.toFixed(1);
  console.log(`gateway killed -> supervisor noticed: median ${Math.round(median(detect))} ms; -> a new gateway answers: median ${Math.round(median(answer))} ms (${RUNS} runs, load average ${load} on ${os.cpus().length} CPUs)`);
  console.log(`  each: ${answer.map((a) => Math.round(a)).join(', ')} ms`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
