import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@/server/config';
import { createAppContext, type AppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { getOpsDashboard } from '@/server/services/ops-dashboard';
import { seedDeployments } from './scale-seed';
import { count, emitSummary } from './summary';

// Prints figures; asserts nothing.   node node_modules/tsx/dist/cli.mjs scripts/bench/scale-bench.ts
// Seeds 10,000 and then 100,000 deployments in a throwaway data directory (the real schema and
// migrations, one transaction), then times what /admin, GET /api/model-deployments and the
// deployments list page call, median of BENCH_ROUNDS runs after one warm-up.
// BENCH_SIZES=10000,100000 picks the sizes.

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 7);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const ADMIN_TARGET_MS = 150;
const LIST_TARGET_MS = 100;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function must<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`the call failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

async function casesFor(ctx: AppContext, n: number): Promise<{ name: string; target: number | null; run: () => Promise<unknown> }[]> {
  const compartmentId = ctx.installation.defaultCompartmentId;
  const svc = deploymentsServiceOf(ctx);
  const second = await must(svc.list({ compartmentId, limit: 100 }));
  const listTarget = n >= 100_000 ? LIST_TARGET_MS : null;
  return [
    { name: '/admin getOpsDashboard (first page of 50)', target: n <= 10_000 ? ADMIN_TARGET_MS : null, run: () => getOpsDashboard(ctx) },
    { name: '/admin getOpsDashboard (page 100 of 50)', target: n <= 10_000 ? ADMIN_TARGET_MS : null, run: () => getOpsDashboard(ctx, new Date(), { page: 100 }) },
    { name: 'API list, newest, limit 100', target: listTarget, run: () => must(svc.list({ compartmentId, limit: 100 })) },
    { name: 'API list, next page', target: listTarget, run: () => must(svc.list({ compartmentId, limit: 100, ...(second.nextPage ? { page: second.nextPage } : {}) })) },
    { name: 'API list, lifecycleState=ACTIVE', target: listTarget, run: () => must(svc.list({ compartmentId, lifecycleState: 'ACTIVE', limit: 100 })) },
    { name: 'API list, sortBy=displayName', target: listTarget, run: () => must(svc.list({ compartmentId, sortBy: 'displayName', sortOrder: 'ASC', limit: 100 })) },
    { name: 'API list, INACTIVE by displayName DESC', target: listTarget, run: () => must(svc.list({ compartmentId, lifecycleState: 'INACTIVE', sortBy: 'displayName', sortOrder: 'DESC', limit: 100 })) },
    { name: 'API list, displayName=md-0420', target: listTarget, run: () => must(svc.list({ compartmentId, displayName: 'md-0420', limit: 100 })) },
    { name: 'API list, projectId', target: listTarget, run: () => must(svc.list({ compartmentId, projectId: 'ocid1.datascienceproject.oc1.test.seed0003', limit: 100 })) },
    { name: 'page data, default', target: listTarget, run: () => must(svc.listView({})) },
    { name: 'page data, state=FAILED, name sort', target: listTarget, run: () => must(svc.listView({ state: 'FAILED', sort: 'name' })) },
    { name: 'page data, q=blue', target: listTarget, run: () => must(svc.listView({ q: 'blue' })) },
    { name: 'page data, q=nothing-matches', target: listTarget, run: () => must(svc.listView({ q: 'nothing-matches' })) },
    { name: 'page data, tag team=search', target: listTarget, run: () => must(svc.listView({ tags: [{ key: 'team', value: 'search' }] })) },
    { name: 'page data, rare tag (no match)', target: listTarget, run: () => must(svc.listView({ tags: [{ key: 'owner', value: 'nobody' }] })) },
  ];
}

async function main() {
  let failures = 0;
  for (const n of SIZES) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-scale-bench-'));
    try {
      const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'bench', BERTH_LOAD_CHECK_S: '0' }));
      const t0 = performance.now();
      seedDeployments(ctx.db, { compartmentId: ctx.installation.defaultCompartmentId, createdBy: ctx.installation.userId, deployments: n });
      console.log(`\n${n.toLocaleString('en')} deployments seeded in ${Math.round(performance.now() - t0)} ms (median of ${ROUNDS} runs each):`);
      for (const c of await casesFor(ctx, n)) {
        const ms = await median(c.run);
        const verdict = c.target === null ? '' : ms <= c.target ? `  ok (target ${c.target} ms)` : `  OVER target ${c.target} ms`;
        if (c.target !== null && ms > c.target) failures++;
        console.log(`  ${c.name.padEnd(45)} ${ms.toFixed(1).padStart(8)} ms${verdict}`);
        if (c.target !== null) emitSummary([{ benchmark: 'scale', figure: `${c.name}, ${count(n)} rows`, value: `${ms.toFixed(1)} ms`, target: `≤ ${c.target} ms`, pass: ms <= c.target }]);
      }
      ctx.db.$client.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(failures === 0 ? '\nall timed calls within their targets' : `\n${failures} timed call(s) over target`);
}

void main().then(() => process.exit(0));
