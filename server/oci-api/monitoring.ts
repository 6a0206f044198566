import { z } from 'zod';
import type { Db } from '@/db/client';
import { listMetricSeries } from '@/db/queries/metric-series';
import { compartmentParents } from '@/db/queries/users';
import { ancestry, isAllowed } from '@/server/domain/iam';
import type { Principal } from '@/server/domain/principal';
import type { DataScienceProvider } from '@/server/providers/types';
import { runAs } from '@/server/services/identity/principal-scope';
import { createAlarmsService } from '@/server/services/alarms/alarms';
import { errorResponse, toResponse } from './api';
import { authenticateBody, plainError, requestIdOf } from './signed-front-door';
import { alarmHandlers, type AlarmCall } from './monitoring-alarms';
import { MONITORING_OPERATIONS } from './monitoring-operations';
import type { OciOutcome } from './respond';
import { withRetryToken } from './retry-tokens';
import { firstIssueText } from '@/server/domain/field-errors';
import { createOperationMatcher } from './router';

// OCI Monitoring at /20180401, signed as the Data Science API is, so `oci-monitoring`'s client
// works against Berth: summarizeMetricsData and listMetrics over the metrics the console's charts
// read, and the alarm operations over the console's own alarms (monitoring-alarms.ts). Every
// answer is limited to the deployments the caller may read in the compartment named (and below it
// with compartmentIdInSubtree), as OCI's are; the other operations answer 501 by name.

export const MONITORING_API_PREFIX = '/20180401';

const MAX_BODY_BYTES = 64 * 1024;
const matchMonitoring = createOperationMatcher(MONITORING_OPERATIONS);
const METRIC_OPERATIONS = new Set(['summarizeMetricsData', 'listMetrics']);
/** listMetrics looks back this far, as OCI's does. */
const LIST_LOOKBACK_MS = 14 * 24 * 3_600_000;

const time = z.union([z.string(), z.number()]);
const summarizeSchema = z.strictObject({
  namespace: z.string({ error: 'namespace is required.' }).min(1, 'namespace is required.'),
  query: z.string({ error: 'query is required.' }).min(1, 'query is required.').max(4000),
  startTime: time.optional(),
  endTime: time.optional(),
  resolution: z.string().optional(),
  resourceGroup: z.string().optional(),
});
const listSchema = z.strictObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  resourceGroup: z.string().optional(),
  dimensionFilters: z.record(z.string(), z.string()).optional(),
  groupBy: z.array(z.string()).max(20).optional(),
  sortBy: z.enum(['NAMESPACE', 'NAME'], { error: 'sortBy must be NAMESPACE or NAME.' }).optional(),
  sortOrder: z.enum(['ASC', 'DESC'], { error: 'sortOrder must be ASC or DESC.' }).optional(),
});

export interface MonitoringApiDeps {
  db: Db;
  provider: DataScienceProvider;
  tenancyId: string;
  /** The region part of the alarm OCIDs minted here. */
  region: string;
  now?: () => Date;
}

type Json = Record<string, unknown>;

