import { z } from 'zod';
import { ERROR_STATUS } from '@/server/domain/result';
import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

const body = z.object({
  namespace: z.string().min(1).max(255),
  query: z.string().min(1).max(4000),
  startTime: z.iso.datetime({ offset: true }).optional(),
  endTime: z.iso.datetime({ offset: true }).optional(),
  resolution: z.string().regex(/^\d+[mhd]$/).optional(),
});

/** summarizeMetricsData for the console's charts: POST { namespace, query, startTime, endTime, resolution } -> MetricData[]. */
export async function POST(request: Request) {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ code: 'InvalidParameter', message: 'The request body must be JSON.' }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    return Response.json({ code: 'InvalidParameter', message: `${where}: ${issue?.message ?? 'invalid'}` }, { status: 400 });
  }
  const { namespace, query, startTime, endTime, resolution } = parsed.data;
  const result = await getAppContext().provider.summarizeMetricsData({
    namespace,
    query,
    ...(startTime ? { startTime } : {}),
    ...(endTime ? { endTime } : {}),
    ...(resolution ? { resolution } : {}),
  });
  if (!result.ok) return Response.json({ code: result.error.code, message: result.error.message }, { status: ERROR_STATUS[result.error.code] });
  return Response.json(result.data);
}
