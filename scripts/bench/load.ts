import { Pool, type Dispatcher } from 'undici';

export interface LoadOptions {
  /** e.g. http://127.0.0.1:3080 */
  origin: string;
  path: string;
  body: Buffer;
  /** Closed loop: each connection sends its next request when the previous answer is complete. */
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Upper bound on measured requests, whatever the duration. */
  maxRequests: number;
  /** Each request's own headers and body (pre-signed requests); absent: `body` with JSON headers. */
  next?: () => { headers: string[]; body: Buffer };
  /** Called as the warm-up ends and as the measurement ends (to sample the servers' CPU). */
  onMeasure?: (phase: 'start' | 'end') => void;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Answers other than 200, by status. */
  otherStatuses: Record<number, number>;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU the load generator itself used, in % of one core: near 100 means it was the limit. */
  clientCpuPercent: number;
}

/**
 * A small closed-loop load generator on undici's dispatch API (no response stream objects, so the
 * generator itself stays cheap). Latency is measured from dispatch to the last response byte.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(o.origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = ['content-type', 'application/json', 'accept', 'application/json'];
  const latencies = new Float64Array(o.maxRequests);
  let measured = 0;
  let errors = 0;
  const otherStatuses: Record<number, number> = {};
  const start = performance.now();
  const measureFrom = start + o.warmupMs;
  const measureUntil = measureFrom + o.durationMs;
  // Assigned only in callbacks: the cast keeps TS from narrowing it to null for good.
  let lastError = null as Error | null;

  const loop = (done: () => void) => {
    const t0 = performance.now();
    if (t0 >= measureUntil || measured >= o.maxRequests) return done();
    let status = 0;
    const handler: Dispatcher.DispatchHandlers = {
      onConnect: () => undefined,
      onHeaders: (s) => {
        status = s;
        return true;
      },
      onData: () => true,
      onComplete: () => {
        if (t0 >= measureFrom && measured < o.maxRequests) {
          latencies[measured++] = performance.now() - t0;
          if (status !== 200) otherStatuses[status] = (otherStatuses[status] ?? 0) + 1;
        }
        queueMicrotask(() => loop(done));
      },
      onError: (err) => {
        lastError = err;
        if (t0 >= measureFrom) errors += 1;
        queueMicrotask(() => loop(done));
      },
    };
    const own = o.next?.();
    pool.dispatch({ path: o.path, method: 'POST', headers: own?.headers ?? headers, body: own?.body ?? o.body }, handler);
  };

  let cpuAtMeasure: NodeJS.CpuUsage | null = null;
  const cpuTimer = setTimeout(() => {
    cpuAtMeasure = process.cpuUsage();
    o.onMeasure?.('start');
  }, o.warmupMs);
  await Promise.all(Array.from({ length: o.connections }, () => new Promise<void>((resolve) => loop(resolve))));
  clearTimeout(cpuTimer);
  const cpu = process.cpuUsage(cpuAtMeasure ?? undefined);
  o.onMeasure?.('end');
  const seconds = (Math.min(performance.now(), measureUntil) - measureFrom) / 1000;
  await pool.close();
  if (measured === 0 && lastError) throw lastError;
  const sorted = latencies.subarray(0, measured).sort();
  const at = (q: number) => sorted[Math.min(measured - 1, Math.floor(q * measured))] ?? NaN;
  const clientCpuPercent = ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100;
  return { requests: measured, errors, otherStatuses, seconds, rps: measured / seconds, p50Ms: at(0.5), p99Ms: at(0.99), clientCpuPercent };
}