export function createMonitoringApi(deps: MonitoringApiDeps): (req: Request) => Promise<Response> {
  const now = deps.now ?? (() => new Date());

  /** The compartments an answer may draw from: the one named, and with the subtree flag those below it. */
  function scopeOf(compartmentId: string, subtree: boolean): (id: string | undefined) => boolean {
    const parents = compartmentParents(deps.db);
    return (id) => !!id && (subtree ? ancestry(id, parents).includes(compartmentId) : id === compartmentId);
  }

  /** Each deployment's compartment, as the caller may read it (undefined: not readable or gone). */
  function compartmentLookup(principal: Principal) {
    const cache = new Map<string, Promise<string | undefined>>();
    return (resourceId: string) => {
      let found = cache.get(resourceId);
      if (!found) {
        found = runAs(principal, () => deps.provider.getModelDeployment(resourceId)).then((r) => (r.ok ? r.data.compartmentId : undefined));
        cache.set(resourceId, found);
      }
      return found;
    };
  }

  async function summarize(principal: Principal, body: z.output<typeof summarizeSchema>, inScope: (id: string | undefined) => boolean): Promise<Response | Json[]> {
    const { resourceGroup: _unused, ...details } = body;
    const result = await runAs(principal, () => deps.provider.summarizeMetricsData(details));
    if (!result.ok) return errorResponse(result.error, principal.requestId);
    const compartmentOf = compartmentLookup(principal);
    const out: Json[] = [];
    for (const m of result.data) {
      const compartmentId = await compartmentOf(m.dimensions.resourceId ?? '');
      if (inScope(compartmentId)) out.push({ ...m, compartmentId });
    }
    return out;
  }

  async function list(principal: Principal, body: z.output<typeof listSchema>, inScope: (id: string | undefined) => boolean): Promise<Json[]> {
    const rows = listMetricSeries(deps.db, { ...(body.namespace ? { namespace: body.namespace } : {}), ...(body.name ? { name: body.name } : {}), sinceMs: now().getTime() - LIST_LOOKBACK_MS });
    const compartmentOf = compartmentLookup(principal);
    const filters = Object.entries(body.dimensionFilters ?? {});
    const metrics: Json[] = [];
    for (const r of rows) {
      const compartmentId = await compartmentOf(r.resourceId);
      if (!inScope(compartmentId) || !filters.every(([k, v]) => r.dimensions[k] === v)) continue;
      metrics.push({ namespace: r.namespace, name: r.name, compartmentId, dimensions: r.dimensions });
    }
    const grouped = body.groupBy ? groupBy(metrics, body.groupBy) : metrics;
    const key = body.sortBy === 'NAMESPACE' ? 'namespace' : 'name';
    const sign = body.sortOrder === 'DESC' ? -1 : 1;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return grouped.sort((a, b) => sign * text(a[key]).localeCompare(text(b[key])));
  }

  return async function handle(req: Request): Promise<Response> {
    const requestId = requestIdOf(req);
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const match = url.pathname.startsWith(MONITORING_API_PREFIX) ? matchMonitoring(method, url.pathname.slice(MONITORING_API_PREFIX.length)) : ({ kind: 'unknown' } as const);
    if (match.kind === 'unknown') return plainError(404, 'NotAuthorizedOrNotFound', `No operation of the Monitoring API has the path ${url.pathname}.`, requestId);
    if (match.kind === 'method-not-allowed') {
      return plainError(405, 'MethodNotAllowed', `${method} is not an operation on ${url.pathname}; allowed: ${match.allowed.join(', ')}.`, requestId, { allow: match.allowed.join(', ') });
    }
    const { name, params } = match.operation;
    const auth = await authenticateBody(deps, req, { url, method, requestId, maxBodyBytes: MAX_BODY_BYTES, readBody: method === 'POST' || method === 'PUT' });
    if (auth instanceof Response) return auth;
    const { principal, body: bytes } = auth;
    if (!METRIC_OPERATIONS.has(name)) return alarmOperation(name, params, req, url, bytes, principal, requestId);

    const compartmentId = url.searchParams.get('compartmentId');
    if (!compartmentId) return plainError(400, 'MissingParameter', 'compartmentId is required: the compartment whose metrics to read.', requestId);
    const subtree = url.searchParams.get('compartmentIdInSubtree') === 'true';
    // OCI answers a compartment the caller may not read metrics in as if it did not exist.
    if (!isAllowed(principal.grants, 'read', 'data-science-model-deployments', compartmentId, compartmentParents(deps.db))) {
      return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, requestId);
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(bytes ?? new Uint8Array(0)).toString('utf8') || '{}') as unknown;
    } catch {
      return plainError(400, 'InvalidParameter', 'The request body must be JSON.', requestId);
    }
    const inScope = scopeOf(compartmentId, subtree);
    const headers = { 'content-type': 'application/json', 'opc-request-id': requestId };
    if (name === 'summarizeMetricsData') {
      const body = summarizeSchema.safeParse(json);
      if (!body.success) return plainError(400, 'InvalidParameter', issueText(body.error), requestId);
      const out = await summarize(principal, body.data, inScope);
      return out instanceof Response ? out : new Response(JSON.stringify(out), { headers });
    }
    const body = listSchema.safeParse(json);
    if (!body.success) return plainError(400, 'InvalidParameter', issueText(body.error), requestId);
    const paged = pageOf(await list(principal, body.data, inScope), url.searchParams);
    if ('error' in paged) return plainError(400, 'InvalidParameter', paged.error, requestId);
    return new Response(JSON.stringify(paged.items), { headers: { ...headers, ...(paged.next ? { 'opc-next-page': paged.next } : {}) } });
  };

  async function alarmOperation(name: string, params: Record<string, string>, req: Request, url: URL, bytes: Uint8Array | null, principal: Principal, requestId: string): Promise<Response> {
    const handler = alarmHandlers[name];
    if (!handler) return plainError(501, 'NotImplemented', `The operation ${name} is not offered by the local provider.`, requestId);
    let body: unknown;
    if (bytes && bytes.byteLength > 0) {
      try {
        body = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
      } catch {
        return plainError(400, 'InvalidParameter', 'The request body must be JSON.', requestId);
      }
    }
    // OCI's own minimums apply here, whatever the console's BERTH_AUTOSCALING_MIN_SECONDS.
    const service = createAlarmsService({ db: deps.db, provider: deps.provider, principal: async () => principal, region: deps.region, minSeconds: null, now });
    const call: AlarmCall = { db: deps.db, principal, service, params, query: url.searchParams, headers: req.headers, body };
    const run = () => runAs(principal, () => handler(call));
    const retryToken = req.headers.get('opc-retry-token');
    let outcome: OciOutcome;
    try {
      outcome =
        retryToken !== null && req.method.toUpperCase() === 'POST'
          ? await withRetryToken({ db: deps.db, userId: principal.userId, token: retryToken, operation: `${name} ${url.pathname}`, body: bytes ?? new Uint8Array(0), now: now() }, run)
          : await run();
    } catch (cause) {
      console.error(`OCI Monitoring API ${name} failed`, cause);
      return plainError(500, 'InternalServerError', 'The operation failed on the server. The details are in the server log.', requestId);
    }
    if (!outcome.ok) return errorResponse(outcome.error, requestId);
    return toResponse(outcome.answer, requestId, false);
  }
}

