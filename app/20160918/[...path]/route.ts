import { createV20160918ApiOf } from '@/server/services/oci-service-apis';
import { getAppContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

// OCI Identity (compartments, tenancy) and Artifacts (container images) on the console's port:
// point oci-identity's IdentityClient or oci-artifacts' ArtifactsClient endpoint at
// http://<console>/ (each appends /20160918). Signed as /20190101 is.

let api: ((req: Request) => Promise<Response>) | null = null;

async function handle(req: Request): Promise<Response> {
  // This installation's own data: always the local side, whatever context a browser chose.
  api ??= createV20160918ApiOf(getAppContext());
  return api(req);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as HEAD, handle as PATCH };
