import { z } from 'zod';
import { MODEL_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { createModelSchema, updateModelSchema } from '@/server/validation/model';
import { changeCompartmentSchema, limitSchema, listParamsOf, pageHeaders, param, parseBody, parseListQuery, sortOrderSchema, type OciHandler } from '../call';
import { currentIfMatch } from '../current';
import { listWithExtraFilters } from '../filters';
import { answer, fail, failure, noContent, resourceAnswer } from '../respond';

// Models (OCI-SPEC B.3): synchronous create, get, list, update, delete, activate, deactivate and
// change compartment. The artifact operations are in ./artifacts.ts.

const listQuery = z.object({
  compartmentId: z.string(),
  id: z.string().optional(),
  projectId: z.string().optional(),
  displayName: z.string().optional(),
  lifecycleState: z.enum(MODEL_LIFECYCLE_STATES).optional(),
  createdBy: z.string().optional(),
  modelVersionSetName: z.string().optional(),
  versionLabel: z.string().optional(),
  category: z.enum(['USER', 'SERVICE']).optional(),
  limit: limitSchema.optional(),
  page: z.string().optional(),
  sortOrder: sortOrderSchema.optional(),
  sortBy: z.enum(['timeCreated', 'displayName', 'lifecycleState']).optional(),
});

const modelId = (call: Parameters<OciHandler>[0]) => param(call, 'modelId');

export const modelHandlers: Record<string, OciHandler> = {
  async createModel(call) {
    const body = parseBody(call, createModelSchema, 'CreateModelDetails');
    if (!body.ok) return failure(body.error);
    const created = await call.provider.createModel(body.value);
    return created.ok ? resourceAnswer(created.data) : failure(created.error);
  },

  async getModel(call) {
    const found = await call.provider.getModel(modelId(call));
    return found.ok ? resourceAnswer(found.data) : failure(found.error);
  },

  async listModels(call) {
    const q = parseListQuery(call, listQuery);
    if (!q.ok) return failure(q.error);
    const { sortBy, ...rest } = q.value;
    if (sortBy === 'lifecycleState') return fail('InvalidParameter', 'sortBy=lifecycleState is not offered by the local provider; use timeCreated or displayName.');
    // Every model here is a user's own: no SERVICE model matches.
    if (q.value.category === 'SERVICE') return answer([]);
    const params = {
      ...listParamsOf({ ...rest, ...(sortBy ? { sortBy } : {}) }),
      ...(q.value.projectId ? { projectId: q.value.projectId } : {}),
      ...(q.value.modelVersionSetName ? { modelVersionSetName: q.value.modelVersionSetName } : {}),
      ...(q.value.versionLabel ? { versionLabel: q.value.versionLabel } : {}),
    };
    const page = await listWithExtraFilters(params, q.value, (p) => call.provider.listModels(p));
    return page.ok ? answer(page.data.items, pageHeaders(page.data)) : failure(page.error);
  },

  async updateModel(call) {
    const body = parseBody(call, updateModelSchema, 'UpdateModelDetails');
    if (!body.ok) return failure(body.error);
    const current = await currentIfMatch(call.headers, call.provider.getModel(modelId(call)));
    if (!current.ok) return failure(current.error);
    const updated = await call.provider.updateModel(modelId(call), body.value);
    return updated.ok ? resourceAnswer(updated.data) : failure(updated.error);
  },

  async deleteModel(call) {
    const current = await currentIfMatch(call.headers, call.provider.getModel(modelId(call)));
    if (!current.ok) return failure(current.error);
    const deleted = await call.provider.deleteModel(modelId(call));
    return deleted.ok ? noContent() : failure(deleted.error);
  },

  async activateModel(call) {
    const current = await currentIfMatch(call.headers, call.provider.getModel(modelId(call)));
    if (!current.ok) return failure(current.error);
    const done = await call.provider.activateModel(modelId(call));
    return done.ok ? resourceAnswer(done.data) : failure(done.error);
  },

  async deactivateModel(call) {
    const current = await currentIfMatch(call.headers, call.provider.getModel(modelId(call)));
    if (!current.ok) return failure(current.error);
    const done = await call.provider.deactivateModel(modelId(call));
    return done.ok ? resourceAnswer(done.data) : failure(done.error);
  },

  async changeModelCompartment(call) {
    const body = parseBody(call, changeCompartmentSchema, 'ChangeModelCompartmentDetails');
    if (!body.ok) return failure(body.error);
    const current = await currentIfMatch(call.headers, call.provider.getModel(modelId(call)));
    if (!current.ok) return failure(current.error);
    const moved = await call.provider.changeModelCompartment(modelId(call), body.value.compartmentId);
    return moved.ok ? noContent() : failure(moved.error);
  },

  async getModelProvenance(call) {
    const found = await call.provider.getModelProvenance(modelId(call));
    return found.ok ? resourceAnswer(found.data) : failure(found.error);
  },
};
