import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@/server/config';
import { parseSummaryLine, table, type SummaryRow } from './summary';

// `npm run bench`: every benchmark in turn, each in its own process with its own time limit (and
// the whole run with one: BENCH_TOTAL_S), its output passed through, and at the end one table of
// the figures the benchmarks report against their targets (summary.ts lines), plus one row per
// benchmark for how it ended. BENCH_ONLY=update,bandwidth runs some; each stays runnable alone.
// Gateway ports: BENCH_PORT_BASE (7300) + 1, 2, ... for the benchmarks that start one on a port.

interface Bench {
  name: string;
  file: string;
  limitS: number;
  env?: Record<string, string>;
  /** Takes BENCH_GATEWAY_PORT. */
  port?: boolean;
}

const BENCHES: Bench[] = [
  // The scaler's kinds are autoscaling-bench's (with more runs): here the manual kinds only.
  { name: 'update', file: 'update-bench.ts', limitS: 1200, env: { BENCH_KINDS: 'manual' }, port: true },
  { name: 'autoscaling', file: 'autoscaling-bench.ts', limitS: 2400, port: true },
  { name: 'bandwidth', file: 'bandwidth-bench.ts', limitS: 300, port: true },
  { name: 'deploy', file: 'deploy-bench.ts', limitS: 600 },
  { name: 'gateway', file: 'gateway-bench.ts', limitS: 300 },
  { name: 'gateway-restart', file: 'gateway-restart-bench.ts', limitS: 300, port: true },
  { name: 'metrics', file: 'metrics-bench.ts', limitS: 600 },
  { name: 'failfast', file: 'failfast-bench.ts', limitS: 600 },
  { name: 'check', file: 'check-bench.ts', limitS: 600 },
  { name: 'query-lag', file: 'query-lag-bench.ts', limitS: 600 },
  { name: 'scale', file: 'scale-bench.ts', limitS: 600 },
  { name: 'scaler', file: 'scaler-bench.ts', limitS: 300 },
  { name: 'autoscaling-evaluator', file: 'autoscaling-evaluator-bench.ts', limitS: 300 },
  { name: 'predict-auth', file: 'predict-auth-bench.ts', limitS: 300 },
  { name: 'model-server', file: 'model-server-bench.ts', limitS: 600, port: true },
];

const TOTAL_S = Number(process.env.BENCH_TOTAL_S ?? 7200);
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 7300);
const TSX = path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');

function run(b: Bench, port: number, limitS: number): Promise<{ code: number | null; timedOut: boolean; seconds: number; rows: SummaryRow[] }> {
  const t0 = performance.now();
  const env = { ...process.env, ...b.env, ...(b.port ? { BENCH_GATEWAY_PORT: String(port) } : {}) };
  // Its own process group, so a time limit ends tsx and the script it runs, and nothing else.
  const child = spawn(process.execPath, [TSX, path.join(PROJECT_ROOT, 'scripts/bench', b.file)], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const rows: SummaryRow[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const row = parseSummaryLine(line);
      if (row) rows.push(row);
    }
  });
  let timedOut = false;
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  // SIGTERM first: the benchmarks that start containers remove them on it.
  const timer = setTimeout(() => {
    timedOut = true;
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), 30_000).unref();
  }, limitS * 1000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, seconds: (performance.now() - t0) / 1000, rows });
    });
  });
}

async function main() {
  const started = performance.now();
  const rows: SummaryRow[] = [];
  const selected = BENCHES.filter((b) => !ONLY || ONLY.includes(b.name));
  for (const [i, b] of selected.entries()) {
    const left = TOTAL_S - (performance.now() - started) / 1000;
    if (left < 30) {
      rows.push({ benchmark: b.name, figure: 'run', value: 'not run: the total time limit was spent', target: 'exit 0', pass: false });
      continue;
    }
    console.log(`\n=== ${b.name} (${b.file}, limit ${Math.round(Math.min(b.limitS, left))} s) ===`);
    const r = await run(b, PORT_BASE + 1 + i, Math.min(b.limitS, left));
    rows.push(...r.rows);
    const how = r.timedOut ? `stopped at its ${Math.round(Math.min(b.limitS, left))} s limit` : `exit ${r.code ?? 'by signal'}`;
    rows.push({ benchmark: b.name, figure: `run (${r.seconds.toFixed(0)} s)`, value: how, target: 'exit 0', pass: !r.timedOut && r.code === 0 });
  }
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\n=== summary: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.cpus()[0]?.model ?? ''}, load average ${load}, ${((performance.now() - started) / 60_000).toFixed(1)} min ===`);
  const verdict = (p: boolean | null) => (p === null ? '-' : p ? 'pass' : 'SHORT');
  console.log(table(['benchmark', 'figure', 'value', 'target', ''], rows.map((r) => [r.benchmark, r.figure, r.value, r.target, verdict(r.pass)])));
  process.exit(rows.some((r) => r.pass === false) ? 2 : 0);
}

void main();
