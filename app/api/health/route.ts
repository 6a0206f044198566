import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

export function GET() {
  const ctx = getAppContext();
  return Response.json({ status: 'ok', provider: ctx.provider.kind, region: ctx.config.region });
}
