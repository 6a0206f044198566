import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

export function markOpened(socket: Socket): void;
export function clientErrorAnswer(o: { server: string; headersTimeoutMs: number; requestTimeoutMs: number; requestId: () => string }): (err: NodeJS.ErrnoException, socket: Duplex) => void;
