import fs from 'node:fs';
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { migrateDatabase } from '@/db/migrate';
import { bucketIndex, emptyHistogram } from '@/server/domain/metric-stats';
import { MODEL_DEPLOY_NAMESPACE, canonicalDimensions } from '@/db/queries/metric-points';
import { summarizeMetricsData } from '@/db/queries/metrics';

// Prints figures; asserts nothing.   node node_modules/tsx/dist/cli.mjs scripts/bench/query-lag-bench.ts
// How long a health request waits while metric queries run on the same event loop (target: under
// 100 ms for any query). Seeds BENCH_DAYS (7) of one-minute points for 10 instances, serves
// /health from this process, and while each query runs 4 at a time, another process probes
// /health every 20 ms.

const MD = 'ocid1.datasciencemodeldeployment.oc1.bench.aaaaaaaaquerylagbenchaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MIN = 60_000;
const days = Number(process.env.BENCH_DAYS ?? 7);

// Probes /health every 20 ms until its stdin closes, then prints the latencies as JSON.
const PROBER = `
const port = process.argv[1]; const out = []; let on = true;
process.stdin.on('end', () => (on = false)); process.stdin.resume();
(async () => { while (on) { const t = performance.now(); await fetch('http://127.0.0.1:' + port + '/health').then((r) => r.text()); out.push(performance.now() - t); await new Promise((r) => setTimeout(r, 20)); } process.stdout.write(JSON.stringify(out)); })();
`;

function seed(dbFile: string, now: number): number {
  const db = migrateDatabase(dbFile, { region: 'bench' });
  const insert = db.$client.prepare(
    'INSERT INTO metric_points (namespace, name, resource_id, dimensions, timestamp, count, sum, min, max, resolution_ms, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const start = now - (now % MIN) - days * 24 * 60 * MIN;
  const h = emptyHistogram();
  h[bucketIndex(3)] = 50;
  h[bucketIndex(12)] = 10;
  const histogram = JSON.stringify(h);
  let n = 0;
  db.$client.transaction(() => {
    for (let m = 0; m < days * 24 * 60; m++) {
      const t = start + m * MIN;
      for (let i = 0; i < 10; i++) {
        insert.run(MODEL_DEPLOY_NAMESPACE, 'CpuUtilization', MD, canonicalDimensions({ resourceId: MD, instanceId: `instance-${i}` }), t, 1, 20, 20, 20, MIN, null);
        n++;
      }
      insert.run(MODEL_DEPLOY_NAMESPACE, 'PredictLatency', MD, canonicalDimensions({ resourceId: MD, result: 'Success' }), t, 60, 270, 2, 14, MIN, histogram);
      n++;
    }
  })();
  db.$client.close();
  return n;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-qlag-'));
  const dbFile = path.join(dir, 'berth.sqlite');
  const now = Date.now();
  const n = seed(dbFile, now);
  const db = migrateDatabase(dbFile, { region: 'bench' });
  const server = http.createServer((_req, res) => res.end('{"status":"ok"}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`node ${process.versions.node}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1)}. Seeded ${n} points (${days} days).`);

  const range = { startTime: new Date(now - days * 24 * 3_600_000).toISOString(), endTime: new Date(now).toISOString() };
  const queries = [
    'PredictLatency[1m]{resourceId =~ "o*******q"}.mean()',
    `CpuUtilization[1m]{resourceId = "${MD}"}.mean()`,
    'CpuUtilization[1m]{instanceId =~ "*instance-*"}.max()',
    `PredictLatency[1m]{resourceId = "${MD}"}.p95()`,
    'CpuUtilization[1h]{resourceId =~ "*"}.grouping().mean()',
  ];
  for (const query of ['(idle: no query, the noise floor of this machine)', ...queries]) {
    // The prober is another process, as a browser or load balancer is: it sees what a request sees.
    const prober = spawn(process.execPath, ['-e', PROBER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    prober.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const proberDone = new Promise<void>((r) => prober.once('exit', () => r()));
    await new Promise((r) => setTimeout(r, 300));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t0 = performance.now();
    const results = query.startsWith('(')
      ? [await new Promise<null>((r) => setTimeout(() => r(null), 3000))]
      : await Promise.all([0, 1, 2, 3].map(() => summarizeMetricsData(db, { namespace: MODEL_DEPLOY_NAMESPACE, query, ...range })));
    const ms = performance.now() - t0;
    loop.disable();
    prober.stdin.end();
    await proberDone;
    const latencies = (JSON.parse(out || '[]') as number[]).sort((a, b) => a - b);
    const first = results[0];
    const points = first?.ok ? first.data.reduce((a, s) => a + s.aggregatedDatapoints.length, 0) : -1;
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
    console.log(
      `  ${query.replace(MD, '<md>').padEnd(58)} 4 at once in ${ms.toFixed(0)} ms (${points} datapoints each); ` +
        `/health ${latencies.length} probes p50 ${p(0.5)} ms, max ${latencies.at(-1)?.toFixed(1)} ms; loop delay max ${(loop.max / 1e6).toFixed(1)} ms`,
    );
  }
  server.close();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
