import { errorResponse, invalidParameter, jsonResponse, requestIdOf } from '@/app/api/model-deployments/_lib/respond';
import { readJsonBody } from '@/app/api/_lib/body';
import { yamlPreviewRequestSchema } from '@/server/validation/deployment-yaml-preview';
import { parseDeploymentYaml } from '@/server/validation/deployment-yaml';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

// "Create from YAML", first step (a console extension, no OCI operation): the spec becomes the
// CreateModelDeploymentDetails it stands for, with every problem by spec path and line. Nothing
// is created; the answer is 200 whether or not the spec has problems, since finding them is the point.

// The spec itself is capped at 64 KB; JSON escaping can nearly double it.
const MAX_BODY_BYTES = 160 * 1024;

// Nothing is read or created, but only a signed-in user may use it.
export const POST = withPrincipal(async (req) => {
  const requestId = requestIdOf(req);
  const body = await readJsonBody(req, requestId, '{ yaml, modelId?, projectId?, compartmentId?, displayName? }', MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = yamlPreviewRequestSchema.safeParse(body.value);
  if (!parsed.success) return errorResponse(invalidParameter(parsed.error), requestId);
  const { yaml, ...context } = parsed.data;
  return jsonResponse(parseDeploymentYaml(yaml, context), requestId, { headers: { 'cache-control': 'no-store' } });
});
