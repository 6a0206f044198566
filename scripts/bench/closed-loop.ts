import { Pool } from 'undici';

// A closed-loop load that runs until told to stop (not for a fixed time like load.ts), for the
// benchmarks that drive an update, a scaling or a bandwidth limit while requests flow: each
// connection sends its next request when the previous answer is complete, optionally paced to a
// total rate. Every answer other than 200 and every transport error is a failure, kept with its
// status and body (the first few) so a benchmark can print what went wrong.

export interface Failure {
  /** Milliseconds since the load started. */
  atMs: number;
  /** 0 for a transport error. */
  status: number;
  body: string;
}

export interface Window {
  requests: number;
  failed: number;
  byStatus: Record<number, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
  /** Request plus response body bytes of the 200 answers. */
  bytesOk: number;
  rps: number;
}

export interface ClosedLoop {
  /** Requests completed so far (answered or failed). */
  readonly count: number;
  readonly failures: readonly Failure[];
  /** Starts a new measurement window; what `window()` then reports counts from here. */
  mark(): void;
  /** The window since the last mark (or the start), or since the start. */
  window(from?: 'mark' | 'start'): Window;
  /** Resolves once `n` requests in all have completed, or rejects after `timeoutMs`. */
  reach(n: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClosedLoopOptions {
  /** An absolute URL on 127.0.0.1. */
  url: string;
  body: Buffer;
  connections: number;
  /** Total requests per second over all connections; 0: as fast as answers come. */
  ratePerSecond?: number;
  /** Failures kept with their bodies (the count is always complete). */
  keepFailures?: number;
}

interface Sample {
  t: number;
  ms: number;
  status: number;
  bytes: number;
}

export function startClosedLoop(o: ClosedLoopOptions): ClosedLoop {
  const url = new URL(o.url);
  const pool = new Pool(url.origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const start = performance.now();
  const samples: Sample[] = [];
  const failures: Failure[] = [];
  const keep = o.keepFailures ?? 10;
  let markIndex = 0;
  let markAt = start;
  let stopped = false;
  let sent = 0;
  const waiters: { n: number; resolve: () => void }[] = [];

  const settle = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && samples.length >= w.n) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };

  const record = (t0: number, status: number, bytes: number, body: string) => {
    const t = performance.now();
    samples.push({ t, ms: t - t0, status, bytes });
    if (status !== 200 && failures.length < keep) failures.push({ atMs: Math.round(t - start), status, body: body.slice(0, 300) });
    settle();
  };

  const connection = async () => {
    while (!stopped) {
      if (o.ratePerSecond) {
        // Paced: request k of all connections goes out no earlier than k / rate seconds in.
        const due = start + (sent / o.ratePerSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (stopped) break;
      }
      sent++;
      const t0 = performance.now();
      try {
        const res = await pool.request({ path: url.pathname + url.search, method: 'POST', headers: { 'content-type': 'application/json' }, body: o.body });
        const text = await res.body.text();
        record(t0, res.statusCode, res.statusCode === 200 ? o.body.length + Buffer.byteLength(text) : 0, res.statusCode === 200 ? '' : text);
      } catch (err) {
        record(t0, 0, 0, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      }
    }
  };
  const running = Promise.all(Array.from({ length: o.connections }, connection));

  return {
    get count() {
      return samples.length;
    },
    failures,
    mark() {
      markIndex = samples.length;
      markAt = performance.now();
    },
    window(from: 'mark' | 'start' = 'mark'): Window {
      const s = samples.slice(from === 'mark' ? markIndex : 0);
      const lat = s.map((x) => x.ms).sort((a, b) => a - b);
      const at = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] ?? NaN;
      const byStatus: Record<number, number> = {};
      let bytesOk = 0;
      for (const x of s) {
        byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
        if (x.status === 200) bytesOk += x.bytes;
      }
      const seconds = (performance.now() - (from === 'mark' ? markAt : start)) / 1000;
      return {
        requests: s.length,
        failed: s.filter((x) => x.status !== 200).length,
        byStatus,
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        maxMs: lat[lat.length - 1] ?? NaN,
        seconds,
        bytesOk,
        rps: s.length / seconds,
      };
    },
    reach(n, timeoutMs) {
      if (samples.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const w = { n, resolve: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`the load reached ${samples.length} of ${n} requests in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async stop() {
      stopped = true;
      await running;
      await pool.close();
    },
  };
}
