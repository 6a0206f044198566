import { createMonitoringApi } from '@/server/oci-api/monitoring';
import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

// OCI Monitoring (metrics and alarms) on the console's port: point
// oci-monitoring's client.endpoint at http://<console>/ (it appends /20180401).

let api: ((req: Request) => Promise<Response>) | null = null;

async function handle(req: Request): Promise<Response> {
  if (!api) {
    const ctx = getAppContext();
    // This installation's own API: always the local provider, whatever context a browser chose.
    api = createMonitoringApi({ db: ctx.db, provider: ctx.contexts.local.provider, tenancyId: ctx.installation.tenancyId, region: ctx.config.region });
  }
  return api(req);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
