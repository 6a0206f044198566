// A request Node's HTTP server ends before any handler sees it (its head or body late past the
// server's limits, or malformed) gets an answer in OCI's error shape with an opc-request-id, as
// every other answer has, instead of Node's bare status line. Shared by the console server and
// the gateway. Plain JavaScript: the console server runs without a TypeScript loader.

const OPENED = Symbol.for('berth.connectionOpenedAt');
const GRACED = Symbol.for('berth.unreadHeadGraced');
/** How long a new connection Node judged late, with nothing read yet, gets for its request to be read. */
const UNREAD_HEAD_GRACE_MS = 1000;

/**
 * Marks when a connection was accepted (the server's 'connection' event), for the log line of a late head.
 * @param {import('node:net').Socket & { [OPENED]?: number }} socket
 */
export function markOpened(socket) {
  socket[OPENED] = Date.now();
}

/**
 * The server's 'clientError' listener.
 *
 * Node times a new connection's head from the moment it accepted the connection, and checks it on
 * a timer, which runs before the loop reads sockets. When the server's own event loop was busy
 * for longer than headersTimeout (a cold route loading on a loaded host), a request that had
 * arrived in time is still unread in the socket's buffer and would get a 408 it never earned. So
 * a connection from which nothing has been read yet gets one more look, after the loop has had
 * its turn to read: if its bytes came, Node parses the request as any other (and times it afresh).
 * A late request is written to the server's log with what its connection had received.
 * @param {{ server: string, headersTimeoutMs: number, requestTimeoutMs: number, requestId: () => string }} o
 * @returns {(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => void}
 */
export function clientErrorAnswer(o) {
  /** @param {NodeJS.ErrnoException} err @param {any} socket */
  const refuse = (err, socket) => {
    const late = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const requestId = o.requestId();
    if (late) {
      const openFor = socket[OPENED] === undefined ? 'unknown' : `${((Date.now() - socket[OPENED]) / 1000).toFixed(1)} s`;
      console.error(`${o.server}: 408 (opc-request-id ${requestId}) to ${socket.remoteAddress ?? 'a client'}: a request did not arrive within its limits; the connection had read ${socket.bytesRead ?? 0} bytes and was open for ${openFor}.`);
    }
    const body = JSON.stringify(
      late
        ? { code: 'RequestTimeout', message: `The request did not arrive in time (its head, the request line and headers, within ${o.headersTimeoutMs / 1000} s, all of it within ${o.requestTimeoutMs / 1000} s); the connection is closed.` }
        : { code: 'InvalidParameter', message: `Malformed HTTP request (${err.code ?? 'unreadable'}).` },
    );
    socket.end(
      `HTTP/1.1 ${late ? '408 Request Timeout' : '400 Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `opc-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  };
  return (err, /** @type {any} */ socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    // A response already under way on this socket cannot be followed by another one.
    if (socket._httpMessage?.headersSent) return void socket.destroy();
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' && !socket[GRACED] && (socket.bytesRead ?? 0) === 0) {
      socket[GRACED] = true;
      setTimeout(() => {
        if (socket.destroyed || (socket.bytesRead ?? 0) > 0) return;
        refuse(err, socket);
      }, UNREAD_HEAD_GRACE_MS).unref();
      return;
    }
    refuse(err, socket);
  };
}
