import { ARTIFACTS_OPERATIONS } from './service-operations';
import { artifactsHandlers, type ArtifactsApiDeps } from './artifacts';
import { IDENTITY_SERVICE, identityHandlers, type IdentityApiDeps } from './identity';
import { createServiceApi } from './service-api';
import type { FrontDoorDeps } from './signed-front-door';

// /20160918 is two OCI services' version: Identity (compartments, tenancies) and Artifacts
// (container images). Their paths do not overlap, so the first segment says which one answers.

const ARTIFACTS_ROOTS = new Set(['container', 'repositories', 'generic']);

export function createV20160918Api(door: FrontDoorDeps, identity: IdentityApiDeps, artifacts: ArtifactsApiDeps): (req: Request) => Promise<Response> {
  const identityApi = createServiceApi(door, { ...IDENTITY_SERVICE, handlers: identityHandlers(identity) });
  const artifactsApi = createServiceApi(door, { prefix: IDENTITY_SERVICE.prefix, service: 'Artifacts', operations: ARTIFACTS_OPERATIONS, maxBodyBytes: 64 * 1024, handlers: artifactsHandlers(artifacts) });
  return (req) => {
    const first = new URL(req.url).pathname.slice(IDENTITY_SERVICE.prefix.length).split('/').filter(Boolean)[0] ?? '';
    return ARTIFACTS_ROOTS.has(first) ? artifactsApi(req) : identityApi(req);
  };
}