const issueText = (error: z.ZodError) => firstIssueText(error.issues, 'The request body is not valid.');

/** OCI's groupBy: one entry per distinct value of the fields named (name, namespace or a dimension). */
function groupBy(metrics: Json[], fields: readonly string[]): Json[] {
  const out = new Map<string, Json>();
  for (const m of metrics) {
    const dims = m.dimensions as Record<string, string>;
    const entry: Json = { compartmentId: m.compartmentId };
    const grouped: Record<string, string> = {};
    for (const f of fields) {
      if (f === 'name' || f === 'namespace') entry[f] = m[f];
      else if (dims[f] !== undefined) grouped[f] = dims[f];
    }
    if (Object.keys(grouped).length) entry.dimensions = grouped;
    out.set(JSON.stringify(entry), entry);
  }
  return [...out.values()];
}

function pageOf<T>(items: T[], query: URLSearchParams): { items: T[]; next?: string } | { error: string } {
  const limitText = query.get('limit');
  const limit = limitText === null ? 1000 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { error: 'limit must be a whole number from 1 to 1000.' };
  const pageText = query.get('page');
  const offset = pageText === null ? 0 : Number(Buffer.from(pageText, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) return { error: 'page is not a token this API gave.' };
  const slice = items.slice(offset, offset + limit);
  return offset + limit < items.length ? { items: slice, next: Buffer.from(String(offset + limit)).toString('base64url') } : { items: slice };
}
