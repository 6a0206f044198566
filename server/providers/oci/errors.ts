import * as common from 'oci-common';
import { domainError, ERROR_STATUS, err, ok, type DomainError, type ErrorCode, type Result } from '@/server/domain/result';

// OCI's answers in words: the service code, its message and the opc-request-id to quote to
// support. A provider never throws, so every SDK call goes through `call`.

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'InvalidParameter',
  401: 'NotAuthenticated',
  403: 'NotAuthorizedOrNotFound',
  404: 'NotAuthorizedOrNotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  501: 'NotImplemented',
  503: 'ServiceUnavailable',
};

const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERROR_STATUS, code);

/** The sentence a user reads for an OCI error, with what support needs to find the request. */
export function ociErrorMessage(e: Pick<common.OciError, 'statusCode' | 'serviceCode' | 'message' | 'opcRequestId'>): string {
  const text = (e.message || 'OCI gave no message.').trim();
  return `${text} (OCI ${e.serviceCode || 'error'}, HTTP ${e.statusCode}; opc-request-id ${e.opcRequestId ?? 'none'})`;
}

export function fromOciError(e: unknown, where: string): DomainError {
  if (e instanceof common.OciError) {
    // A -1 status is the SDK's own: the request never got an answer.
    if (e.statusCode <= 0) return domainError('ServiceUnavailable', `OCI could not be reached at ${where}: ${e.message}`);
    const code = isErrorCode(e.serviceCode) ? e.serviceCode : (BY_STATUS[e.statusCode] ?? (e.statusCode >= 500 ? 'InternalServerError' : 'InvalidParameter'));
    return domainError(code, ociErrorMessage(e));
  }
  // The SDK rejects a request that got no answer with a plain object: { message, requestEndpoint }.
  const cause = e instanceof Error ? e.message : e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
  const request = e && typeof e === 'object' && 'requestEndpoint' in e && typeof e.requestEndpoint === 'string' ? ` (${e.requestEndpoint})` : '';
  return domainError('ServiceUnavailable', `OCI could not be reached at ${where}: ${cause}${request}`);
}

/** Runs one SDK call; an OciError or a transport failure becomes the Result's error. */
export async function call<T>(where: string, run: () => Promise<T>): Promise<Result<T, DomainError>> {
  try {
    return ok(await run());
  } catch (e) {
    return err(fromOciError(e, where));
  }
}
