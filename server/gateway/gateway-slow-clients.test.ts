import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MD1, cleanupAll, predict, putInstance, putRoute, startContainer, startGateway, tempDb, waitHealthy } from './test-support';

// Clients that send a byte a second must not hold the gateway's connections, and the model
// server's identity stays behind the gateway.

afterEach(cleanupAll);

async function servingGateway() {
  const { db, file } = tempDb();
  const a = await startContainer('a');
  putRoute(db, { modelDeploymentId: MD1 });
  putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
  // Short limits so the test shows the behaviour quickly; the defaults are 10 s and 30 s.
  const { gateway, url } = await startGateway({ dbFile: file, clientHeadersTimeoutMs: 500, clientBodyTimeoutMs: 1000, requestTimeoutMs: 3000 });
  await waitHealthy(gateway, MD1, ['a']);
  return { a, port: Number(new URL(url).port), url };
}

/** Writes `head`, then `rest` a byte every 50 ms; what came back, and whether the gateway hung up. */
function trickle(port: number, head: string, rest: string): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < rest.length && socket.writable) socket.write(rest[i++] ?? '');
    }, 50);
    const done = (closed: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ reply, closed });
    };
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.write(head);
    // Far past the limits: before them, such a client was held for minutes.
    setTimeout(() => done(false), 15_000).unref();
  });
}

describe('gateway slow clients', () => {
  it('answers 408 and closes a connection whose request head trickles', async () => {
    const { port } = await servingGateway();
    const r = await trickle(port, `POST /${MD1}/predict HTTP/1.1\r\nHost: x\r\nX-Slow: `, 'a'.repeat(1000));
    expect(r.closed).toBe(true);
    expect(r.reply).toMatch(/^HTTP\/1.1 408 /);
    expect(r.reply).toContain('"code":"RequestTimeout"');
  });

  it('answers 408 and closes a connection whose body trickles, without calling the model', async () => {
    const { port, a } = await servingGateway();
    const r = await trickle(port, `POST /${MD1}/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, ' '.repeat(1000));
    expect(r.closed).toBe(true);
    expect(r.reply).toMatch(/^HTTP\/1.1 408 /);
    expect(a.seen).toHaveLength(0);
  });

  it('still gives a slow model its whole answer time once the request is in', async () => {
    const { a, url } = await servingGateway();
    // Answers after the body timeout has passed: that clock stops when the request is complete.
    a.onRequest = (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"late":true}'), 1500);
    const res = await predict(url, MD1);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ late: true });
  });

  it('does not pass on the model server identity headers', async () => {
    const { a, url } = await servingGateway();
    a.onRequest = (_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/json', server: 'gunicorn', 'x-powered-by': 'Flask', via: '1.1 somewhere', 'x-model': 'kept' }).end('{}');
    const res = await predict(url, MD1);
    expect(res.status).toBe(200);
    expect(res.headers.get('server')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('via')).toBeNull();
    expect(res.headers.get('x-model')).toBe('kept');
  });
});
