import { z } from 'zod';
import type { InvokeResult } from '@/components/deployments/invoke-result';
import { PREDICT_PAYLOAD_MAX_BYTES } from '@/server/domain/predict-limits';
import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { readBodyBytes } from '../../../_lib/body';
import { codeError, errorResponse, jsonResponse, requestIdOf } from '../../_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

// The invoke panel's proxy: the browser cannot call the predict endpoint cross-origin (nor sign
// for OCI), so the console forwards the JSON to <modelDeploymentUrl>/predict through the session's
// provider and reports what came back, whatever it was.

/** The predict timeout is 60 s (OCI-SPEC E); a little more lets the gateway give its own answer. */
const TIMEOUT_MS = 65_000;

const payloadSchema = z.string().transform((text, ctx) => {
  try {
    JSON.parse(text);
  } catch (cause) {
    ctx.addIssue({ code: 'custom', message: `The request body is not valid JSON: ${(cause as Error).message}` });
    return z.NEVER;
  }
  return text;
});

export const POST = withPrincipal(async (req: Request, { params }: { params: Promise<{ deploymentId: string }> }) => {
  const requestId = requestIdOf(req);
  const { deploymentId } = await params;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment')) {
    return errorResponse(codeError('NotAuthorizedOrNotFound', `Model deployment ${deploymentId} was not found.`), requestId);
  }
  // The predict payload limit (10 MB), not the API's 1 MB: this is a prediction's body.
  const raw = await readBodyBytes(req, requestId, PREDICT_PAYLOAD_MAX_BYTES, 'The payload');
  if (!raw.ok) return raw.response;
  const payload = payloadSchema.safeParse(raw.value.toString('utf8'));
  if (!payload.success) return errorResponse(codeError('InvalidParameter', payload.error.issues[0]?.message ?? 'The request body is not valid JSON.'), requestId);

  // The session's provider sends it as its endpoint takes it (the local gateway, or OCI's signed
  // request); predict is use on the deployment, checked there.
  const answer = await getAppContext().provider.predictModelDeployment(deploymentId, { body: payload.data, requestId, timeoutMs: TIMEOUT_MS });
  // An endpoint that did not answer is a 503 or a 504 with the reason; an answer of any status is reported below.
  if (!answer.ok) return errorResponse(answer.error, requestId);
  const { status, latencyMs, headers, body: text } = answer.data;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : text;
  } catch {
    // Not JSON: the text is shown as it came.
  }
  const result: InvokeResult = { status, latencyMs, headers, body };
  return jsonResponse(result, requestId);
});
