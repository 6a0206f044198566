import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { deploymentInstances, gatewayRoutes } from '@/db/schema/serving';
import { loadConfig } from '@/server/config';
import { createPredictAuthenticator, type PredictDecision } from '@/server/gateway/predict-auth';
import { createAppContext } from '@/server/services/context';
import { addApiKey } from '@/tests/support/oci-sdk';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { runLoad, type LoadResult } from './load';
import { presign, verifyFloorUs, type Presigned, type PresignKey } from './presign';
import { mainThreadCpuMs, processCpuMs } from './proc-cpu';
import { emitSummary } from './summary';
import { startGateway, startUpstream, type Target } from './targets';

// A benchmark that prints figures; it is not a test and asserts nothing.
//   node node_modules/tsx/dist/cli.mjs scripts/bench/predict-auth-bench.ts
// Settings (env): BENCH_REQUESTS (4000 measured per run), BENCH_WARMUP_REQUESTS (500), BENCH_ROUNDS (5).
// What signed predict costs the data plane, all in one run against one gateway process
// (BERTH_PREDICT_AUTH=open, so unsigned requests pass and signed ones are verified):
//   unsigned   today's open predict
//   replayed   one signed request sent again and again (what load tools and pollers do)
//   distinct   a new signature every request, signed ahead so the client's RSA is not measured
// Each run is a fixed number of requests; targets alternate within a round; medians are shown.
// The floor: crypto.verify alone (and the body's SHA-256) in this process, which no cache can
// remove from a request whose signature has not been seen before.

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const settings = { requests: envInt('BENCH_REQUESTS', 4000), warmup: envInt('BENCH_WARMUP_REQUESTS', 500), rounds: envInt('BENCH_ROUNDS', 5) };
const KINDS = ['unsigned', 'replayed', 'distinct'] as const;
type Kind = (typeof KINDS)[number];

let serial = 0;
/** About 1 KB of JSON as gateway-bench sends, each body its own (so each signature is new). */
const freshBody = () => Buffer.from(JSON.stringify({ n: serial++, data: Array.from({ length: 20 }, (_, i) => Array.from({ length: 8 }, (_, j) => i * 8 + j + 0.25)) }));

