import { createOciApi } from '@/server/oci-api/api';
import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

// The OCI-compatible Data Science API on the console's port: point the SDK's client.endpoint at
// http://<console>/ (it appends /20190101). Every method goes to the one signed front door.

let api: ((req: Request) => Promise<Response>) | null = null;

function handle(req: Request): Promise<Response> {
  if (!api) {
    const ctx = getAppContext();
    api = createOciApi({ db: ctx.db, provider: ctx.provider, tenancyId: ctx.installation.tenancyId });
  }
  return api(req);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as HEAD, handle as PATCH };
