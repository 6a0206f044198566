import { z } from 'zod';
import { isAllowed, type CompartmentParents } from '@/server/domain/iam';
import { matchesCondition, parseLogQuery } from '@/server/domain/log-query';
import { logsOfSource, toSearchResult, type LogCategoryName, type LoggedDeployment, type PlainLogRecord, type SearchResultData } from '@/server/domain/oci-log-records';
import { errorResponse } from './api';
import { queryObject } from './call';
import { slicePage } from './paging';
import { LOGGING_SEARCH_OPERATIONS } from './service-operations';
import type { ServiceHandler } from './service-api';
import { plainError, jsonAnswer, jsonBody } from './signed-front-door';
import { invalidParameterOf } from './validation';

// OCI Logging search (/20190909 SearchLogs) over the deployments' access and predict records,
// each in the log its deployment's categoryLogDetails names (server/domain/oci-log-records.ts).
// The caller must be able to read deployments in each compartment searched, else it is not
// found; a search reads at most MAX_SCANNED records of its window, newest first.

export const LOGGING_SEARCH_PREFIX = '/20190909';
export const MAX_SCANNED = 10_000;

export interface LoggingSearchDeps {
  tenancyId: string;
  /** Every deployment with what its categoryLogDetails say. */
  deployments: () => LoggedDeployment[];
  /** A deployment's records of one category in [startMs, endMs), newest first, at most `max`. */
  records: (resourceId: string, category: LogCategoryName, startMs: number, endMs: number, max: number) => PlainLogRecord[];
  parents: () => CompartmentParents;
}

const time = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be an RFC 3339 time' });
    return z.NEVER;
  }
  return ms;
});
const detailsSchema = z.strictObject({
  timeStart: time,
  timeEnd: time,
  searchQuery: z.string({ error: 'searchQuery is required.' }).min(1, 'searchQuery is required.').max(8000),
  isReturnFieldInfo: z.boolean().optional(),
});
const querySchema = z.strictObject({
  limit: z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be 1 to 1000.').max(1000, 'limit must be 1 to 1000.').optional(),
  page: z.string().optional(),
});

const FIELDS = [
  { fieldName: 'datetime', fieldType: 'NUMBER' },
  { fieldName: 'logContent', fieldType: 'STRING' },
] as const;

export function loggingSearchHandlers(deps: LoggingSearchDeps): Record<string, ServiceHandler> {
  return {
    async searchLogs(req) {
      const q = queryObject(req.url.searchParams);
      if (!q.ok) return errorResponse(q.error, req.requestId);
      const paging = querySchema.safeParse(q.value);
      if (!paging.success) return errorResponse(invalidParameterOf(paging.error), req.requestId);
      const json = jsonBody(req);
      if (!json.ok) return json.response;
      const body = detailsSchema.safeParse(json.value);
      if (!body.success) return errorResponse(invalidParameterOf(body.error), req.requestId);
      const { timeStart, timeEnd, searchQuery, isReturnFieldInfo } = body.data;
      if (timeStart >= timeEnd) return plainError(400, 'InvalidParameter', 'timeStart must be before timeEnd.', req.requestId);
      const parsed = parseLogQuery(searchQuery);
      if (!parsed.ok) return errorResponse(parsed.error, req.requestId);
      const query = parsed.data;

      const parents = deps.parents();
      for (const s of query.sources) {
        if (!isAllowed(req.principal.grants, 'read', 'data-science-model-deployments', s.compartmentId, parents)) {
          return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${s.compartmentId} was not found.`, req.requestId);
        }
      }
      const deployments = deps.deployments();
      const seen = new Set<string>();
      const found: SearchResultData[] = [];
      for (const source of query.sources) {
        for (const log of logsOfSource(deployments, source)) {
          const key = `${log.deployment.id}/${log.category}`;
          if (seen.has(key)) continue;
          seen.add(key);
          for (const r of deps.records(log.deployment.id, log.category, timeStart, timeEnd, MAX_SCANNED)) {
            const result = toSearchResult(r, { deploymentId: log.deployment.id, compartmentId: log.deployment.compartmentId, logGroupId: log.logGroupId, logId: log.logId, tenancyId: deps.tenancyId });
            if (!query.where || matchesCondition(query.where, result.logContent)) found.push(result);
          }
        }
      }
      const sign = query.order === 'asc' ? 1 : -1;
      found.sort((a, b) => sign * (a.datetime - b.datetime) || a.logContent.id.localeCompare(b.logContent.id));
      const sliced = slicePage(found, paging.data.limit ?? 100, paging.data.page ?? null);
      if (!sliced.ok) return errorResponse(sliced.error, req.requestId);
      const results = sliced.items.map((data) => ({ data }));
      return jsonAnswer(
        { results, ...(isReturnFieldInfo ? { fields: FIELDS } : {}), summary: { resultCount: results.length, fieldCount: isReturnFieldInfo ? FIELDS.length : 0 } },
        req.requestId,
        sliced.nextPage ? { 'opc-next-page': sliced.nextPage } : {},
      );
    },
  };
}

export const LOGGING_SEARCH_SERVICE = { prefix: LOGGING_SEARCH_PREFIX, service: 'Logging Search', operations: LOGGING_SEARCH_OPERATIONS, maxBodyBytes: 64 * 1024 } as const;
