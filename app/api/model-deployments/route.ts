import { z } from 'zod';
import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES } from '@/server/domain/oci-types';
import { ocidSchema } from '@/server/validation/common';
import { createModelDeploymentDetailsSchema } from '@/server/validation/deployment';
import { readJsonBody } from '../_lib/body';
import { errorResponse, invalidParameter, jsonResponse, requestIdOf } from './_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

// The start of the OCI-compatible API: CreateModelDeployment and ListModelDeployments with the
// SDK's JSON shapes, status codes and headers (OCI-SPEC B.1).

const listQuerySchema = z.object({
  compartmentId: ocidSchema('compartment'),
  projectId: ocidSchema('datascienceproject').optional(),
  displayName: z.string().min(1).max(255).optional(),
  lifecycleState: z.enum(MODEL_DEPLOYMENT_LIFECYCLE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  page: z.string().min(1).max(200).optional(),
  sortBy: z.enum(['timeCreated', 'displayName']).optional(),
  sortOrder: z.enum(['ASC', 'DESC']).optional(),
});

export const GET = withPrincipal(async (req) => {
  const requestId = requestIdOf(req);
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) return errorResponse(invalidParameter(parsed.error), requestId);
  const q = parsed.data;
  const page = await deploymentsServiceOf(getAppContext()).list({
    compartmentId: q.compartmentId,
    ...(q.projectId ? { projectId: q.projectId } : {}),
    ...(q.displayName ? { displayName: q.displayName } : {}),
    ...(q.lifecycleState ? { lifecycleState: q.lifecycleState } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.page ? { page: q.page } : {}),
    ...(q.sortBy ? { sortBy: q.sortBy } : {}),
    ...(q.sortOrder ? { sortOrder: q.sortOrder } : {}),
  });
  if (!page.ok) return errorResponse(page.error, requestId);
  const headers: Record<string, string> = {};
  if (page.data.nextPage !== undefined) headers['opc-next-page'] = page.data.nextPage;
  if (page.data.prevPage) headers['opc-prev-page'] = page.data.prevPage;
  return jsonResponse(page.data.items, requestId, { headers });
});

export const POST = withPrincipal(async (req) => {
  const requestId = requestIdOf(req);
  const body = await readJsonBody(req, requestId, 'CreateModelDeploymentDetails');
  if (!body.ok) return body.response;
  const parsed = createModelDeploymentDetailsSchema.safeParse(body.value);
  if (!parsed.success) return errorResponse(invalidParameter(parsed.error), requestId);
  const created = await deploymentsServiceOf(getAppContext()).create(parsed.data);
  if (!created.ok) return errorResponse(created.error, requestId);
  const md = created.data.resource;
  return jsonResponse(md, requestId, {
    headers: { 'opc-work-request-id': created.data.workRequestId, location: `/api/model-deployments/${md.id}` },
  });
});
