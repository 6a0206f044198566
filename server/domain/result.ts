import type { StartupFailure } from './startup-failure';

// The one return type of providers and services: expected failures are values, not throws.
export type Result<T, E = DomainError> = { ok: true; data: T } | { ok: false; error: E };

export const ok = <T>(data: T): Result<T, never> => ({ ok: true, data });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

// OCI error codes (OCI-SPEC B) with the HTTP status the REST surface answers with.
export const ERROR_STATUS = {
  InvalidParameter: 400,
  MissingParameter: 400,
  NotAuthenticated: 401,
  NotAuthorizedOrNotFound: 404,
  // A browser request from another site, or to a host name this console does not serve.
  Forbidden: 403,
  IncorrectState: 409,
  Conflict: 409,
  PreconditionFailed: 412,
  // OCI's answer when a request would pass a limit of the tenancy (here: the data quota).
  LimitExceeded: 400,
  TooManyRequests: 429,
  NotImplemented: 501,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  // A predict endpoint that did not answer in time (OCI's 60 s, OCI-SPEC E).
  GatewayTimeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure whose message is fit to show the user. */
export interface DomainError {
  code: ErrorCode;
  message: string;
  /** Per-field problems, keyed by dotted path, for forms. */
  fieldErrors?: Record<string, string>;
  /** Why an instance failed to start, named (class, excerpt, hint): work requests record it. */
  failure?: StartupFailure;
}

export const domainError = (
  code: ErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
): DomainError => (fieldErrors ? { code, message, fieldErrors } : { code, message });

export const notFound = (kind: string, id: string): DomainError =>
  domainError('NotAuthorizedOrNotFound', `${kind} ${id} was not found.`);

/** A named startup failure as the error of a work request's handler. */
export const startupError = (failure: StartupFailure): DomainError => ({ code: 'InternalServerError', message: failure.message, failure });
