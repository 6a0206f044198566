import type { Db } from '@/db/client';
import {
  getPublicWorkRequestRow,
  listWorkRequestErrorRows,
  listWorkRequestLogRows,
  listWorkRequestRows,
} from '@/db/queries/work-requests';
import { relativizePaths } from '@/server/domain/data-paths';
import { err, notFound, ok } from '@/server/domain/result';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import type { WorkRequestsApi } from '../types';
import { estimateCreate } from './deployments/startup-timings';
import { toWorkRequest } from './mappers';
import { pagedList } from './paging';

/**
 * `dataDir`, when given, is written out of log and error messages: the console shows
 * "artifacts/ocid1.../v1", not the host's own path to it.
 */
export function createLocalWorkRequests(db: Db, runner: WorkRequestRunner, dataDir?: string): WorkRequestsApi {
  const shown = (text: string) => (dataDir ? relativizePaths(text, dataDir) : text);
  return {
    async getWorkRequest(id) {
      const row = getPublicWorkRequestRow(db, id);
      return row ? ok(toWorkRequest(row)) : err(notFound('Work request', id));
    },
    async listWorkRequests(params) {
      return pagedList(params.page, params.limit, (limit, offset) => listWorkRequestRows(db, { ...params, limit, offset }), toWorkRequest);
    },
    async listWorkRequestLogs(id, params = {}) {
      if (!getPublicWorkRequestRow(db, id)) return err(notFound('Work request', id));
      return pagedList(params.page, params.limit, (limit, offset) => listWorkRequestLogRows(db, id, limit, offset), (r) => ({ message: shown(r.message), timestamp: r.timestamp }), 100);
    },
    async listWorkRequestErrors(id, params = {}) {
      if (!getPublicWorkRequestRow(db, id)) return err(notFound('Work request', id));
      return pagedList(
        params.page,
        params.limit,
        (limit, offset) => listWorkRequestErrorRows(db, id, limit, offset),
        (r) => ({ code: r.code, message: shown(r.message), timestamp: r.timestamp, ...(r.failure ? { startupFailure: r.failure } : {}) }),
        100,
      );
    },
    async estimateWorkRequest(id) {
      const secondsLeft = estimateCreate(db, id, () => new Date());
      return secondsLeft === null ? null : { secondsLeft };
    },
    async cancelWorkRequest(id) {
      if (!getPublicWorkRequestRow(db, id)) return err(notFound('Work request', id));
      const result = runner.cancel(id);
      if (!result.ok) return result;
      const row = getPublicWorkRequestRow(db, id);
      return row ? ok(toWorkRequest(row)) : err(notFound('Work request', id));
    },
  };
}
