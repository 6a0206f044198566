import { getAppContext } from '@/server/services/context';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { isOcid } from '@/server/domain/ocid';
import { codeError, errorResponse, jsonResponse, requestIdOf } from '../_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ deploymentId: string }> };

async function idOf(ctx: Ctx): Promise<{ id: string; valid: boolean }> {
  const { deploymentId } = await ctx.params;
  return { id: deploymentId, valid: isOcid(deploymentId, 'datasciencemodeldeployment') };
}

const notFound = (id: string, requestId: string) =>
  errorResponse(codeError('NotAuthorizedOrNotFound', `Model deployment ${id.slice(0, 255)} was not found.`), requestId);

/** GetModelDeployment. */
export const GET = withPrincipal(async (req: Request, ctx: Ctx) => {
  const requestId = requestIdOf(req);
  const { id, valid } = await idOf(ctx);
  if (!valid) return notFound(id, requestId);
  const md = await deploymentsServiceOf(getAppContext()).get(id);
  return md.ok ? jsonResponse(md.data, requestId) : errorResponse(md.error, requestId);
});

/** DeleteModelDeployment: 202, no body, the work request in opc-work-request-id. */
export const DELETE = withPrincipal(async (req: Request, ctx: Ctx) => {
  const requestId = requestIdOf(req);
  const { id, valid } = await idOf(ctx);
  if (!valid) return notFound(id, requestId);
  const accepted = await deploymentsServiceOf(getAppContext()).remove(id);
  if (!accepted.ok) return errorResponse(accepted.error, requestId);
  return new Response(null, { status: 202, headers: { 'opc-request-id': requestId, 'opc-work-request-id': accepted.data.workRequestId } });
});
