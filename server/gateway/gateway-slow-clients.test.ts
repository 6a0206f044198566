import { trickle } from '@/tests/support/trickle';
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

describe('gateway slow clients', () => {
  it('answers 408 and closes a connection whose request head trickles', async () => {
    const { port } = await servingGateway();
    const r = await trickle(port, `POST /${MD1}/predict HTTP/1.1\r\nHost: x\r\nX-Slow: `, 'a'.repeat(1000), 50, 15_000);
    expect(r.closed).toBe(true);
    expect(r.reply).toMatch(/^HTTP\/1.1 408 /);
    expect(r.reply).toContain('"code":"RequestTimeout","message":"The request did not arrive in time (its head, the request line and headers, within 0.5 s, all of it within 1 s)');
    expect(r.reply).toMatch(/\r\nopc-request-id: [0-9A-F-]{35}\r\n/);
  });

  it('answers 408 and closes a connection whose body trickles, without calling the model', async () => {
    const { port, a } = await servingGateway();
    const r = await trickle(port, `POST /${MD1}/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, ' '.repeat(1000), 50, 15_000);
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
