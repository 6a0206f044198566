import net from 'node:net';

/**
 * A slow client: writes `head`, then `rest` one byte every `everyMs`; resolves with what came back
 * and whether the server hung up, or with closed=false after `giveUpMs` (far past any limit).
 */
export function trickle(port: number, head: string, rest: string, everyMs: number, giveUpMs = 20_000): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < rest.length && socket.writable) socket.write(rest[i++] ?? '');
    }, everyMs);
    const done = (closed: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ reply, closed });
    };
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.write(head);
    setTimeout(() => done(false), giveUpMs).unref();
  });
}
