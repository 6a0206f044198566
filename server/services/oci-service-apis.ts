import { listTagNamespaceRecords } from '@/db/queries/identity';
import { listModelDeploymentRowsInStates } from '@/db/queries/model-deployments';
import { compartmentParents } from '@/db/queries/users';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import type { PlainLogRecord } from '@/server/domain/oci-log-records';
import { LOGGING_SEARCH_SERVICE, loggingSearchHandlers, type LoggingSearchDeps } from '@/server/oci-api/logging-search';
import { createServiceApi } from '@/server/oci-api/service-api';
import { createV20160918Api } from '@/server/oci-api/v20160918';
import { searchLogs } from '@/db/queries/logs';
import type { AppContext } from './context';

// Berth's own data behind the OCI services it answers besides Data Science and Monitoring:
// Identity and Artifacts at /20160918, Logging search at /20190909. This installation's data,
// always: whatever context a browser chose, these are the "cloud" side.

type Parts = Pick<AppContext, 'db' | 'system' | 'installation' | 'config' | 'platform'>;

const door = (ctx: Parts) => ({ db: ctx.db, tenancyId: ctx.installation.tenancyId });

export function createV20160918ApiOf(ctx: Parts): (req: Request) => Promise<Response> {
  const parents = () => compartmentParents(ctx.db);
  return createV20160918Api(
    door(ctx),
    { tenancyId: ctx.installation.tenancyId, region: ctx.config.region, compartments: () => ctx.system.listCompartments(), parents, tagNamespaces: () => listTagNamespaceRecords(ctx.db) },
    { tenancyId: ctx.installation.tenancyId, region: ctx.config.region, images: () => ctx.platform.listImages(), parents },
  );
}

/** A deployment's records of one category in the window, newest first, through the Logs tab's own query. */
function recordsOf(ctx: Parts): LoggingSearchDeps['records'] {
  return (resourceId, category, startMs, endMs, max) => {
    const out: PlainLogRecord[] = [];
    let cursor: string | undefined;
    while (out.length < max) {
      const page = searchLogs(ctx.db, { resourceId, categories: [category], startTime: startMs, endTime: endMs, limit: Math.min(500, max - out.length), ...(cursor ? { cursor } : {}) });
      out.push(...page.records);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out;
  };
}

export function createLoggingSearchApiOf(ctx: Parts): (req: Request) => Promise<Response> {
  return createServiceApi(door(ctx), {
    ...LOGGING_SEARCH_SERVICE,
    handlers: loggingSearchHandlers({
      tenancyId: ctx.installation.tenancyId,
      deployments: () => listModelDeploymentRowsInStates(ctx.db, [...MODEL_DEPLOYMENT_LIFECYCLE_STATES]).map((r) => ({ id: r.id, compartmentId: r.compartmentId, categoryLogDetails: r.categoryLogDetails })),
      records: recordsOf(ctx),
      parents: () => compartmentParents(ctx.db),
    }),
  });
}
