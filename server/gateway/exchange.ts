import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { FAULT_HEADER } from '@/server/domain/faults';
import { clientResponseHeaders } from './headers';
import type { Instance } from './instance';
import type { RouteState } from './route-table';

/** One client request on its way through the gateway, across its attempts. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  route: RouteState;
  opcRequestId: string;
  /** performance.now() on arrival, for the latency. */
  startedAt: number;
  /** Epoch ms on arrival, for the record. */
  timestamp: number;
  path: string;
  headers: string[];
  body: Buffer;
  tried: Instance[];
  status: number;
  bytesIn: number;
  bytesOut: number;
  clientGone: boolean;
  current: Attempt | null;
  /** x-berth-fault value for a forwarded request that a fault delayed; null: none. */
  faultHeader: string | null;
}

export type SettleFn = (attempt: Attempt, err: Error | null) => void;

/**
 * An undici dispatch handler for one try on one instance. It writes the response straight to the
 * client as it arrives (no intermediate stream, which is what SSE needs and what keeps the per-request
 * cost low), passing backpressure back to the upstream socket.
 */
export class Attempt implements Dispatcher.DispatchHandlers {
  /** Headers reached the client: from here on a failure can only cut the response. */
  responded = false;
  private abortFn: ((err?: Error) => void) | null = null;
  private resumeFn: (() => void) | null = null;

  constructor(
    readonly x: Exchange,
    readonly inst: Instance,
    private readonly settle: SettleFn,
  ) {}

  abort(err: Error): void {
    this.abortFn?.(err);
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
    if (this.x.clientGone) abort(new Error('the client closed the connection'));
  }

  onHeaders(statusCode: number, headers: Buffer[], resume: () => void): boolean {
    // 1xx interim responses are the upstream connection's business, not the client's.
    if (statusCode < 200) return true;
    this.resumeFn = resume;
    // writeHead throws on a header Node will not send; before `responded`, that still becomes a 502.
    const out = clientResponseHeaders(headers, this.x.opcRequestId);
    if (this.x.faultHeader) out.push(FAULT_HEADER, this.x.faultHeader);
    this.x.res.writeHead(statusCode, out);
    this.responded = true;
    this.x.status = statusCode;
    return true;
  }

  onData(chunk: Buffer): boolean {
    const { x } = this;
    x.bytesOut += chunk.length;
    x.route.bucket.consume(chunk.length);
    if (x.res.write(chunk)) return true;
    // Created only when the client is slower than the model server, which is rare.
    const resume = this.resumeFn;
    if (resume) x.res.once('drain', () => resume());
    return false;
  }

  onComplete(): void {
    this.x.res.end();
    this.settle(this, null);
  }

  onError(err: Error): void {
    this.settle(this, err);
  }
}
