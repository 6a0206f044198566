import type { DomainError, Result } from '@/server/domain/result';
import type { OciLoggingApi } from '@/server/providers/types';
import type { LogPage } from '@/server/domain/log-search';

// The Logs tab's search answered from OCI Logging, in the tab's own page shape: records newest
// first, OCI's page token as the cursor of the next (older) page. A deployment without OCI
// Logging answers no records and `notConfigured`, the words that say how to enable it.

export interface LogsTabQuery {
  category: readonly ('access' | 'predict')[];
  level: readonly string[];
  text?: string | undefined;
  startTime?: number | undefined;
  endTime?: number | undefined;
  cursor?: string | undefined;
  afterId?: number | undefined;
  limit: number;
}

export type OciLogsPage = LogPage & { source: 'oci-logging'; notConfigured?: string };

/** How far back a search reaches when the tab names no start. */
const DEFAULT_WINDOW_MS = 3_600_000;

export async function searchOciLogging(api: OciLoggingApi, deploymentId: string, q: LogsTabQuery, now: () => number = Date.now): Promise<Result<OciLogsPage, DomainError>> {
  // A live tail reads the instances' own output, which OCI does not give; the tab offers none here.
  if (q.afterId !== undefined) return { ok: true, data: { records: [], nextCursor: String(q.afterId), latestId: 0, source: 'oci-logging' } };
  const endTime = q.endTime ?? now();
  const r = await api.searchDeploymentLogs(deploymentId, {
    categories: q.category,
    levels: q.level,
    ...(q.text ? { text: q.text } : {}),
    startTime: q.startTime ?? endTime - DEFAULT_WINDOW_MS,
    endTime,
    limit: q.limit,
    ...(q.cursor ? { page: q.cursor } : {}),
  });
  if (!r.ok) return r;
  if (!r.data.configured) return { ok: true, data: { records: [], nextCursor: null, latestId: 0, source: 'oci-logging', notConfigured: r.data.howToEnable } };
  return { ok: true, data: { records: r.data.records, nextCursor: r.data.nextPage ?? null, latestId: 0, source: 'oci-logging' } };
}
