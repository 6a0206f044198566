import { z } from 'zod';
import { PROJECT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { createProjectSchema, updateProjectSchema } from '@/server/validation/project';
import { optionalDisplayNameSchema } from '@/server/validation/common';
import { changeCompartmentSchema, limitSchema, listParamsOf, pageHeaders, param, parseBody, parseListQuery, sortOrderSchema, type OciHandler } from '../call';
import { listWithExtraFilters } from '../filters';
import { checkIfMatch, failure, noContent, resourceAnswer, answer } from '../respond';

// Projects (OCI-SPEC B.2): create, get, list, update, delete (a work request), change compartment.

const listQuery = z.object({
  compartmentId: z.string(),
  id: z.string().optional(),
  displayName: z.string().optional(),
  lifecycleState: z.enum(PROJECT_LIFECYCLE_STATES).optional(),
  createdBy: z.string().optional(),
  limit: limitSchema.optional(),
  page: z.string().optional(),
  sortOrder: sortOrderSchema.optional(),
  sortBy: z.enum(['timeCreated', 'displayName']).optional(),
});

// The API, unlike the console's form, names an unnamed project itself.
const createBody = createProjectSchema.extend({ displayName: optionalDisplayNameSchema });

export const projectHandlers: Record<string, OciHandler> = {
  async createProject(call) {
    const body = parseBody(call, createBody, 'CreateProjectDetails');
    if (!body.ok) return failure(body.error);
    const created = await call.provider.createProject(body.value);
    return created.ok ? resourceAnswer(created.data) : failure(created.error);
  },

  async getProject(call) {
    const found = await call.provider.getProject(param(call, 'projectId'));
    return found.ok ? resourceAnswer(found.data) : failure(found.error);
  },

  async listProjects(call) {
    const q = parseListQuery(call, listQuery);
    if (!q.ok) return failure(q.error);
    const page = await listWithExtraFilters(listParamsOf(q.value), q.value, (p) => call.provider.listProjects(p));
    return page.ok ? answer(page.data.items, pageHeaders(page.data)) : failure(page.error);
  },

  async updateProject(call) {
    const id = param(call, 'projectId');
    const body = parseBody(call, updateProjectSchema, 'UpdateProjectDetails');
    if (!body.ok) return failure(body.error);
    const current = await call.provider.getProject(id);
    if (!current.ok) return failure(current.error);
    const stale = checkIfMatch(call.headers, current.data);
    if (stale) return failure(stale);
    const updated = await call.provider.updateProject(id, body.value);
    return updated.ok ? resourceAnswer(updated.data) : failure(updated.error);
  },

  async deleteProject(call) {
    const id = param(call, 'projectId');
    const current = await call.provider.getProject(id);
    if (!current.ok) return failure(current.error);
    const stale = checkIfMatch(call.headers, current.data);
    if (stale) return failure(stale);
    const accepted = await call.provider.deleteProject(id);
    return accepted.ok ? noContent({ 'opc-work-request-id': accepted.data.workRequestId }, 202) : failure(accepted.error);
  },

  async changeProjectCompartment(call) {
    const id = param(call, 'projectId');
    const body = parseBody(call, changeCompartmentSchema, 'ChangeProjectCompartmentDetails');
    if (!body.ok) return failure(body.error);
    const current = await call.provider.getProject(id);
    if (!current.ok) return failure(current.error);
    const stale = checkIfMatch(call.headers, current.data);
    if (stale) return failure(stale);
    const moved = await call.provider.changeProjectCompartment(id, body.value.compartmentId);
    return moved.ok ? noContent({}, 204) : failure(moved.error);
  },
};
