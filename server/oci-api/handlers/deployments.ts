import { z } from 'zod';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { createModelDeploymentDetailsSchema, updateModelDeploymentDetailsSchema } from '@/server/validation/deployment';
import { changeCompartmentSchema, limitSchema, listParamsOf, pageHeaders, param, parseBody, parseListQuery, sortOrderSchema, type OciHandler } from '../call';
import { currentIfMatch } from '../current';
import { listWithExtraFilters } from '../filters';
import { slicePage } from '../paging';
import { answer, fail, failure, noContent, resourceAnswer } from '../respond';

// Model deployments (OCI-SPEC B.1). Create, update, activate, deactivate and delete run as work
// requests through the same runner as the console's (opc-work-request-id); the provider applies
// the shallow merge and the one-option-group-while-ACTIVE rule. The schemas are OCI's own: the
// console's BERTH_AUTOSCALING_MIN_SECONDS does not apply here.

const FILTERS = ['id', 'projectId', 'displayName', 'lifecycleState', 'createdBy'] as const;

const listQuery = z.object({
  compartmentId: z.string(),
  id: z.string().optional(),
  projectId: z.string().optional(),
  displayName: z.string().optional(),
  lifecycleState: z.enum(MODEL_DEPLOYMENT_LIFECYCLE_STATES).optional(),
  createdBy: z.string().optional(),
  limit: limitSchema.optional(),
  page: z.string().optional(),
  sortOrder: sortOrderSchema.optional(),
  sortBy: z.enum(['timeCreated', 'displayName']).optional(),
});

const shapesQuery = z.object({ compartmentId: z.string(), limit: limitSchema.optional(), page: z.string().optional() });

const deploymentId = (call: Parameters<OciHandler>[0]) => param(call, 'modelDeploymentId');

const accepted = (workRequestId: string) => noContent({ 'opc-work-request-id': workRequestId }, 202);

export const deploymentHandlers: Record<string, OciHandler> = {
  async createModelDeployment(call) {
    const body = parseBody(call, createModelDeploymentDetailsSchema, 'CreateModelDeploymentDetails');
    if (!body.ok) return failure(body.error);
    const created = await call.provider.createModelDeployment(body.value);
    if (!created.ok) return failure(created.error);
    const md = created.data.resource;
    return resourceAnswer(md, { 'opc-work-request-id': created.data.workRequestId, location: `/20190101/modelDeployments/${md.id}` });
  },

  async getModelDeployment(call) {
    const found = await call.provider.getModelDeployment(deploymentId(call));
    return found.ok ? resourceAnswer(found.data) : failure(found.error);
  },

  async listModelDeployments(call) {
    const q = parseListQuery(call, listQuery);
    if (!q.ok) return failure(q.error);
    // OCI: "Only one parameter other than compartmentId may also be included in a query."
    const given = FILTERS.filter((f) => q.value[f] !== undefined);
    if (given.length > 1) return fail('InvalidParameter', `Only one filter besides compartmentId may be given; this query has ${given.join(', ')}.`);
    const params = { ...listParamsOf(q.value), ...(q.value.projectId ? { projectId: q.value.projectId } : {}) };
    const page = await listWithExtraFilters(params, q.value, (p) => call.provider.listModelDeployments(p));
    return page.ok ? answer(page.data.items, pageHeaders(page.data)) : failure(page.error);
  },

  async updateModelDeployment(call) {
    const body = parseBody(call, updateModelDeploymentDetailsSchema, 'UpdateModelDeploymentDetails');
    if (!body.ok) return failure(body.error);
    const current = await currentIfMatch(call.headers, call.provider.getModelDeployment(deploymentId(call)));
    if (!current.ok) return failure(current.error);
    const done = await call.provider.updateModelDeployment(deploymentId(call), body.value);
    return done.ok ? accepted(done.data.workRequestId) : failure(done.error);
  },

  async activateModelDeployment(call) {
    const current = await currentIfMatch(call.headers, call.provider.getModelDeployment(deploymentId(call)));
    if (!current.ok) return failure(current.error);
    const done = await call.provider.activateModelDeployment(deploymentId(call));
    return done.ok ? accepted(done.data.workRequestId) : failure(done.error);
  },

  async deactivateModelDeployment(call) {
    const current = await currentIfMatch(call.headers, call.provider.getModelDeployment(deploymentId(call)));
    if (!current.ok) return failure(current.error);
    const done = await call.provider.deactivateModelDeployment(deploymentId(call));
    return done.ok ? accepted(done.data.workRequestId) : failure(done.error);
  },

  async changeModelDeploymentCompartment(call) {
    const body = parseBody(call, changeCompartmentSchema, 'ChangeModelDeploymentCompartmentDetails');
    if (!body.ok) return failure(body.error);
    const current = await currentIfMatch(call.headers, call.provider.getModelDeployment(deploymentId(call)));
    if (!current.ok) return failure(current.error);
    const moved = await call.provider.changeModelDeploymentCompartment(deploymentId(call), body.value.compartmentId);
    return moved.ok ? noContent() : failure(moved.error);
  },

  async deleteModelDeployment(call) {
    const current = await currentIfMatch(call.headers, call.provider.getModelDeployment(deploymentId(call)));
    if (!current.ok) return failure(current.error);
    const done = await call.provider.deleteModelDeployment(deploymentId(call));
    return done.ok ? accepted(done.data.workRequestId) : failure(done.error);
  },

  async listModelDeploymentShapes(call) {
    const q = parseListQuery(call, shapesQuery);
    if (!q.ok) return failure(q.error);
    const shapes = await call.provider.listModelDeploymentShapes(q.value.compartmentId);
    if (!shapes.ok) return failure(shapes.error);
    const page = slicePage(shapes.data, q.value.limit ?? 100, q.value.page ?? null);
    return page.ok ? answer(page.items, pageHeaders(page)) : failure(page.error);
  },
};
