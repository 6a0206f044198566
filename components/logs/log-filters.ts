import type { LogRecord } from '@/server/domain/log-search';

// The Logs tab's filters and how they become the logs endpoint's query string.

export type CategoryFilter = 'both' | 'access' | 'predict';
export type LevelFilter = 'all' | 'INFO' | 'WARNING' | 'ERROR';
export type RangeFilter = '15m' | '1h' | '24h' | 'custom';

export interface LogFilters {
  category: CategoryFilter;
  level: LevelFilter;
  text: string;
  range: RangeFilter;
  /** datetime-local values, for the custom range. */
  customStart: string;
  customEnd: string;
}

export const DEFAULT_FILTERS: LogFilters = { category: 'both', level: 'all', text: '', range: '1h', customStart: '', customEnd: '' };

export const RANGE_MS: Record<Exclude<RangeFilter, 'custom'>, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 24 * 3_600_000 };

const LEVELS_FROM: Record<Exclude<LevelFilter, 'all'>, string[]> = {
  INFO: ['INFO', 'WARNING', 'ERROR', 'CRITICAL'],
  WARNING: ['WARNING', 'ERROR', 'CRITICAL'],
  ERROR: ['ERROR', 'CRITICAL'],
};

export interface LogsResponse {
  records: LogRecord[];
  nextCursor: string | null;
  latestId: number;
  /** From OCI Logging, when the deployment sends it none: how to enable it. */
  notConfigured?: string;
}

/** The custom range's problem in words, or null when it can be searched. */
export function customRangeError(f: LogFilters): string | null {
  if (f.range !== 'custom') return null;
  if (!f.customStart || !f.customEnd) return 'Enter both a start and an end time to search a custom range.';
  if (new Date(f.customStart).getTime() >= new Date(f.customEnd).getTime()) return 'The start time must be before the end time.';
  return null;
}

/** The query string for the filters; `now` anchors the relative ranges. */
export function filterParams(f: LogFilters, now: number, opts: { tail?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (f.category !== 'both') p.set('category', f.category);
  if (f.level !== 'all') p.set('level', LEVELS_FROM[f.level].join(','));
  if (f.text.trim()) p.set('text', f.text.trim());
  if (opts.tail) return p;
  if (f.range === 'custom') {
    if (f.customStart) p.set('startTime', String(new Date(f.customStart).getTime()));
    if (f.customEnd) p.set('endTime', String(new Date(f.customEnd).getTime()));
  } else {
    p.set('startTime', String(now - RANGE_MS[f.range]));
  }
  return p;
}

export async function fetchLogs(deploymentId: string, params: URLSearchParams): Promise<LogsResponse> {
  const res = await fetch(`/api/model-deployments/${encodeURIComponent(deploymentId)}/logs?${params.toString()}`, { cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The logs could not be read (HTTP ${res.status}). Try again.`);
  }
  return (await res.json()) as LogsResponse;
}
