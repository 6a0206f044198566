import type { LoadResult } from './load';

/** One measured run of one target, with the servers' CPU cost per request. */
export interface BenchRun {
  load: LoadResult;
  /** Upstream CPU per request (µs). */
  upstreamUs: number;
  /** The proxy's own CPU per request (µs); NaN for the direct runs. */
  proxyUs: number;
}

const ms = (v: number) => v.toFixed(3).padStart(8);
const us = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(0)).padStart(9);

export const HEADER =
  `${'target'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ` +
  `${'errors'.padStart(6)} ${'proxy µs'.padStart(9)} ${'upstr. µs'.padStart(9)} ${'client'.padStart(6)}`;

export function formatRow(name: string, r: BenchRun): string {
  const l = r.load;
  const failed = l.errors + Object.values(l.otherStatuses).reduce((a, b) => a + b, 0);
  return (
    `${name.padEnd(24)} ${Math.round(l.rps).toString().padStart(8)} ${ms(l.p50Ms)} ${ms(l.p99Ms)} ${l.requests.toString().padStart(9)} ` +
    `${String(failed).padStart(6)} ${us(r.proxyUs)} ${us(r.upstreamUs)} ${(Number.isFinite(l.clientCpuPercent) ? `${Math.round(l.clientCpuPercent)}%` : '-').padStart(6)}`
  );
}

/** Per figure, the median over the rounds: other work on a shared machine moves single runs a lot. */
export function medianRun(runs: BenchRun[]): BenchRun {
  const m = (key: (r: BenchRun) => number) => {
    const values = runs.map(key).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? NaN;
  };
  return {
    load: {
      requests: runs.reduce((a, r) => a + r.load.requests, 0),
      errors: runs.reduce((a, r) => a + r.load.errors, 0),
      otherStatuses: Object.assign({}, ...runs.map((r) => r.load.otherStatuses)) as Record<number, number>,
      seconds: runs.reduce((a, r) => a + r.load.seconds, 0),
      rps: m((r) => r.load.rps),
      p50Ms: m((r) => r.load.p50Ms),
      p99Ms: m((r) => r.load.p99Ms),
      clientCpuPercent: m((r) => r.load.clientCpuPercent),
    },
    upstreamUs: m((r) => r.upstreamUs),
    proxyUs: m((r) => r.proxyUs),
  };
}
