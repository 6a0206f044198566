import { createOciApi } from '@/server/oci-api/api';
import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

// The OCI-compatible Data Science API on the console's port: point the SDK's client.endpoint at
// http://<console>/ (it appends /20190101). Every method goes to the one signed front door.

let api: ((req: Request) => Promise<Response>) | null = null;

/** Read by scripts/lib/console-server.mjs, which puts it back as content-length after Next drops that. */
const CONTENT_LENGTH_RELAY = 'x-berth-content-length';

async function handle(req: Request): Promise<Response> {
  if (!api) {
    const ctx = getAppContext();
    // This installation's own API: always the local provider, whatever context a browser chose.
    api = createOciApi({ db: ctx.db, provider: ctx.contexts.local.provider, tenancyId: ctx.installation.tenancyId, rateLimit: ctx.config.ociApiRateLimit });
  }
  const res = await api(req);
  const length = res.headers.get('content-length');
  if (length !== null) res.headers.set(CONTENT_LENGTH_RELAY, length);
  return res;
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as HEAD, handle as PATCH };
