import { z } from 'zod';
import { TERMINAL_WORK_REQUEST_STATUSES, WORK_REQUEST_OPERATION_TYPES, WORK_REQUEST_STATUSES } from '@/server/domain/oci-types';
import { limitSchema, pageHeaders, param, parseListQuery, queryObject, sortOrderSchema, type OciCall, type OciHandler } from '../call';
import { currentIfMatch } from '../current';
import { listWithExtraFilters } from '../filters';
import { answer, fail, failure, resourceAnswer } from '../respond';
import { invalidParameterOf } from '../validation';

// Work requests (OCI-SPEC B.4): get (with retry-after while it runs), list, errors, logs, cancel.

const listQuery = z.object({
  compartmentId: z.string(),
  id: z.string().optional(),
  resourceId: z.string().optional(),
  operationType: z.enum(WORK_REQUEST_OPERATION_TYPES).optional(),
  status: z.enum(WORK_REQUEST_STATUSES).optional(),
  limit: limitSchema.optional(),
  page: z.string().optional(),
  sortOrder: sortOrderSchema.optional(),
  sortBy: z.enum(['operationType', 'status', 'timeAccepted']).optional(),
});

const entriesQuery = z.object({ limit: limitSchema.optional(), page: z.string().optional() });

const workRequestId = (call: OciCall) => param(call, 'workRequestId');

function entriesParams(call: OciCall) {
  const q = queryObject(call.query);
  if (!q.ok) return q;
  const parsed = entriesQuery.safeParse(q.value);
  if (!parsed.success) return { ok: false as const, error: invalidParameterOf(parsed.error) };
  return { ok: true as const, value: { ...(parsed.data.limit ? { limit: parsed.data.limit } : {}), ...(parsed.data.page ? { page: parsed.data.page } : {}) } };
}

export const workRequestHandlers: Record<string, OciHandler> = {
  async getWorkRequest(call) {
    const found = await call.provider.getWorkRequest(workRequestId(call));
    if (!found.ok) return failure(found.error);
    const running = !TERMINAL_WORK_REQUEST_STATUSES.includes(found.data.status);
    return resourceAnswer(found.data, running ? { 'retry-after': '1' } : {});
  },

  async listWorkRequests(call) {
    const q = parseListQuery(call, listQuery);
    if (!q.ok) return failure(q.error);
    const { sortBy, sortOrder } = q.value;
    // The provider lists newest first; the other orders are not offered.
    if ((sortBy && sortBy !== 'timeAccepted') || sortOrder === 'ASC') {
      return fail('InvalidParameter', 'The local provider lists work requests by timeAccepted, newest first (sortBy=timeAccepted, sortOrder=DESC).');
    }
    const params = {
      compartmentId: q.value.compartmentId,
      ...(q.value.resourceId ? { resourceId: q.value.resourceId } : {}),
      ...(q.value.operationType ? { operationType: q.value.operationType } : {}),
      ...(q.value.status ? { status: q.value.status } : {}),
      ...(q.value.limit ? { limit: q.value.limit } : {}),
      ...(q.value.page ? { page: q.value.page } : {}),
    };
    const page = await listWithExtraFilters(params, { ...(q.value.id ? { id: q.value.id } : {}) }, (p) => call.provider.listWorkRequests(p));
    return page.ok ? answer(page.data.items, pageHeaders(page.data)) : failure(page.error);
  },

  async listWorkRequestErrors(call) {
    const p = entriesParams(call);
    if (!p.ok) return failure(p.error);
    const page = await call.provider.listWorkRequestErrors(workRequestId(call), p.value);
    if (!page.ok) return failure(page.error);
    // The SDK's WorkRequestError is code, message, timestamp; the named startup failure is Berth's.
    const items = page.data.items.map(({ code, message, timestamp }) => ({ code, message, timestamp }));
    return answer(items, pageHeaders(page.data));
  },

  async listWorkRequestLogs(call) {
    const p = entriesParams(call);
    if (!p.ok) return failure(p.error);
    const page = await call.provider.listWorkRequestLogs(workRequestId(call), p.value);
    return page.ok ? answer(page.data.items, pageHeaders(page.data)) : failure(page.error);
  },

  async cancelWorkRequest(call) {
    const current = await currentIfMatch(call.headers, call.provider.getWorkRequest(workRequestId(call)));
    if (!current.ok) return failure(current.error);
    const canceled = await call.provider.cancelWorkRequest(workRequestId(call));
    return canceled.ok ? { ok: true, answer: { status: 202, headers: {} } } : failure(canceled.error);
  },
};
