import type { CategoryLogDetails } from './oci-types';
import type { LogSource } from './log-query';

// A deployment's access and predict log records as OCI Logging search answers them, and back.
//
// Which log holds what: a deployment's categoryLogDetails names, per category, the log group and
// log its records go to (OCI's model, kept as given). A record of category `access` of a
// deployment whose categoryLogDetails.access is {logGroupId: G, logId: L} is a record of log L in
// group G, in the deployment's compartment; `predict` alike. A deployment without
// categoryLogDetails (or without that category) writes to no log: search never finds its
// records, as OCI has none for it.

export type LogCategoryName = 'access' | 'predict';

export const LOG_TYPES: Record<LogCategoryName, string> = {
  access: 'com.oraclecloud.datascience.modeldeployment.access',
  predict: 'com.oraclecloud.datascience.modeldeployment.predict',
};

/** A record as the console's log table shows it (the local store's LogRecord). */
export interface PlainLogRecord {
  id: number;
  category: LogCategoryName;
  instanceId: string | null;
  level: string;
  message: string;
  data: Record<string, unknown> | null;
  timestamp: number;
}

export interface LoggedDeployment {
  id: string;
  compartmentId: string;
  categoryLogDetails?: CategoryLogDetails | null;
}

/** The (deployment, category) pairs whose logs a search source covers. */
export function logsOfSource(deployments: readonly LoggedDeployment[], source: LogSource): { deployment: LoggedDeployment; category: LogCategoryName; logGroupId: string; logId: string }[] {
  const out: { deployment: LoggedDeployment; category: LogCategoryName; logGroupId: string; logId: string }[] = [];
  for (const d of deployments) {
    if (d.compartmentId !== source.compartmentId) continue;
    for (const category of ['access', 'predict'] as const) {
      const log = d.categoryLogDetails?.[category];
      if (!log) continue;
      if (source.logGroupId && log.logGroupId !== source.logGroupId) continue;
      if (source.logId && log.logId !== source.logId) continue;
      out.push({ deployment: d, category, logGroupId: log.logGroupId, logId: log.logId });
    }
  }
  return out;
}

/** SearchResult.data of one record: datetime and logContent, as OCI Logging writes them. */
export interface SearchResultData {
  datetime: number;
  logContent: {
    id: string;
    source: string;
    specversion: '1.0';
    time: string;
    type: string;
    subject: string;
    oracle: { compartmentid: string; loggroupid: string; logid: string; tenantid: string; ingestedtime: string };
    data: Record<string, unknown>;
  };
}

export function toSearchResult(r: PlainLogRecord, where: { deploymentId: string; compartmentId: string; logGroupId: string; logId: string; tenancyId: string }): SearchResultData {
  const time = new Date(r.timestamp).toISOString();
  return {
    datetime: r.timestamp,
    logContent: {
      id: `${where.logId}.${r.id}`,
      source: where.deploymentId,
      specversion: '1.0',
      time,
      type: LOG_TYPES[r.category],
      subject: r.instanceId ?? '',
      oracle: { compartmentid: where.compartmentId, loggroupid: where.logGroupId, logid: where.logId, tenantid: where.tenancyId, ingestedtime: time },
      data: { ...(r.data ?? {}), level: r.level, message: r.message, ...(r.instanceId ? { instanceId: r.instanceId } : {}) },
    },
  };
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A search result back as the console's record. `index` numbers the records of one answer, as
 * OCI's ids are text. A record of another type (a custom log in the same group) is its own
 * category's nearest: predict unless it says access.
 */
export function fromSearchResult(data: unknown, index: number): PlainLogRecord {
  const d = record(data);
  const content = record(d.logContent);
  const body = record(content.data);
  const { level, message, instanceId, ...rest } = body;
  const datetime = typeof d.datetime === 'number' ? d.datetime : Date.parse(typeof content.time === 'string' ? content.time : '');
  return {
    id: index,
    category: content.type === LOG_TYPES.access ? 'access' : 'predict',
    instanceId: typeof instanceId === 'string' ? instanceId : typeof content.subject === 'string' && content.subject ? content.subject : null,
    level: typeof level === 'string' ? level : 'INFO',
    message: typeof message === 'string' ? message : JSON.stringify(body),
    data: Object.keys(rest).length ? rest : null,
    timestamp: Number.isFinite(datetime) ? datetime : 0,
  };
}
