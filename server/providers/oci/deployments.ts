import type { DataScienceClient, requests } from 'oci-datascience';
import type { MonitoringClient } from 'oci-monitoring';
import type { MetricData } from '@/server/domain/metric-stats';
import type { ModelDeployment, ModelDeploymentShapeSummary, ModelDeploymentSummary, WorkRequest, WorkRequestError, WorkRequestLogEntry } from '@/server/domain/oci-types';
import type { ModelDeploymentsApi, MonitoringApi, WorkRequestsApi } from '../types';
import { call } from './errors';
import { allPages, ociPage } from './paging';
import { fromSdk, toSdk } from './wire';

// Model deployments, shapes and work requests through oci-datascience; the charts' metric
// queries through oci-monitoring.

export interface OciServingDeps {
  ds: DataScienceClient;
  monitoring: MonitoringClient;
  tenancyId: string;
  where: string;
}

/** Berth's own fields that OCI does not know are not sent (OCI keeps variables as given). */
function withoutBerthFields<T extends { secretEnvironmentVariables?: unknown }>(details: T): Omit<T, 'secretEnvironmentVariables'> {
  const { secretEnvironmentVariables: _, ...rest } = details;
  return rest;
}

export function createOciModelDeployments({ ds, where }: OciServingDeps): ModelDeploymentsApi {
  const get = (id: string) => call(where, async () => fromSdk<ModelDeployment>((await ds.getModelDeployment({ modelDeploymentId: id })).modelDeployment));
  return {
    createModelDeployment: (d) =>
      call(where, async () => {
        const r = await ds.createModelDeployment({ createModelDeploymentDetails: toSdk(withoutBerthFields(d)) });
        return { workRequestId: r.opcWorkRequestId, resource: fromSdk<ModelDeployment>(r.modelDeployment) };
      }),
    getModelDeployment: get,
    listModelDeployments: (p) =>
      ociPage(p, (page, limit) =>
        call(where, async () => {
          const r = await ds.listModelDeployments(
            toSdk<requests.ListModelDeploymentsRequest>({ compartmentId: p.compartmentId, projectId: p.projectId, lifecycleState: p.lifecycleState, displayName: p.displayName, sortBy: p.sortBy, sortOrder: p.sortOrder, limit, page }),
          );
          return { items: r.items.map((i) => fromSdk<ModelDeploymentSummary>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    updateModelDeployment: (id, d) => call(where, async () => ({ workRequestId: (await ds.updateModelDeployment({ modelDeploymentId: id, updateModelDeploymentDetails: toSdk(withoutBerthFields(d)) })).opcWorkRequestId, resource: undefined })),
    activateModelDeployment: (id) => call(where, async () => ({ workRequestId: (await ds.activateModelDeployment({ modelDeploymentId: id })).opcWorkRequestId, resource: undefined })),
    deactivateModelDeployment: (id) => call(where, async () => ({ workRequestId: (await ds.deactivateModelDeployment({ modelDeploymentId: id })).opcWorkRequestId, resource: undefined })),
    async changeModelDeploymentCompartment(id, compartmentId) {
      const moved = await call(where, () => ds.changeModelDeploymentCompartment({ modelDeploymentId: id, changeModelDeploymentCompartmentDetails: { compartmentId } }));
      return moved.ok ? get(id) : moved;
    },
    deleteModelDeployment: (id) => call(where, async () => ({ workRequestId: (await ds.deleteModelDeployment({ modelDeploymentId: id })).opcWorkRequestId, resource: undefined })),
    listModelDeploymentShapes: (compartmentId) =>
      allPages((page) =>
        call(where, async () => {
          const r = await ds.listModelDeploymentShapes({ compartmentId, ...(page ? { page } : {}) });
          return { items: r.items.map((i) => fromSdk<ModelDeploymentShapeSummary>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
  };
}

export function createOciWorkRequests({ ds, where }: OciServingDeps): WorkRequestsApi {
  const get = (id: string) => call(where, async () => fromSdk<WorkRequest>((await ds.getWorkRequest({ workRequestId: id })).workRequest));
  return {
    getWorkRequest: get,
    listWorkRequests: (p) =>
      ociPage({ ...(p.page ? { page: p.page } : {}), ...(p.limit ? { limit: p.limit } : {}) }, (page, limit) =>
        call(where, async () => {
          const r = await ds.listWorkRequests(toSdk<requests.ListWorkRequestsRequest>({ compartmentId: p.compartmentId, resourceId: p.resourceId, operationType: p.operationType, status: p.status, limit, page }));
          return { items: r.items.map((i) => fromSdk<WorkRequest>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    listWorkRequestLogs: (id, p = {}) =>
      ociPage(p, (page, limit) =>
        call(where, async () => {
          const r = await ds.listWorkRequestLogs({ workRequestId: id, limit, ...(page ? { page } : {}) });
          return { items: r.items.map((i) => fromSdk<WorkRequestLogEntry>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    listWorkRequestErrors: (id, p = {}) =>
      ociPage(p, (page, limit) =>
        call(where, async () => {
          const r = await ds.listWorkRequestErrors({ workRequestId: id, limit, ...(page ? { page } : {}) });
          return { items: r.items.map((i) => fromSdk<WorkRequestError>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    async cancelWorkRequest(id) {
      const canceled = await call(where, () => ds.cancelWorkRequest({ workRequestId: id }));
      return canceled.ok ? get(id) : canceled;
    },
  };
}

const RESOURCE = /resourceId\s*=\s*"([^"]+)"/;
const asDate = (t: string | number | Date | undefined) => (t === undefined ? undefined : new Date(t));

/**
 * OCI Monitoring asks for a compartment, which the chart queries do not name: a query about one
 * deployment is asked in that deployment's compartment, any other in the whole tenancy.
 */
export function createOciMonitoring({ ds, monitoring, tenancyId, where }: OciServingDeps): MonitoringApi {
  return {
    async summarizeMetricsData(details) {
      const resourceId = RESOURCE.exec(details.query)?.[1];
      let compartmentId = tenancyId;
      let inSubtree = true;
      if (resourceId) {
        const md = await call(where, () => ds.getModelDeployment({ modelDeploymentId: resourceId }));
        if (!md.ok) return md;
        compartmentId = md.data.modelDeployment.compartmentId;
        inSubtree = false;
      }
      return call(where, async () => {
        const startTime = asDate(details.startTime);
        const endTime = asDate(details.endTime);
        const r = await monitoring.summarizeMetricsData({
          compartmentId,
          compartmentIdInSubtree: inSubtree,
          summarizeMetricsDataDetails: { namespace: details.namespace, query: details.query, ...(startTime ? { startTime } : {}), ...(endTime ? { endTime } : {}), ...(details.resolution ? { resolution: details.resolution } : {}) },
        });
        return r.items.map((m) => fromSdk<MetricData>(m));
      });
    },
  };
}
