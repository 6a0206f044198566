import { z } from 'zod';
import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { searchLogs } from '@/db/queries/logs';
import { LOG_CATEGORIES, LOG_LEVELS, MAX_LOG_LIMIT, parseCursor } from '@/server/domain/log-search';
import { codeError, errorResponse, invalidParameter, jsonResponse, requestIdOf } from '../../_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';
import { searchOciLogging } from '@/server/services/oci-logs';

export const dynamic = 'force-dynamic';

// The Logs tab's search: ?category=access,predict&level=ERROR,CRITICAL&text=&startTime=&endTime=
// (epoch ms or RFC 3339), &cursor= for older pages, or &afterId= for a live tail (oldest first).

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(values)));

const time = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an RFC 3339 time' });
      return z.NEVER;
    }
    return ms;
  });

const querySchema = z
  .object({
    category: list(LOG_CATEGORIES),
    level: list(LOG_LEVELS),
    text: z.string().max(200, 'must be at most 200 characters').optional(),
    startTime: time,
    endTime: time,
    // The local store's cursor is "timestamp:id"; OCI Logging's page token is its own (checked where it is used).
    cursor: z.string().max(4096, 'is not a cursor this endpoint returned').optional(),
    afterId: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LOG_LIMIT).default(100),
  })
  .refine((q) => q.startTime === undefined || q.endTime === undefined || q.startTime < q.endTime, {
    message: 'must be before endTime',
    path: ['startTime'],
  });

export const GET = withPrincipal(async (req: Request, { params }: { params: Promise<{ deploymentId: string }> }) => {
  const requestId = requestIdOf(req);
  const { deploymentId } = await params;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment')) {
    return errorResponse(codeError('NotAuthorizedOrNotFound', `Model deployment ${deploymentId} was not found.`), requestId);
  }
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) return errorResponse(invalidParameter(parsed.error), requestId);
  const ctx = getAppContext();
  const q = parsed.data;
  // A context without the instances' own output reads OCI Logging, where the deployment sends logs there.
  const session = await ctx.session();
  if (!session.capabilities.containerLogs && session.capabilities.ociLogging && session.provider.ociLogging) {
    const page = await searchOciLogging(session.provider.ociLogging, deploymentId, q);
    return page.ok ? jsonResponse(page.data, requestId) : errorResponse(page.error, requestId);
  }
  if (q.cursor && parseCursor(q.cursor) === null) return errorResponse(codeError('InvalidParameter', 'cursor: is not a cursor this endpoint returned'), requestId);
  // Logs outlive nothing: a deployment that does not exist (or was purged) has none to show.
  const md = await deploymentsServiceOf(ctx).get(deploymentId);
  if (!md.ok) return errorResponse(md.error, requestId);
  const page = searchLogs(ctx.db, {
    resourceId: deploymentId,
    categories: q.category,
    levels: q.level,
    limit: q.limit,
    ...(q.text ? { text: q.text } : {}),
    ...(q.startTime !== undefined ? { startTime: q.startTime } : {}),
    ...(q.endTime !== undefined ? { endTime: q.endTime } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(q.afterId !== undefined ? { afterId: q.afterId } : {}),
  });
  return jsonResponse(page, requestId);
});
