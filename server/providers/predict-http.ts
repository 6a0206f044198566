import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { PredictAnswer } from './types';

// The HTTP half of predictModelDeployment, the same for every provider: one POST, timed, and
// whatever came back reported as it was. Only how the request is authenticated differs.

/** `<modelDeploymentUrl>/predict`, or why the deployment's URL is not one. */
export function predictUrlOf(modelDeploymentUrl: string): Result<URL, DomainError> {
  try {
    return ok(new URL(`${modelDeploymentUrl.replace(/\/+$/, '')}/predict`));
  } catch {
    return err(domainError('InvalidParameter', `The deployment's URL "${modelDeploymentUrl}" is not a URL.`));
  }
}

const causeOf = (cause: unknown): string => {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : null;
  return inner ?? (cause instanceof Error ? cause.message : String(cause));
};

/** Sends the request; `who` names the endpoint in the error when it does not answer. */
export async function postPredict(target: URL, init: { headers: Headers; body: string; timeoutMs: number }, who: string): Promise<Result<PredictAnswer, DomainError>> {
  const started = performance.now();
  let res: globalThis.Response;
  try {
    res = await fetch(target, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(init.timeoutMs), cache: 'no-store' });
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'TimeoutError') return err(domainError('GatewayTimeout', `The predict endpoint did not answer within ${init.timeoutMs / 1000} s.`));
    return err(domainError('ServiceUnavailable', `${who} at ${target.origin} did not answer (${causeOf(cause)}).`));
  }
  const body = await res.text();
  const latencyMs = Math.round(performance.now() - started);
  const headers: PredictAnswer['headers'] = {};
  for (const name of ['opc-request-id', 'content-type', 'x-berth-fault'] as const) {
    const value = res.headers.get(name);
    if (value) headers[name] = value;
  }
  return ok({ status: res.status, latencyMs, headers, body });
}
