import { errorResponse } from './api';
import type { OciOperation } from './operations';
import { createOperationMatcher } from './router';
import { plainError, admitSigned, requestIdOf, type FrontDoorDeps, type SignedRequest } from './signed-front-door';
import type { DomainError, Result } from '@/server/domain/result';

// One OCI service's API on the console's port, as /20190101 is: each request matched to the
// SDK operation it is, signed, and handled; an operation of the client that Berth does not offer
// is answered 501 naming it, so a caller learns which call is missing.

export type ServiceHandler = (req: SignedRequest, params: Record<string, string>) => Promise<Response>;

export interface ServiceApiSpec {
  /** The version prefix: `/20160918`. */
  prefix: string;
  /** The service's name in messages: "Identity". */
  service: string;
  operations: readonly OciOperation[];
  handlers: Partial<Record<string, ServiceHandler>>;
  maxBodyBytes: number;
}

export function createServiceApi(deps: FrontDoorDeps, spec: ServiceApiSpec): (req: Request) => Promise<Response> {
  const match = createOperationMatcher(spec.operations);
  return async (req) => {
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    if (!url.pathname.startsWith(spec.prefix)) return plainError(404, 'NotAuthorizedOrNotFound', `${url.pathname} is not part of the ${spec.service} API.`, requestIdOf(req));
    const found = match(method, url.pathname.slice(spec.prefix.length));
    if (found.kind === 'unknown') return plainError(404, 'NotAuthorizedOrNotFound', `No operation of the ${spec.service} API has the path ${url.pathname}.`, requestIdOf(req));
    if (found.kind === 'method-not-allowed') {
      return plainError(405, 'MethodNotAllowed', `${method} is not an operation on ${url.pathname}; allowed: ${found.allowed.join(', ')}.`, requestIdOf(req), { allow: found.allowed.join(', ') });
    }
    const signed = await admitSigned(deps, req, spec.maxBodyBytes);
    if (signed instanceof Response) return signed;
    const { name, params } = found.operation;
    const handler = spec.handlers[name];
    if (!handler) return plainError(501, 'NotImplemented', `The operation ${name} of the ${spec.service} API is not offered by the local provider.`, signed.requestId);
    try {
      return await handler(signed, params);
    } catch (cause) {
      console.error(`OCI ${spec.service} API ${name} failed`, cause);
      return plainError(500, 'InternalServerError', 'The operation failed on the server. The details are in the server log.', signed.requestId);
    }
  };
}

/** A Result's error as OCI's error answer; its data to the caller otherwise. */
export function orError<T>(r: Result<T, DomainError>, requestId: string, answer: (data: T) => Response): Response {
  return r.ok ? answer(r.data) : errorResponse(r.error, requestId);
}
