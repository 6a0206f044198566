import { createLoggingSearchApiOf } from '@/server/services/oci-service-apis';
import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

// OCI Logging search on the console's port: point oci-loggingsearch's LogSearchClient endpoint at
// http://<console>/ (it appends /20190909). Signed as /20190101 is.

let api: ((req: Request) => Promise<Response>) | null = null;

async function handle(req: Request): Promise<Response> {
  // This installation's own logs: always the local side, whatever context a browser chose.
  api ??= createLoggingSearchApiOf(getAppContext());
  return api(req);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
