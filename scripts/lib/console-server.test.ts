import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { trickle } from '../../tests/support/trickle';
import { CONSOLE_LIMITS, createConsoleServer, literalizeBadEscapes } from './console-server.mjs';

describe('literalizeBadEscapes', () => {
  it('keeps valid paths as they are', () => {
    for (const url of ['/', '/api/health', '/models/ocid1.x?compartmentId=%ff', '/a/caf%C3%A9', '/a%2Fb']) expect(literalizeBadEscapes(url)).toBe(url);
  });

  it('takes a segment with a bad escape literally, leaving the query alone', () => {
    expect(literalizeBadEscapes('/api/model-deployments/%ff%fe')).toBe('/api/model-deployments/%25ff%25fe');
    expect(literalizeBadEscapes('/api/model-deployments/%ff%fe/logs?x=%ff')).toBe('/api/model-deployments/%25ff%25fe/logs?x=%ff');
    expect(literalizeBadEscapes('/models/%')).toBe('/models/%25');
    expect(literalizeBadEscapes('/models/%zz/caf%C3%A9')).toBe('/models/%25zz/caf%C3%A9');
  });
});

// Small limits, so the behaviour shows in well under a second per case.
const LIMITS = { ...CONSOLE_LIMITS, headersTimeoutMs: 600, bodyWindowMs: 300, minBodyBytes: 1024, checkIntervalMs: 100 };

let server: http.Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

async function listen(handler: Parameters<typeof createConsoleServer>[0]): Promise<number> {
  server = createConsoleServer(handler, LIMITS);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : 0;
}

describe('the console server', () => {
  it('puts back the OCI API\'s relayed content-length, which Next drops, and only on that API', async () => {
    const port = await listen((req, res) => {
      // What Next's response wrapper does with a route's headers: setHeader each, content-length left out.
      res.setHeader('x-berth-content-length', '5');
      res.end(req.method === 'HEAD' ? undefined : 'hello');
    });
    const head = await fetch(`http://127.0.0.1:${port}/20190101/models/m/artifact/content`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('5');
    const get = await fetch(`http://127.0.0.1:${port}/20190101/models/m/artifact/content`);
    expect([get.headers.get('content-length'), await get.text()]).toEqual(['5', 'hello']);
    const other = await fetch(`http://127.0.0.1:${port}/api/health`, { method: 'HEAD' });
    expect(other.headers.get('x-berth-content-length')).toBe('5');
  });

  it('closes a connection whose request head trickles in', async () => {
    const port = await listen((_req, res) => void res.end('ok'));
    const { reply, closed } = await trickle(port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ', 'a'.repeat(500), 20);
    expect(closed).toBe(true);
    expect(reply).toMatch(/^HTTP\/1.1 408/);
  });

  it('answers 408 and closes when a body trickles while the handler reads it', async () => {
    const port = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.end('read it all'));
    });
    const { reply, closed } = await trickle(port, 'POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\n', 'b'.repeat(400), 20);
    expect(closed).toBe(true);
    expect(reply).toMatch(/^HTTP\/1.1 408/);
    expect(reply).toContain('"code":"RequestTimeout"');
  });

  it('lets a body through that arrives in time', async () => {
    const port = await listen((req, res) => {
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => res.end(`got ${n}`));
    });
    const res = await fetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'c'.repeat(100_000) });
    expect(await res.text()).toBe('got 100000');
  });

  it('rewrites a bad escape for the API and sends pages to the 404 page', async () => {
    const seen: string[] = [];
    const port = await listen((req, res) => {
      seen.push(req.url ?? '');
      res.end();
    });
    await fetch(`http://127.0.0.1:${port}/api/model-deployments/%ff%fe`);
    await fetch(`http://127.0.0.1:${port}/models/%ff`);
    await fetch(`http://127.0.0.1:${port}/models/ok`);
    expect(seen).toEqual(['/api/model-deployments/%25ff%25fe', '/_not-found', '/models/ok']);
  });

  it('refuses a multipart post anywhere but the upload route, unless it is a server action call', async () => {
    const seen: string[] = [];
    const port = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end();
    });
    const post = (p: string, headers: Record<string, string>) => fetch(`http://127.0.0.1:${port}${p}`, { method: 'POST', headers, body: 'abc' });
    expect((await post('/models', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(400);
    expect((await post('/models', { 'content-type': 'multipart/form-data; boundary=x', 'next-action': 'abc' })).status).toBe(200);
    expect((await post('/api/models', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(200);
    expect((await post('/api/model-deployments/../invoke', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(400);
    expect((await post('/models', { 'content-type': 'text/plain' })).status).toBe(200);
    expect(seen).toEqual(['POST /models', 'POST /api/models', 'POST /models']);
  });

  it('answers a failing handler with a 500 in OCI shape instead of hanging', async () => {
    const port = await listen(() => Promise.reject(new Error('boom')));
    const res = await fetch(`http://127.0.0.1:${port}/api/x`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'InternalServerError' });
  });
});
