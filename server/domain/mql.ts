import { STATISTICS, type Statistic } from '@/server/domain/metric-stats';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { compileWildcard, matchWildcard, wildcardCount } from '@/server/domain/wildcard';

// The subset of OCI Monitoring Query Language the console's charts and alarms use:
//   Metric[interval]{dim = "v", dim2 != "w", dim3 =~ "pre*"}.grouping().statistic()
// (grouping() may come before or after the statistic; the dimension filter is optional).

export interface DimensionFilter {
  dimension: string;
  op: '=' | '!=' | '=~';
  value: string;
}

export interface MqlQuery {
  metric: string;
  intervalMs: number;
  filters: DimensionFilter[];
  statistic: Statistic;
  grouping: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** OCI's intervals: 1m-60m, 1h-24h, 1d. Returns milliseconds, or null when not one of them. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2];
  if (unit === 'm' && n >= 1 && n <= 60) return n * MINUTE;
  if (unit === 'h' && n >= 1 && n <= 24) return n * HOUR;
  if (unit === 'd' && n === 1) return 24 * HOUR;
  return null;
}

/** The console's own queries are under 200 characters; OCI's alarms allow some more. */
export const MAX_MQL_LENGTH = 2000;
/** Star runs over all `=~` values of one query; each is cheap now, but none needs more. */
export const MAX_MQL_WILDCARDS = 10;

const invalid = (message: string): Result<never, DomainError> => err(domainError('InvalidParameter', `Invalid query: ${message}`));

export function parseMql(query: string): Result<MqlQuery, DomainError> {
  // Bounded before any regular expression reads it.
  if (query.length > MAX_MQL_LENGTH) return invalid(`it is ${query.length} characters long; the limit is ${MAX_MQL_LENGTH}.`);
  const m = /^\s*([A-Za-z][\w.]*)\s*\[\s*([^\]]*)\]\s*(\{([^}]*)\})?\s*((?:\.\s*\w+\s*\(\s*\)\s*)+)$/.exec(query);
  if (!m) return invalid('expected Metric[interval]{dimension = "value"}.statistic(), e.g. CpuUtilization[1m]{resourceId = "<ocid>"}.mean().');
  const metric = m[1] ?? '';
  const intervalMs = parseInterval(m[2] ?? '');
  if (intervalMs === null) return invalid(`interval "${m[2] ?? ''}" must be 1m to 60m, 1h to 24h, or 1d.`);

  const filters: DimensionFilter[] = [];
  const body = (m[4] ?? '').trim();
  if (body) {
    const clause = /^\s*([A-Za-z][\w.]*)\s*(=~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*/;
    let rest = body;
    for (;;) {
      const c = clause.exec(rest);
      if (!c) return invalid(`dimension filter near "${rest.slice(0, 30)}": expected name = "value".`);
      filters.push({ dimension: c[1] ?? '', op: (c[2] ?? '=') as DimensionFilter['op'], value: (c[3] ?? '').replace(/\\(.)/g, '$1') });
      rest = rest.slice(c[0].length);
      if (!rest) break;
      const sep = /^(,|&&)\s*/.exec(rest);
      if (!sep) return invalid(`dimension filters are separated by "," or "&&" (near "${rest.slice(0, 30)}").`);
      rest = rest.slice(sep[0].length);
    }
  }

  const calls = [...(m[5] ?? '').matchAll(/\.\s*(\w+)\s*\(\s*\)/g)].map((c) => c[1] ?? '');
  let statistic: Statistic | null = null;
  let grouping = false;
  for (const call of calls) {
    if (call === 'grouping') {
      if (grouping) return invalid('grouping() appears twice.');
      grouping = true;
    } else if ((STATISTICS as readonly string[]).includes(call)) {
      if (statistic) return invalid('only one statistic is allowed.');
      statistic = call as Statistic;
    } else {
      return invalid(`unknown function ${call}(); statistics are ${STATISTICS.join(', ')}.`);
    }
  }
  if (!statistic) return invalid(`a statistic is required (${STATISTICS.join(', ')}).`);
  const wildcards = filters.reduce((n, f) => n + (f.op === '=~' ? wildcardCount(f.value) : 0), 0);
  if (wildcards > MAX_MQL_WILDCARDS) return invalid(`it has ${wildcards} wildcards (*); the limit is ${MAX_MQL_WILDCARDS}.`);
  return ok({ metric, intervalMs, filters, statistic, grouping });
}

/** Whether a point's dimensions pass the filters (=~ takes * as a wildcard, as OCI's does). */
export function matchesFilters(dimensions: Record<string, string>, filters: readonly DimensionFilter[]): boolean {
  for (const f of filters) {
    const v = dimensions[f.dimension];
    if (f.op === '=' && v !== f.value) return false;
    if (f.op === '!=' && v === f.value) return false;
    if (f.op === '=~' && (v === undefined || !matchWildcard(compileWildcard(f.value), v))) return false;
  }
  return true;
}
