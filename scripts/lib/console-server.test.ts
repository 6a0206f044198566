import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trickle } from '../../tests/support/trickle';
import { CONSOLE_LIMITS, createConsoleServer, literalizeBadEscapes, tlsFromEnv, type ConsoleServerOptions } from './console-server.mjs';

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

async function listen(handler: Parameters<typeof createConsoleServer>[0], options?: ConsoleServerOptions): Promise<number> {
  server = createConsoleServer(handler, LIMITS, options);
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
    const { reply, closed } = await trickle(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 'a'.repeat(500), 20);
    expect(closed).toBe(true);
    expect(reply).toMatch(/^HTTP\/1.1 408/);
    // In OCI's shape, with a request id to quote, not Node's bare status line.
    expect(reply).toMatch(/\r\nopc-request-id: [0-9A-F-]{35}\r\n/);
    expect(reply).toContain('"code":"RequestTimeout","message":"The request did not arrive in time (its head, the request line and headers, within');
  });

  it('serves a request that arrived in time but sat unread while the server was busy, instead of a 408', async () => {
    const port = await listen((_req, res) => void res.end('ok'));
    // The loop held up right after the accept, past headersTimeout: the request waits in the
    // socket's buffer, and Node's timer, which runs before sockets are read, judges it late.
    server?.on('connection', () => {
      const until = Date.now() + LIMITS.headersTimeoutMs + 400;
      while (Date.now() < until);
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
  });

  it('still answers 408 to a connection that sends nothing, a moment after headersTimeout', async () => {
    const port = await listen((_req, res) => void res.end('ok'));
    const t0 = Date.now();
    const { reply, closed } = await trickle(port, '', '', 1000);
    expect(closed).toBe(true);
    expect(reply).toMatch(/^HTTP\/1.1 408 Request Timeout\r\n/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs);
  });

  it('answers a malformed request in OCI shape', async () => {
    const port = await listen((_req, res) => void res.end('ok'));
    const { reply, closed } = await trickle(port, 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n', '', 1);
    expect(closed).toBe(true);
    expect(reply).toMatch(/^HTTP\/1.1 400 Bad Request\r\n/);
    expect(reply).toContain('"code":"InvalidParameter","message":"Malformed HTTP request (HPE_');
  });

  it('answers 408 and closes when a body trickles while the handler reads it', async () => {
    const port = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.end('read it all'));
    });
    const { reply, closed } = await trickle(port, 'POST /api/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 400\r\n\r\n', 'b'.repeat(400), 20);
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

/** A raw request (fetch cannot set Host), answered with status, headers and body. */
function raw(port: number, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/api/x', headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Host allow-list in front of Next', () => {
  it('refuses a Host that is not served before the handler sees it, in OCI shape', async () => {
    const seen: string[] = [];
    const port = await listen((req, res) => {
      seen.push(req.headers.host ?? '');
      res.end('ok');
    });
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.nip.io', '']) {
      const r = await raw(port, { host });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body), host).toMatchObject({ code: 'Forbidden', message: expect.stringContaining('does not answer to the host name') });
    }
    expect((await raw(port, { host: 'evil.example' }, 'POST')).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await raw(port, { host }, 'GET')).status, host).toBe(200);
    expect(seen).toEqual([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  });

  it('answers the names it is given, and X-Forwarded-Host only behind a TLS proxy', async () => {
    const seen: (string | undefined)[] = [];
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push(req.headers['x-forwarded-host'] as string | undefined);
      res.end('ok');
    };
    const allowedHosts = new Set(['127.0.0.1', 'berth.example.com']);
    const direct = await listen(handler, { allowedHosts });
    expect((await raw(direct, { host: 'berth.example.com' })).status).toBe(200);
    // A client's own X-Forwarded-Host would steer Next's origin check of server actions: dropped.
    expect((await raw(direct, { host: '127.0.0.1', 'x-forwarded-host': 'evil.example' })).status).toBe(200);
    expect(seen).toEqual([undefined, undefined]);
    server?.closeAllConnections();
    server?.close();
    const proxied = await listen(handler, { allowedHosts, trustForwardedHost: true });
    expect((await raw(proxied, { host: '127.0.0.1', 'x-forwarded-host': 'berth.example.com' })).status).toBe(200);
    expect((await raw(proxied, { host: '127.0.0.1', 'x-forwarded-host': 'evil.example' })).status).toBe(403);
    expect(seen).toEqual([undefined, undefined, 'berth.example.com']);
  });

  it("sets the client's address from the socket, over any the client sent", async () => {
    const seen: unknown[] = [];
    const port = await listen((req, res) => {
      seen.push(req.headers['x-berth-client-address']);
      res.end('ok');
    });
    await raw(port, { host: '127.0.0.1', 'x-berth-client-address': '203.0.113.9' });
    await raw(port, { host: '127.0.0.1' });
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1']);
  });
});

describe('TLS settings', () => {
  it('serves plain HTTP on loopback, or behind a TLS proxy, without files', () => {
    expect(tlsFromEnv('127.0.0.1', {})).toBeNull();
    expect(tlsFromEnv('0.0.0.0', { BERTH_BEHIND_TLS_PROXY: '1' })).toBeNull();
  });

  it('says what to set or fix', () => {
    expect(() => tlsFromEnv('0.0.0.0', {})).toThrow(/BERTH_HOST=0\.0\.0\.0 would serve .* BERTH_TLS_CERT and BERTH_TLS_KEY, or BERTH_BEHIND_TLS_PROXY=1/);
    expect(() => tlsFromEnv('127.0.0.1', { BERTH_TLS_CERT: '/c.pem' })).toThrow(/go together/);
    expect(() => tlsFromEnv('0.0.0.0', { BERTH_TLS_CERT: '/nonexistent/c.pem', BERTH_TLS_KEY: '/nonexistent/k.pem' })).toThrow(
      'The TLS certificate /nonexistent/c.pem cannot be read (ENOENT). Point BERTH_TLS_CERT at a readable PEM file.',
    );
  });

  it('stops the console server at start, before Next loads, when bound off loopback without TLS', () => {
    const script = path.join(__dirname, 'console-server.mjs');
    const env = { ...process.env, BERTH_TLS_CERT: '', BERTH_TLS_KEY: '', BERTH_BEHIND_TLS_PROXY: '' };
    const plain = spawnSync(process.execPath, [script, '0.0.0.0', '4299'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/BERTH_HOST=0\.0\.0\.0 would serve the console over plain HTTP/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-tls-'));
    try {
      const unreadable = spawnSync(process.execPath, [script, '0.0.0.0', '4299'], { env: { ...env, BERTH_TLS_CERT: path.join(dir, 'cert.pem'), BERTH_TLS_KEY: path.join(dir, 'key.pem') }, encoding: 'utf8', timeout: 30_000 });
      expect(unreadable.status).toBe(1);
      expect(unreadable.stderr).toContain(`The TLS certificate ${path.join(dir, 'cert.pem')} cannot be read (ENOENT)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
