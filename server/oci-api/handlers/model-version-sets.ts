import { z } from 'zod';
import { MODEL_VERSION_SET_LIFECYCLE_STATES, MODEL_VERSION_SET_SORT_FIELDS, type ModelVersionSet } from '@/server/domain/model-version-sets';
import { createModelVersionSetSchema, updateModelVersionSetSchema } from '@/server/validation/model-version-set';
import { changeCompartmentSchema, limitSchema, pageHeaders, param, parseBody, parseListQuery, sortOrderSchema, type OciCall, type OciHandler } from '../call';
import { answer, checkIfMatch, failure, noContent, resourceAnswer, type OciOutcome } from '../respond';

// Model version sets: create, get, list, update, delete (a work request), change compartment.

const listQuery = z.object({
  compartmentId: z.string(),
  // Every set here is the user's own; SERVICE sets are OCI's, and there are none locally.
  category: z.enum(['USER', 'SERVICE']).optional(),
  id: z.string().optional(),
  projectId: z.string().optional(),
  name: z.string().optional(),
  lifecycleState: z.enum(MODEL_VERSION_SET_LIFECYCLE_STATES).optional(),
  createdBy: z.string().optional(),
  limit: limitSchema.optional(),
  page: z.string().optional(),
  sortOrder: sortOrderSchema.optional(),
  sortBy: z.enum(MODEL_VERSION_SET_SORT_FIELDS).optional(),
});

/** ModelVersionSetSummary: the set without its description. */
const toSummary = ({ description: _description, ...summary }: ModelVersionSet) => summary;

/** Reads the set, checks if-match against it, then runs the change. */
async function guarded(call: OciCall, run: (id: string) => Promise<OciOutcome>): Promise<OciOutcome> {
  const id = param(call, 'modelVersionSetId');
  const current = await call.provider.getModelVersionSet(id);
  if (!current.ok) return failure(current.error);
  const stale = checkIfMatch(call.headers, current.data);
  return stale ? failure(stale) : run(id);
}

export const modelVersionSetHandlers: Record<string, OciHandler> = {
  async createModelVersionSet(call) {
    const body = parseBody(call, createModelVersionSetSchema, 'CreateModelVersionSetDetails');
    if (!body.ok) return failure(body.error);
    const created = await call.provider.createModelVersionSet(body.value);
    return created.ok ? resourceAnswer(created.data) : failure(created.error);
  },

  async getModelVersionSet(call) {
    const found = await call.provider.getModelVersionSet(param(call, 'modelVersionSetId'));
    return found.ok ? resourceAnswer(found.data) : failure(found.error);
  },

  async listModelVersionSets(call) {
    const q = parseListQuery(call, listQuery);
    if (!q.ok) return failure(q.error);
    const { category, ...params } = q.value;
    if (category === 'SERVICE') return answer([]);
    const page = await call.provider.listModelVersionSets(params);
    return page.ok ? answer(page.data.items.map(toSummary), pageHeaders(page.data)) : failure(page.error);
  },

  async updateModelVersionSet(call) {
    const body = parseBody(call, updateModelVersionSetSchema, 'UpdateModelVersionSetDetails');
    if (!body.ok) return failure(body.error);
    return guarded(call, async (id) => {
      const updated = await call.provider.updateModelVersionSet(id, body.value);
      return updated.ok ? resourceAnswer(updated.data) : failure(updated.error);
    });
  },

  async deleteModelVersionSet(call) {
    return guarded(call, async (id) => {
      const accepted = await call.provider.deleteModelVersionSet(id);
      return accepted.ok ? noContent({ 'opc-work-request-id': accepted.data.workRequestId }, 202) : failure(accepted.error);
    });
  },

  async changeModelVersionSetCompartment(call) {
    const body = parseBody(call, changeCompartmentSchema, 'ChangeModelVersionSetCompartmentDetails');
    if (!body.ok) return failure(body.error);
    return guarded(call, async (id) => {
      const moved = await call.provider.changeModelVersionSetCompartment(id, body.value.compartmentId);
      return moved.ok ? noContent({}, 204) : failure(moved.error);
    });
  },
};
