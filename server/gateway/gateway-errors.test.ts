import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MD1, cleanupAll, predict, putInstance, putRoute, startContainer, startGateway, tempDb, twoInstanceGateway, waitFor, waitHealthy } from './test-support';

afterEach(cleanupAll);

/** Sends raw bytes and reads the whole answer: for requests fetch will not make (no length, a lying length). */
function raw(url: string, request: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
  });
}

async function servingGateway(options: { bandwidthMbps?: number; requestTimeoutMs?: number; now?: () => number; predictRequestsPerSecond?: number } = {}) {
  const { db, file } = tempDb();
  const a = await startContainer('a');
  putRoute(db, { modelDeploymentId: MD1, ...(options.bandwidthMbps ? { bandwidthMbps: options.bandwidthMbps } : {}) });
  putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
  const { gateway, url } = await startGateway({
    dbFile: file,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.predictRequestsPerSecond ? { predictRequestsPerSecond: options.predictRequestsPerSecond } : {}),
  });
  await waitHealthy(gateway, MD1, ['a']);
  return { db, a, gateway, url };
}

describe('gateway errors', () => {
  it('answers 404 NotAuthorizedOrNotFound for unknown, not serving and non-predict paths', async () => {
    const { db, url } = await servingGateway();
    putRoute(db, { modelDeploymentId: 'ocid1.datasciencemodeldeployment.oc1.test.off', serving: false });
    await fetch(`${url}/_berth/reload`, { method: 'POST' });
    for (const path of [
      '/ocid1.datasciencemodeldeployment.oc1.test.unknown/predict',
      '/ocid1.datasciencemodeldeployment.oc1.test.off/predict',
      `/${MD1}/other`,
      `/${MD1}/predict/../admin`,
      '/',
    ]) {
      const res = await fetch(`${url}${path}`, { method: 'POST', body: '{}' });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' });
      expect(res.headers.get('opc-request-id')).toBeTruthy();
    }
  });

  it('answers 405 MethodNotAllowed for anything but POST on predict', async () => {
    const { url } = await servingGateway();
    const res = await fetch(`${url}/${MD1}/predict`, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({ code: 'MethodNotAllowed' });
  });

  it('answers 411 LengthRequired for a chunked body without Content-Length', async () => {
    const { url, a } = await servingGateway();
    const res = await raw(
      url,
      `POST /${MD1}/predict HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    );
    expect(res.status).toBe(411);
    expect(JSON.parse(res.body)).toEqual({ code: 'LengthRequired', message: 'Missing content length header' });
    expect(res.headers).toContain('opc-request-id: ');
    expect(a.seen).toHaveLength(0);
  });

  it('answers 413 PayloadTooLarge above 10 MB without reading the body', async () => {
    const { url, a } = await servingGateway();
    const res = await raw(url, `POST /${MD1}/predict HTTP/1.1\r\nhost: x\r\ncontent-length: ${10 * 1024 * 1024 + 1}\r\n\r\n{"partial":`);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ code: 'PayloadTooLarge', message: 'The payload size limit is 10 MB' });
    expect(a.seen).toHaveLength(0);
  });

  it('answers 429 TooManyRequests when the bandwidth bucket cannot carry the request', async () => {
    let clock = 1_000_000;
    // 1 Mbps = 125,000 bytes per second, which is also the burst. The clock stands still until moved.
    const { url, a } = await servingGateway({ bandwidthMbps: 1, now: () => clock });
    a.onRequest = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const body = (bytes: number) => ({ pad: 'x'.repeat(bytes - 10) }); // JSON adds 10 bytes

    expect((await predict(url, MD1, body(100_000))).status).toBe(200);
    const refused = await predict(url, MD1, body(50_000));
    expect(refused.status).toBe(429);
    expect(refused.json()).toEqual({ code: 'TooManyRequests', message: expect.stringContaining('1 Mbps') });
    expect((await predict(url, MD1, body(1_000))).status).toBe(200);

    // Responses are charged too: a large one drives the bucket into debt.
    a.onRequest = (_req, res) => res.writeHead(200).end('y'.repeat(200_000));
    expect((await predict(url, MD1, body(100))).status).toBe(200);
    expect((await predict(url, MD1, body(100))).status).toBe(429);

    clock += 10_000;
    a.onRequest = (_req, res) => res.writeHead(200).end('{}');
    expect((await predict(url, MD1, body(100_000))).status).toBe(200);
    expect(a.seen).toHaveLength(4);
  });

  it('answers 429 TooManyRequests above the tenancy rate limit, over all its deployments, and recovers as time passes', async () => {
    let clock = 1_000_000;
    const { url, a, db, gateway } = await servingGateway({ predictRequestsPerSecond: 3, now: () => clock });
    const b = await startContainer('b');
    const MD2 = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaasecond';
    putRoute(db, { modelDeploymentId: MD2 });
    putInstance(db, { id: 'b', modelDeploymentId: MD2, port: b.port });
    await fetch(`${url}/_berth/reload`, { method: 'POST' });
    await waitHealthy(gateway, MD2, ['b']);

    const statuses: number[] = [];
    for (const md of [MD1, MD2, MD1, MD2]) statuses.push((await predict(url, md, {})).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await predict(url, MD1, {});
    expect(refused.status).toBe(429);
    expect(refused.json()).toEqual({ code: 'TooManyRequests', message: "The tenancy's limit of 3 predict requests per second is exceeded" });
    expect(a.seen.length + b.seen.length).toBe(3);

    clock += 1000;
    expect((await predict(url, MD2, {})).status).toBe(200);
  });

  it('answers 504 GatewayTimeout when the model server does not answer in time', async () => {
    const { url, a } = await servingGateway({ requestTimeoutMs: 300 });
    a.onRequest = () => undefined;
    const started = Date.now();
    const res = await predict(url, MD1);
    expect(res.status).toBe(504);
    expect(res.json()).toMatchObject({ code: 'GatewayTimeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(a.seen).toHaveLength(1);
  });

  it('answers 502 BadGateway, sending nothing again, when a live model server drops the request', async () => {
    const { url, a } = await servingGateway();
    a.onRequest = (_req, res) => res.socket?.destroy();
    const res = await predict(url, MD1);
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ code: 'BadGateway', message: expect.stringContaining('was not sent again') });
    // Its health check passes: the server took the request, and may have run it (a worker that crashed on it).
    expect(a.seen).toHaveLength(1);
  });

  it('sends a dropped request on to another instance only when the dropping one fails its health check', async () => {
    // Checks far apart: the gateway's verdicts come from the checks a reset asks for.
    const { a, b, url } = await twoInstanceGateway({ healthIntervalMs: 60_000 });
    const drop = (_req: unknown, res: http.ServerResponse) => res.socket?.destroy();

    // Alive (its /health answers): the request stops at the first instance, whichever it is.
    a.onRequest = drop;
    b.onRequest = drop;
    const alive = await predict(url, MD1);
    expect(alive.status).toBe(502);
    expect(a.seen.length + b.seen.length).toBe(1);

    // Gone behind an accepting port (/health fails): the request goes on to the other instance.
    a.healthStatus = 503;
    b.onRequest = null;
    const answers: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await predict(url, MD1);
      expect(r.status).toBe(200);
      answers.push(r.json().container);
    }
    expect(answers).toEqual(['b', 'b']);
  });

  it('answers malformed HTTP with an OCI-shaped 400', async () => {
    const { url } = await servingGateway();
    const res = await raw(url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'InvalidParameter' });
  });

  it('cancels the upstream request when the client goes away', async () => {
    const { url, a, gateway } = await servingGateway();
    let upstreamClosed = false;
    a.onRequest = (_req, res) => res.on('close', () => (upstreamClosed = true));
    const req = http.request(`${url}/${MD1}/predict`, { method: 'POST', headers: { 'content-length': '2' } });
    req.on('error', () => undefined);
    req.end('{}');
    await waitFor(() => a.seen.length, (n) => n === 1);
    req.destroy();
    await waitFor(() => upstreamClosed, Boolean);
    await waitFor(() => gateway.status().routes[0]?.instances[0]?.inflight, (n) => n === 0);
  });
});
