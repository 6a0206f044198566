import type http from 'node:http';

export interface ConsoleLimits {
  headersTimeoutMs: number;
  bodyWindowMs: number;
  minBodyBytes: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  checkIntervalMs: number;
}

export const CONSOLE_LIMITS: ConsoleLimits;
export function literalizeBadEscapes(url: string): string;
export function isFormPostToPage(req: http.IncomingMessage): boolean;
export function watchBody(req: http.IncomingMessage, res: http.ServerResponse, limits: Pick<ConsoleLimits, 'bodyWindowMs' | 'minBodyBytes'>): void;
export function createConsoleServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  limits?: ConsoleLimits,
): http.Server;
