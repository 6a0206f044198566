import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { createFaultsService } from '@/server/services/faults';
import { readJsonBody } from '../../../_lib/body';
import { codeError, errorResponse, jsonResponse, requestIdOf } from '../../_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

// Fault injection (local provider): GET lists the faults on and the recently ended ones; POST turns
// one on, e.g. {"kind":"ERROR_RATE","percent":30,"status":503,"durationSeconds":300}. Answers 201
// with the fault and the work request that records it in opc-work-request-id.

type Ctx = { params: Promise<{ deploymentId: string }> };

/** A fault is a handful of fields; anything bigger is not one. */
const MAX_BODY_BYTES = 4096;

const notFound = (id: string, requestId: string) => errorResponse(codeError('NotAuthorizedOrNotFound', `Model deployment ${id} was not found.`), requestId);

export const GET = withPrincipal(async (req: Request, ctx: Ctx) => {
  const requestId = requestIdOf(req);
  const { deploymentId } = await ctx.params;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment')) return notFound(deploymentId, requestId);
  const faults = await createFaultsService((await getAppContext().session()).provider).list(deploymentId);
  return faults.ok ? jsonResponse({ items: faults.data }, requestId) : errorResponse(faults.error, requestId);
});

export const POST = withPrincipal(async (req: Request, ctx: Ctx) => {
  const requestId = requestIdOf(req);
  const { deploymentId } = await ctx.params;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment')) return notFound(deploymentId, requestId);
  const body = await readJsonBody(req, requestId, 'a fault, e.g. {"kind":"LATENCY","ms":200,"durationSeconds":60}', MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const started = await createFaultsService((await getAppContext().session()).provider).start(deploymentId, body.value);
  if (!started.ok) return errorResponse(started.error, requestId);
  return jsonResponse(started.data.fault, requestId, { status: 201, headers: { 'opc-work-request-id': started.data.workRequestId } });
});
