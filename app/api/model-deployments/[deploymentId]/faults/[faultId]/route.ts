import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { createFaultsService } from '@/server/services/faults';
import { codeError, errorResponse, jsonResponse, requestIdOf } from '../../../_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ deploymentId: string; faultId: string }> };

const FAULT_ID = /^fault-[0-9a-f]{12}$/;

/** Turns a fault off before its time; the work request that records it is in opc-work-request-id. */
export const DELETE = withPrincipal(async (req: Request, ctx: Ctx) => {
  const requestId = requestIdOf(req);
  const { deploymentId, faultId } = await ctx.params;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment') || !FAULT_ID.test(faultId)) {
    return errorResponse(codeError('NotAuthorizedOrNotFound', 'No such fault on this model deployment.'), requestId);
  }
  const stopped = await createFaultsService((await getAppContext().session()).provider).stop(deploymentId, faultId);
  if (!stopped.ok) return errorResponse(stopped.error, requestId);
  return jsonResponse(stopped.data.fault, requestId, { headers: { 'opc-work-request-id': stopped.data.workRequestId } });
});
