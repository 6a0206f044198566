import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { runLoad, type LoadOptions, type LoadResult } from './load';

// wrk (Debian's package) as the load generator where a benchmark's figure is the served rate of a
// server that shares the host's cores with the generator. wrk costs a few µs of CPU per request;
// the undici generator in the benchmark's own process (load.ts) tens, and on 2 cores what the
// generator takes is not left to the gateway and the model server.

const WRK = '/usr/bin/wrk';

const wrkAvailable = (): boolean => fs.existsSync(WRK);

const Summary = z.object({
  requests: z.number(),
  durationUs: z.number(),
  errors: z.object({ connect: z.number(), read: z.number(), write: z.number(), status: z.number(), timeout: z.number() }),
  p50Us: z.number(),
  p99Us: z.number(),
  meanUs: z.number(),
  bounded: z.number(),
});

/** A Lua string literal of exactly these bytes (any body: binary, non-ASCII, quotes). */
const luaBytes = (bytes: Buffer): string => `"${[...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString().padStart(3, '0')}`)).join('')}"`;

// One thread, so the request bound is one counter; done() prints the figures as one JSON line.
const script = (o: LoadOptions, maxRequests: number) => `
wrk.method = "POST"
wrk.body = ${luaBytes(o.body)}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
-- Globals, not locals: done() runs in the main script and reads them from the thread (thread:get).
answered = 0
bounded = 0
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function response(status, headers, body)
  answered = answered + 1
  if answered >= ${maxRequests} then bounded = 1; wrk.thread:stop() end
end
function done(summary, latency, requests)
  local stopped = 0
  for _, t in ipairs(threads) do stopped = stopped + (t:get("bounded") or 0) end
  io.write(string.format('BERTH-WRK {"requests":%d,"durationUs":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"p50Us":%d,"p99Us":%d,"meanUs":%f,"bounded":%d}\\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(99), latency.mean, stopped))
end
`;

function wrkOnce(o: LoadOptions, seconds: number, maxRequests: number): Promise<z.infer<typeof Summary>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-wrk-'));
  const file = path.join(dir, 'post.lua');
  fs.writeFileSync(file, script(o, maxRequests));
  const args = ['-t1', `-c${o.connections}`, `-d${Math.max(1, Math.round(seconds))}s`, '--timeout', '10s', '-s', file, `${o.origin}${o.path}`];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      const line = /^BERTH-WRK (.*)$/m.exec(out)?.[1];
      const parsed = line ? Summary.safeParse(JSON.parse(line)) : null;
      if (code !== 0 || !parsed?.success) return reject(new Error(`wrk ${args.join(' ')} failed (exit ${code ?? 'signal'}): ${out.slice(-500)}`));
      resolve(parsed.data);
    });
  });
}

/**
 * The same closed loop as runLoad (each connection sends its next request when the answer is in),
 * bounded by time and by request count, with load.ts's result shape. A request's own headers
 * (`next`, pre-signed requests) are load.ts's only. clientCpuPercent is not read (NaN).
 */
async function runWrk(o: LoadOptions): Promise<LoadResult> {
  if (o.next) throw new Error('runWrk sends one fixed request; signed requests go through runLoad');
  if (o.warmupMs > 0) await wrkOnce(o, o.warmupMs / 1000, o.maxRequests);
  o.onMeasure?.('start');
  const s = await wrkOnce(o, o.durationMs / 1000, o.maxRequests);
  o.onMeasure?.('end');
  // Stopped by the request bound, wrk still reports its whole -d as the duration: the rate of a
  // closed loop is then its connections over the mean latency (Little's law).
  const seconds = s.bounded && s.meanUs > 0 ? (s.requests * s.meanUs) / o.connections / 1e6 : s.durationUs / 1e6;
  const failed = s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout;
  return {
    requests: s.requests,
    errors: failed,
    // wrk counts answers other than 2xx/3xx without their status.
    otherStatuses: s.errors.status > 0 ? { 0: s.errors.status } : {},
    seconds,
    rps: s.requests / seconds,
    p50Ms: s.p50Us / 1000,
    p99Ms: s.p99Us / 1000,
    clientCpuPercent: NaN,
  };
}

/**
 * The generator a benchmark measures served rates with: wrk where it is installed
 * (apt-get install -y wrk), load.ts's otherwise or with BENCH_LOAD=undici.
 */
export function loadGenerator(): { run: (o: LoadOptions) => Promise<LoadResult>; name: string } {
  const installed = wrkAvailable();
  if (process.env.BENCH_LOAD !== 'undici' && installed) return { run: runWrk, name: `wrk (${WRK}, 1 thread)` };
  const hint = installed ? '' : '; apt-get install -y wrk to load with wrk';
  return { run: runLoad, name: `the undici generator in the benchmark process${hint}` };
}
