import { z } from 'zod';
import { ERROR_STATUS } from '@/server/domain/result';
import { getAppContext } from '@/server/services/context';
import { MAX_MQL_LENGTH } from '@/server/domain/mql';
import { readJsonBody } from '../_lib/body';
import { requestIdOf } from '../model-deployments/_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

const body = z.object({
  namespace: z.string().min(1).max(255),
  query: z.string().min(1).max(MAX_MQL_LENGTH),
  startTime: z.iso.datetime({ offset: true }).optional(),
  endTime: z.iso.datetime({ offset: true }).optional(),
  resolution: z.string().regex(/^\d+[mhd]$/).optional(),
});

/** summarizeMetricsData for the console's charts: POST { namespace, query, startTime, endTime, resolution } -> MetricData[]. */
export const POST = withPrincipal(async (request) => {
  const json = await readJsonBody(request, requestIdOf(request), 'SummarizeMetricsDataDetails');
  if (!json.ok) return json.response;
  const parsed = body.safeParse(json.value);
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
});
