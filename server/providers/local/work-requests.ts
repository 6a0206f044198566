import type { Db } from '@/db/client';
import {
  getWorkRequestRow,
  listWorkRequestErrorRows,
  listWorkRequestLogRows,
  listWorkRequestRows,
} from '@/db/queries/work-requests';
import { domainError, err, notFound, ok } from '@/server/domain/result';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import type { WorkRequestsApi } from '../types';
import { toWorkRequest } from './mappers';
import { clampLimit, decodePageToken, toPage } from './paging';

const badToken = () => err(domainError('InvalidParameter', 'The page token is not valid.'));

export function createLocalWorkRequests(db: Db, runner: WorkRequestRunner): WorkRequestsApi {
  return {
    async getWorkRequest(id) {
      const row = getWorkRequestRow(db, id);
      return row ? ok(toWorkRequest(row)) : err(notFound('Work request', id));
    },
    async listWorkRequests(params) {
      const offset = decodePageToken(params.page);
      if (offset === null) return badToken();
      const limit = clampLimit(params.limit);
      const rows = listWorkRequestRows(db, { ...params, limit: limit + 1, offset });
      return ok(toPage(rows.map(toWorkRequest), offset, limit));
    },
    async listWorkRequestLogs(id, params = {}) {
      if (!getWorkRequestRow(db, id)) return err(notFound('Work request', id));
      const offset = decodePageToken(params.page);
      if (offset === null) return badToken();
      const limit = clampLimit(params.limit, 100);
      const rows = listWorkRequestLogRows(db, id, limit + 1, offset);
      return ok(toPage(rows.map((r) => ({ message: r.message, timestamp: r.timestamp })), offset, limit));
    },
    async listWorkRequestErrors(id, params = {}) {
      if (!getWorkRequestRow(db, id)) return err(notFound('Work request', id));
      const offset = decodePageToken(params.page);
      if (offset === null) return badToken();
      const limit = clampLimit(params.limit, 100);
      const rows = listWorkRequestErrorRows(db, id, limit + 1, offset);
      return ok(toPage(rows.map((r) => ({ code: r.code, message: r.message, timestamp: r.timestamp })), offset, limit));
    },
    async cancelWorkRequest(id) {
      const result = runner.cancel(id);
      return result.ok ? ok(toWorkRequest(result.data)) : result;
    },
  };
}
