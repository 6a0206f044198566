import { z } from 'zod';
import { getAppContext } from '@/server/services/context';
import { ERROR_STATUS } from '@/server/domain/result';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(255) });

/** The console polls this while a work request runs: status, progress, log lines and errors. */
export const GET = withPrincipal(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return Response.json({ code: 'InvalidParameter', message: 'Bad work request id.' }, { status: 400 });
  const { provider } = getAppContext();
  const [wr, logs, errors, estimate] = await Promise.all([
    provider.getWorkRequest(parsed.data.id),
    provider.listWorkRequestLogs(parsed.data.id, { limit: 100 }),
    provider.listWorkRequestErrors(parsed.data.id, { limit: 100 }),
    provider.estimateWorkRequest?.(parsed.data.id) ?? null,
  ]);
  if (!wr.ok) return Response.json(wr.error, { status: ERROR_STATUS[wr.error.code] });
  return Response.json({
    workRequest: wr.data,
    logs: logs.ok ? logs.data.items : [],
    errors: errors.ok ? errors.data.items : [],
    estimate,
  });
});
