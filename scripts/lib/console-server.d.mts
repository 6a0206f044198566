import type http from 'node:http';

export interface ConsoleLimits {
  headersTimeoutMs: number;
  bodyWindowMs: number;
  minBodyBytes: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  checkIntervalMs: number;
}

export interface ConsoleServerOptions {
  /** Host header names answered (default: loopback); any other gets 403. */
  allowedHosts?: ReadonlySet<string>;
  /** Behind a TLS proxy: X-Forwarded-Host is checked too, and kept for Next. */
  trustForwardedHost?: boolean;
  tls?: { cert: Buffer; key: Buffer };
}

export const CONSOLE_LIMITS: ConsoleLimits;
export const CLIENT_ADDRESS_HEADER: string;
export function literalizeBadEscapes(url: string): string;
export function isFormPostToPage(req: http.IncomingMessage): boolean;
export function watchBody(req: http.IncomingMessage, res: http.ServerResponse, limits: Pick<ConsoleLimits, 'bodyWindowMs' | 'minBodyBytes'>): void;
export function refuseMisdirected(req: http.IncomingMessage, res: http.ServerResponse, gate: { allowedHosts: ReadonlySet<string>; trustForwardedHost: boolean }): boolean;
export function tlsFromEnv(host: string, env: Record<string, string | undefined>): { cert: Buffer; key: Buffer } | null;
export function createConsoleServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  limits?: ConsoleLimits,
  options?: ConsoleServerOptions,
): http.Server;