interface Run {
  load: LoadResult;
  /** The gateway's CPU per request, all threads (the thread pool's RSA included). */
  gatewayUs: number;
  /** Its event loop's (main thread's) CPU per request: what bounds one gateway process's throughput. */
  loopUs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-auth-'));
  const stops: Target[] = [];
  try {
    const c = createAppContext(loadConfig({ BERTH_DATA_DIR: dir, BERTH_REGION: 'bench' }));
    const md = (await createEchoDeployment(c)).md.id;
    const pair = addApiKey(c.db, c.installation.userId);
    const key: PresignKey & { publicKey: crypto.KeyObject } = {
      keyId: `${c.installation.tenancyId}/${c.installation.userId}/${pair.fingerprint}`,
      privateKey: crypto.createPrivateKey(pair.privateKeyPem),
      publicKey: crypto.createPublicKey(pair.publicKeyPem),
    };
    const upstream = await startUpstream();
    stops.push(upstream);
    const time = new Date().toISOString();
    c.db.insert(gatewayRoutes).values({ modelDeploymentId: md, serving: true, generation: 1, bandwidthMbps: 8000, version: 1, timeUpdated: time }).run();
    c.db
      .insert(deploymentInstances)
      .values({ id: 'bench-1', modelDeploymentId: md, generation: 1, ordinal: 0, containerName: 'bench-upstream', serverPort: upstream.port, healthPort: upstream.port, status: 'RUNNING', timeCreated: time, timeUpdated: time })
      .run();
    process.env.BERTH_PREDICT_AUTH = 'open';
    const gateway = await startGateway(dir, md);
    stops.push(gateway);
    const host = `127.0.0.1:${gateway.port}`;
    const target = `/${md}/predict`;

    // The gateway checks what it is sent: a signed request passes, the same with another body does not.
    const [probe] = await presign(key, host, target, [freshBody()]);
    if (!probe) throw new Error('nothing was signed');
    const ok = await fetch(`http://${host}${target}`, { method: 'POST', headers: pairs(probe.headers), body: probe.body.toString() });
    const tampered = await fetch(`http://${host}${target}`, { method: 'POST', headers: pairs(probe.headers), body: `${probe.body.toString()} ` });
    await Promise.all([ok.arrayBuffer(), tampered.arrayBuffer()]);
    if (ok.status !== 200 || tampered.status !== 401) throw new Error(`the gateway answered ${ok.status} to a signed request and ${tampered.status} to a tampered one (expected 200 and 401)`);

    const floor = await verifyFloorUs(key, 2000);
    const inProcess = await authenticatorUs(c, md, key, host, target);
    console.log(
      `node ${process.versions.node}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n` +
        `${settings.rounds} rounds of ${settings.warmup} + ${settings.requests} requests per kind, kinds alternating; medians.\n` +
        `in this process: crypto.verify (RSA-2048) ${floor.verifyUs.toFixed(1)} µs, SHA-256 of a 1.1 KB body ${floor.sha256Us.toFixed(2)} µs; ` +
        `the check's synchronous part by the wall clock ${inProcess.distinct.toFixed(1)} µs for a new signature (its RSA in the thread pool, which shares the cores and so lengthens it), ${inProcess.replayed.toFixed(2)} µs for a replay, ${inProcess.unsigned.toFixed(2)} µs unsigned (open)\n`,
    );

    for (const connections of [1, 16]) {
      const runs = new Map<Kind, Run[]>(KINDS.map((k) => [k, []]));
      for (let round = 0; round < settings.rounds; round++) {
        // Rotated each round, so a drift in the machine's load does not always land on one kind.
        const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length] as Kind);
        for (const kind of order) runs.get(kind)?.push(await measure(kind, connections, { key, host, target, gateway }));
      }
      const unsigned = runs.get('unsigned') ?? [];
      const base = summary(unsigned);
      console.log(`closed loop, ${connections} connection${connections === 1 ? '' : 's'}:`);
      console.log(
        `${'kind'.padEnd(10)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'gw µs/req'.padStart(10)} ${'cost µs'.padStart(8)} ${'loop µs/req'.padStart(12)} ${'loop cost'.padStart(10)} ${'throughput'.padStart(11)} ${'paired'.padStart(8)} ${'non-200'.padStart(8)}`,
      );
      for (const kind of KINDS) {
        const own = runs.get(kind) ?? [];
        const s = summary(own);
        const signed = kind !== 'unsigned';
        const cost = signed ? `${(s.gatewayUs - base.gatewayUs).toFixed(1)}` : '';
        const loopCost = signed ? `${(((s.loopUs - base.loopUs) / base.loopUs) * 100).toFixed(1)} %` : '';
        const share = signed ? `${((s.rps / base.rps - 1) * 100).toFixed(1)} %` : '';
        // Paired: the change against the unsigned run of the same round, median over rounds (less exposed to drift).
        const change = median(own.map((r, i) => r.load.rps / (unsigned[i]?.load.rps ?? NaN) - 1));
        const paired = signed ? `${(change * 100).toFixed(1)} %` : '';
        if (signed) {
          // Issue 11's target: signed predict costs at most 5 % of the data plane's throughput. Measured
          // end to end on a host whose every core is busy, and as the event loop's own CPU per request,
          // which bounds one gateway process's rate where the thread pool has a core.
          const loopShare = base.loopUs / s.loopUs - 1;
          emitSummary([
            { benchmark: 'predict-auth', figure: `${kind} req/s vs unsigned, ${connections} conn.`, value: `${(change * 100).toFixed(1)} %`, target: '≥ -5 %', pass: change >= -0.05 },
            { benchmark: 'predict-auth', figure: `${kind} event-loop-bound req/s vs unsigned, ${connections} conn.`, value: `${(loopShare * 100).toFixed(1)} %`, target: '≥ -5 %', pass: loopShare >= -0.05 },
          ]);
        }
        console.log(
          `${kind.padEnd(10)} ${Math.round(s.rps).toString().padStart(8)} ${s.p50Ms.toFixed(3).padStart(7)} ${s.gatewayUs.toFixed(1).padStart(10)} ${cost.padStart(8)} ${s.loopUs.toFixed(1).padStart(12)} ${loopCost.padStart(10)} ${share.padStart(11)} ${paired.padStart(8)} ${String(s.failed).padStart(8)}`,
        );
      }
      const floorUs = floor.verifyUs + floor.sha256Us;
      // Where the gateway's CPU is the limit, its throughput falls by the floor's share of a request.
      console.log(`floor for a new signature: ${floorUs.toFixed(1)} µs, ${((floorUs / (base.gatewayUs + floorUs)) * 100).toFixed(0)} % of a signed request's gateway CPU (${base.gatewayUs.toFixed(1)} µs unsigned + the floor)\n`);
    }
    c.db.$client.close();
  } finally {
    for (const t of stops.reverse()) await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function summary(runs: Run[]) {
  return {
    rps: median(runs.map((r) => r.load.rps)),
    p50Ms: median(runs.map((r) => r.load.p50Ms)),
    gatewayUs: median(runs.map((r) => r.gatewayUs)),
    loopUs: median(runs.map((r) => r.loopUs)),
    failed: runs.reduce((n, r) => n + r.load.errors + Object.values(r.load.otherStatuses).reduce((a, b) => a + b, 0), 0),
  };
}

interface Where {
  key: PresignKey;
  host: string;
  target: string;
  gateway: Target;
}

/** What each request of a run sends; distinct runs are signed just before (the 5 minutes start then). */
async function requestsFor(kind: Kind, count: number, w: Where): Promise<() => Presigned | undefined> {
  if (kind === 'unsigned') {
    const body = freshBody();
    const one = { body, headers: ['content-type', 'application/json', 'accept', 'application/json'] };
    return () => one;
  }
  if (kind === 'replayed') {
    const [one] = await presign(w.key, w.host, w.target, [freshBody()]);
    return () => one;
  }
  const all = await presign(w.key, w.host, w.target, Array.from({ length: count }, freshBody));
  let i = 0;
  return () => all[i++];
}

async function measure(kind: Kind, connections: number, w: Where): Promise<Run> {
  const pids = w.gateway.pids();
  const origin = `http://${w.host}`;
  // The pool has room for the requests a closed loop sends past its count while it winds down.
  const warm = await requestsFor(kind, settings.warmup + connections, w);
  const next = () => {
    const r = warm();
    if (!r) throw new Error('the pre-signed requests ran out');
    return r;
  };
  await runLoad({ origin, path: w.target, body: Buffer.alloc(0), connections, warmupMs: 0, durationMs: 600_000, maxRequests: settings.warmup, next });
  const measured = await requestsFor(kind, settings.requests + connections, w);
  let cpu = 0;
  let loop = 0;
  const load = await runLoad({
    origin,
    path: w.target,
    body: Buffer.alloc(0),
    connections,
    warmupMs: 0,
    durationMs: 600_000,
    maxRequests: settings.requests,
    next: () => {
      const r = measured();
      if (!r) throw new Error('the pre-signed requests ran out');
      return r;
    },
    onMeasure: (phase) => {
      const sign = phase === 'start' ? -1 : 1;
      cpu += sign * processCpuMs(pids);
      loop += sign * pids.reduce((n, pid) => n + mainThreadCpuMs(pid), 0);
    },
  });
  const per = (ms: number) => (ms * 1000) / Math.max(1, load.requests);
  return { load, gatewayUs: per(cpu), loopUs: per(loop) };
}

/** The authenticator alone, in this process, over the same kinds of request (its own cache). */
async function authenticatorUs(c: ReturnType<typeof createAppContext>, md: string, key: PresignKey, host: string, target: string) {
  const n = 2000;
  const signed = await presign(key, host, target, Array.from({ length: n }, freshBody));
  const asRequest = (p: Presigned) => ({ method: 'POST', url: target, headers: { ...pairs(p.headers), host, 'content-length': String(p.body.length) } }) as unknown as IncomingMessage;
  const requests = signed.map(asRequest);
  const auth = createPredictAuthenticator({ db: c.db, tenancyId: c.installation.tenancyId, mode: 'open', consoleToken: 'bench' });
  // The synchronous part of each call, by the wall clock (the thread pool's RSA runs beside it),
  // then every answer awaited and checked.
  const loopUs = async (count: number, f: (i: number) => ReturnType<typeof auth>) => {
    const answers: Promise<PredictDecision>[] = [];
    const t = process.hrtime.bigint();
    for (let i = 0; i < count; i++) answers.push(Promise.resolve(f(i)));
    const us = Number(process.hrtime.bigint() - t) / 1000 / count;
    for (const a of await Promise.all(answers)) if (a !== null) throw new Error(`a request was refused: ${a.message}`);
    return us;
  };
  const first = requests[0] as IncomingMessage;
  const firstBody = (signed[0] as Presigned).body;
  await auth(first, firstBody, md);
  const distinct = await loopUs(n - 1, (i) => auth(requests[i + 1] as IncomingMessage, (signed[i + 1] as Presigned).body, md));
  const replayed = await loopUs(n * 20, () => auth(first, firstBody, md));
  const plain = { method: 'POST', url: target, headers: { 'content-type': 'application/json' } } as unknown as IncomingMessage;
  const unsigned = await loopUs(n * 20, () => auth(plain, firstBody, md));
  return { distinct, replayed, unsigned };
}

/** undici's flat header list as an object. */
function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
