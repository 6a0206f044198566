import type { DataScienceClient } from 'oci-datascience';
import type { LogSearchClient } from 'oci-loggingsearch';
import { deploymentLogQuery, HOW_TO_ENABLE_LOGGING } from '@/server/domain/deployment-log-query';
import { fromSearchResult } from '@/server/domain/oci-log-records';
import { ok } from '@/server/domain/result';
import type { OciLoggingApi } from '../types';
import { call } from './errors';

// A deployment's access and predict logs through oci-loggingsearch: the logs its
// categoryLogDetails name, searched in its compartment. Without them there is nothing to search,
// and the answer says how to turn OCI Logging on.

export interface OciLoggingDeps {
  ds: DataScienceClient;
  logSearch: LogSearchClient;
  where: string;
}

export function createOciLogging({ ds, logSearch, where }: OciLoggingDeps): OciLoggingApi {
  return {
    async searchDeploymentLogs(id, search) {
      const md = await call(where, async () => (await ds.getModelDeployment({ modelDeploymentId: id })).modelDeployment);
      if (!md.ok) return md;
      const categoryLogDetails = md.data.categoryLogDetails;
      const query = deploymentLogQuery(
        { compartmentId: md.data.compartmentId, categoryLogDetails },
        { ...(search.categories ? { categories: search.categories } : {}), ...(search.levels ? { levels: search.levels } : {}), ...(search.text ? { text: search.text } : {}) },
      );
      if (!query) return ok({ configured: false as const, howToEnable: HOW_TO_ENABLE_LOGGING });
      return call(where, async () => {
        const r = await logSearch.searchLogs({
          searchLogsDetails: { timeStart: new Date(search.startTime), timeEnd: new Date(search.endTime), searchQuery: query },
          limit: search.limit,
          ...(search.page ? { page: search.page } : {}),
        });
        const records = (r.searchResponse.results ?? []).map((x, i) => fromSearchResult(x.data, i + 1));
        return { configured: true as const, records, ...(r.opcNextPage ? { nextPage: r.opcNextPage } : {}) };
      });
    },
  };
}
