import { z } from 'zod';
import { ERROR_STATUS } from '@/server/domain/result';
import { readUpdatePlan } from '@/server/services/update-plans';
import { getAppContext } from '@/server/services/context';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ planId: z.uuid() });

/** The edit page polls this while an update plan runs: each step's status and work request. */
export const GET = withPrincipal(async (_req: Request, { params }: { params: Promise<{ planId: string }> }) => {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return Response.json({ code: 'InvalidParameter', message: 'Bad update plan id.' }, { status: 400 });
  const plan = await readUpdatePlan(getAppContext(), parsed.data.planId);
  if (!plan.ok) return Response.json(plan.error, { status: ERROR_STATUS[plan.error.code] });
  return Response.json(plan.data);
});
