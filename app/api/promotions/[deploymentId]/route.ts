import { z } from 'zod';
import { getAppContext } from '@/server/services/context';
import { ERROR_STATUS } from '@/server/domain/result';
import { withPrincipal } from '@/app/api/_lib/with-principal';
import { ocidSchema } from '@/server/validation/common';
import { authorizePromotion, promotionsServiceOf } from '@/server/services/promotions';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment') });

/** The promote dialog polls this: the OCI create work request and the OCI deployment's state. */
export const GET = withPrincipal(async (_req: Request, { params }: { params: Promise<{ deploymentId: string }> }) => {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return Response.json({ code: 'InvalidParameter', message: 'Bad model deployment id.' }, { status: 400 });
  const ctx = getAppContext();
  const allowed = await authorizePromotion(ctx, parsed.data.deploymentId);
  if (!allowed.ok) return Response.json(allowed.error, { status: ERROR_STATUS[allowed.error.code] });
  const progress = await promotionsServiceOf(ctx).progress(parsed.data.deploymentId);
  if (!progress.ok) return Response.json(progress.error, { status: ERROR_STATUS[progress.error.code] });
  return Response.json(progress.data);
});
