import { CONSOLE_TOKEN_HEADER, consoleToken } from '@/server/gateway/console-token';
import { z } from 'zod';
import type { InvokeResult } from '@/components/deployments/invoke-result';
import { PREDICT_PAYLOAD_MAX_BYTES } from '@/server/domain/predict-limits';
import { isOcid } from '@/server/domain/ocid';
import { errorMessage } from '@/server/gateway/errors';
import { getAppContext } from '@/server/services/context';
import { authorizeDeployment } from '@/server/services/identity/access';
import { readBodyBytes } from '../../../_lib/body';
import { codeError, errorResponse, jsonResponse, requestIdOf } from '../../_lib/respond';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

// The invoke panel's proxy: the browser cannot call the gateway cross-origin, so the console
// forwards the JSON to <modelDeploymentUrl>/predict and reports what came back, whatever it was.

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

  // Predict is use on the deployment (OCI's permission table), not just read.
  const allowed = await authorizeDeployment(getAppContext(), 'use', deploymentId);
  if (!allowed.ok) return errorResponse(allowed.error, requestId);
  const md = allowed.data.deployment;
  let target: URL;
  try {
    target = new URL(`${md.modelDeploymentUrl}/predict`);
  } catch {
    return errorResponse(codeError('InvalidParameter', `The deployment's URL "${md.modelDeploymentUrl}" is not a URL.`), requestId);
  }
  // Only the local gateway: this route must never become a way to reach other hosts.
  if (target.hostname !== '127.0.0.1' || target.protocol !== 'http:') {
    return errorResponse(codeError('InvalidParameter', `The console only forwards to the local gateway on 127.0.0.1, not to ${target.origin}.`), requestId);
  }

  const started = performance.now();
  let res: globalThis.Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      // The console checked the caller's use of the deployment; the gateway takes its word by the token.
      headers: { 'content-type': 'application/json', accept: 'application/json', 'opc-request-id': requestId, [CONSOLE_TOKEN_HEADER]: consoleToken(getAppContext().config.dataDir) },
      body: payload.data,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    return jsonResponse(
      {
        code: timedOut ? 'GatewayTimeout' : 'ServiceUnavailable',
        message: timedOut
          ? `The predict endpoint did not answer within ${TIMEOUT_MS / 1000} s.`
          : `The gateway at ${target.origin} did not answer (${errorMessage(cause)}). It runs beside the console: restart it with \`npm start\`.`,
      },
      requestId,
      { status: timedOut ? 504 : 503 },
    );
  }
  const text = await res.text();
  const latencyMs = Math.round(performance.now() - started);
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : text;
  } catch {
    // Not JSON: the text is shown as it came.
  }
  const opcRequestId = res.headers.get('opc-request-id');
  const contentType = res.headers.get('content-type');
  const fault = res.headers.get('x-berth-fault');
  const result: InvokeResult = {
    status: res.status,
    latencyMs,
    headers: { ...(opcRequestId ? { 'opc-request-id': opcRequestId } : {}), ...(contentType ? { 'content-type': contentType } : {}), ...(fault ? { 'x-berth-fault': fault } : {}) },
    body,
  };
  return jsonResponse(result, requestId);
});
