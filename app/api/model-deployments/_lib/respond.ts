import type { z } from 'zod';
import { fieldErrorsOf, firstIssueText } from '@/server/domain/field-errors';
import { ERROR_STATUS, type DomainError, type ErrorCode } from '@/server/domain/result';
import { newOpcRequestId } from '@/server/gateway/request-id';

// OCI's REST conventions: errors as {"code","message"} with the matching HTTP status, and an
// opc-request-id on every answer (the client's own when it sent one it can be echoed).

const ECHOABLE = /^[\x21-\x7e]{1,128}$/;

export function requestIdOf(req: Request): string {
  const given = req.headers.get('opc-request-id');
  return given && ECHOABLE.test(given) ? given : newOpcRequestId();
}

export function jsonResponse(body: unknown, requestId: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { 'opc-request-id': requestId, ...init.headers } });
}

export function errorResponse(error: DomainError, requestId: string): Response {
  const body = { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  return jsonResponse(body, requestId, { status: ERROR_STATUS[error.code] });
}

export const codeError = (code: ErrorCode, message: string): DomainError => ({ code, message });

/** The first zod issue as OCI's InvalidParameter, naming the field: "modelDeploymentConfigurationDetails...: ...". */
export function invalidParameter(error: z.ZodError): DomainError {
  return { code: 'InvalidParameter', message: firstIssueText(error.issues, 'The request is not valid.'), fieldErrors: fieldErrorsOf(error.issues, { fallback: 'body' }) };
}
