import * as common from 'oci-common';

// Exit codes a CI job can branch on, and one error type that carries its code and the lines to print.

export const EXIT = {
  ok: 0,
  /** The operation ran and failed: a work request FAILED or CANCELED, a non-2xx answer, a timeout. */
  failed: 1,
  /** The command line or the spec is wrong; nothing was sent that changes anything. */
  usage: 2,
  notFound: 3,
  auth: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** More lines under the message: each spec problem, the usage line, the work request's errors. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string, usage: string) {
    super(message, EXIT.usage, [`usage: ${usage}`]);
  }
}

/** The exit code an HTTP status maps to: 401 and 403 are auth, 404 not found, the rest a failure. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  return EXIT.failed;
}

/** OCI's code, message and opc-request-id, as a CI log should show them. */
export function ociFailure(what: string, status: number, code: string, message: string, opcRequestId: string | null): CliError {
  const lines = opcRequestId ? [`opc-request-id: ${opcRequestId}`] : [];
  return new CliError(`${what} failed: ${status} ${code}: ${message}`, exitCodeForStatus(status), lines);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function connectionCode(e: unknown): string | null {
  for (let cause: unknown = e, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** Any failure of an SDK call or fetch as a CliError; a CliError passes through. */
export function toCliError(e: unknown, what: string, endpoint: string | undefined): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof common.OciError) {
    // The SDK reports a refused connection as an OciError with status -1.
    if (e.statusCode > 0) return ociFailure(what, e.statusCode, e.serviceCode, e.message, e.opcRequestId);
    return new CliError(`${what} failed: cannot reach ${endpoint ?? e.requestEndpoint}: ${e.message}`, EXIT.failed);
  }
  const code = connectionCode(e);
  if (code) return new CliError(`${what} failed: cannot reach ${endpoint ?? 'the service'} (${code}).`, EXIT.failed);
  // Without an answer the SDK rejects with a plain object: { message: 'fetch failed', requestEndpoint }.
  const plain = e as { message?: unknown; requestEndpoint?: unknown } | null;
  if (plain && typeof plain === 'object' && !(e instanceof Error) && typeof plain.message === 'string') {
    const target = endpoint ?? (typeof plain.requestEndpoint === 'string' ? plain.requestEndpoint : 'the service');
    return new CliError(`${what} failed: cannot reach ${target} (${plain.message}).`, EXIT.failed);
  }
  return new CliError(`${what} failed: ${e instanceof Error ? e.message : String(e)}`, EXIT.failed);
}
