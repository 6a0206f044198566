import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from './types';
import {
  MD1,
  MD2,
  cleanupAll,
  predict,
  putInstance,
  putRoute,
  startContainer,
  startGateway,
  tempDb,
  twoInstanceGateway,
  waitFor,
  waitHealthy,
} from './test-support';

afterEach(cleanupAll);

describe('gateway routing', () => {
  it('routes each deployment to its own instances, with the predict path remapped', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    const b = await startContainer('b');
    putRoute(db, { modelDeploymentId: MD1 });
    putRoute(db, { modelDeploymentId: MD2, predictPath: '/v1/completions' });
    putInstance(db, { id: 'a1', modelDeploymentId: MD1, port: a.port });
    putInstance(db, { id: 'b1', modelDeploymentId: MD2, port: b.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    await waitHealthy(gateway, MD1, ['a1']);
    await waitHealthy(gateway, MD2, ['b1']);

    const r1 = await predict(url, MD1, { x: 1 });
    expect(r1.status).toBe(200);
    expect(r1.json()).toEqual({ container: 'a', url: '/predict', body: '{"x":1}' });
    expect(r1.headers.get('x-container')).toBe('a');

    const r2 = await predict(url, MD2, { x: 2 });
    expect(r2.json()).toMatchObject({ container: 'b', url: '/v1/completions' });

    // Multiple inference endpoints: the suffix and the query follow the predict path.
    const r3 = await fetch(`${url}/${MD2}/predict/chat/completions?stream=false`, { method: 'POST', body: '{}' });
    expect(((await r3.json()) as { url: string }).url).toBe('/v1/completions/chat/completions?stream=false');

    // Streaming gets its own path only when the predict path is OCI's default.
    expect((await predict(url, MD1, {}, { kind: 'predictWithResponseStream' })).json()).toMatchObject({ url: '/predictWithResponseStream' });
    expect((await predict(url, MD2, {}, { kind: 'predictWithResponseStream' })).json()).toMatchObject({ url: '/v1/completions' });
  });

  it("keeps the caller's signature and the console's token at the gateway; other headers reach the container", async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a1', modelDeploymentId: MD1, port: a.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    await waitHealthy(gateway, MD1, ['a1']);
    const headers = { authorization: 'Signature version="1",keyId="k",algorithm="rsa-sha256",headers="date",signature="c2ln"', 'x-berth-console-token': 'secret', 'x-custom': 'kept' };
    expect((await predict(url, MD1, { x: 1 }, { headers })).status).toBe(200);
    const seen = a.seen.at(-1)?.headers ?? {};
    expect(seen['x-custom']).toBe('kept');
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-berth-console-token']).toBeUndefined();
    expect(seen['opc-request-id']).toMatch(/\S/);
  });

  it('spreads requests round robin across healthy instances', async () => {
    const { url } = await twoInstanceGateway();
    const names: unknown[] = [];
    for (let i = 0; i < 10; i++) names.push((await predict(url, MD1)).json().container);
    expect(names.filter((n) => n === 'a')).toHaveLength(5);
    expect(names.filter((n) => n === 'b')).toHaveLength(5);
  });

  it('echoes the client opc-request-id, or makes one, on every answer', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    await waitHealthy(gateway, MD1, ['a']);

    const echoed = await predict(url, MD1, {}, { headers: { 'opc-request-id': 'client-id-123' } });
    expect(echoed.headers.get('opc-request-id')).toBe('client-id-123');
    expect(a.seen.at(-1)?.headers['opc-request-id']).toBe('client-id-123');

    const made = await predict(url, MD1);
    expect(made.headers.get('opc-request-id')).toMatch(/^[0-9A-F]{12}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(a.seen.at(-1)?.headers['opc-request-id']).toBe(made.headers.get('opc-request-id'));

    const notFound = await predict(url, 'ocid1.datasciencemodeldeployment.oc1.test.nope');
    expect(notFound.headers.get('opc-request-id')).toBeTruthy();
  });

  it('applies a generation switch at once on POST /_berth/reload', async () => {
    const { db, file } = tempDb();
    const blue = await startContainer('blue');
    const green = await startContainer('green');
    putRoute(db, { modelDeploymentId: MD1, generation: 1 });
    putInstance(db, { id: 'blue', modelDeploymentId: MD1, port: blue.port, generation: 1 });
    // A long poll interval shows the switch comes from the reload call, not from polling.
    const { gateway, url } = await startGateway({ dbFile: file, pollIntervalMs: 60_000 });
    await waitHealthy(gateway, MD1, ['blue']);

    putInstance(db, { id: 'green', modelDeploymentId: MD1, port: green.port, generation: 2 });
    const version = putRoute(db, { modelDeploymentId: MD1, generation: 2 });
    const reload = await fetch(`${url}/_berth/reload`, { method: 'POST' });
    expect(await reload.json()).toEqual({ version });
    const status = gateway.status();
    expect(status.version).toBe(version);
    // Until green passes its first check, blue keeps serving: a switch never leaves a gap.
    expect(status.routes[0]).toMatchObject({ generation: 2, instances: [{ id: 'green' }, { id: 'blue', handover: true, draining: true }] });

    // The new generation is checked at once; traffic moves as soon as it passes.
    await waitHealthy(gateway, MD1, ['green']);
    expect((await predict(url, MD1)).json().container).toBe('green');
    expect(gateway.status().routes[0]?.instances.map((i) => i.id)).toEqual(['green']);
  });

  it('keeps the previous generation serving while the new one has not passed a check', async () => {
    const { db, file } = tempDb();
    const blue = await startContainer('blue');
    putRoute(db, { modelDeploymentId: MD1, generation: 1 });
    putInstance(db, { id: 'blue', modelDeploymentId: MD1, port: blue.port, generation: 1 });
    const { gateway, url } = await startGateway({ dbFile: file, pollIntervalMs: 60_000 });
    await waitHealthy(gateway, MD1, ['blue']);
    // The new generation's port answers nothing yet: its checks fail, so blue stays in rotation.
    putInstance(db, { id: 'green', modelDeploymentId: MD1, port: 1, generation: 2 });
    putRoute(db, { modelDeploymentId: MD1, generation: 2 });
    await fetch(`${url}/_berth/reload`, { method: 'POST' });
    for (let i = 0; i < 5; i++) expect((await predict(url, MD1)).json().container).toBe('blue');
  });

  it('picks a change up by polling when nobody pokes it', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    const { gateway, url } = await startGateway({ dbFile: file, pollIntervalMs: 50 });
    expect((await predict(url, MD1)).status).toBe(404);
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    await waitHealthy(gateway, MD1, ['a']);
    expect((await predict(url, MD1)).status).toBe(200);
  });

  it('maps TRITON deployments to the KServe v2 paths', async () => {
    const { db, file } = tempDb();
    const t = await startContainer('triton');
    putRoute(db, { modelDeploymentId: MD1, containerType: 'TRITON', healthPath: '/unused' });
    putInstance(db, { id: 't', modelDeploymentId: MD1, port: t.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    // Healthy only through /v2/health/ready: the route's health path is not asked.
    await waitHealthy(gateway, MD1, ['t']);

    const named = await predict(url, MD1, {}, { headers: { model_name: 'resnet' } });
    expect(named.json()).toMatchObject({ url: '/v2/models/resnet/infer' });
    const versioned = await predict(url, MD1, {}, { headers: { model_name: 'resnet', model_version: '3' } });
    expect(versioned.json()).toMatchObject({ url: '/v2/models/resnet/versions/3/infer' });
    const missing = await predict(url, MD1);
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ code: 'InvalidParameter', message: expect.stringContaining('model_name') });
  });

  it('passes streamed chunks through before the upstream finishes', async () => {
    const { db, file } = tempDb();
    const s = await startContainer('stream');
    let finish: () => void = () => undefined;
    s.onRequest = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      // The second event waits for the test to have seen the first through the gateway.
      finish = () => res.end('data: last\n\n');
    };
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 's', modelDeploymentId: MD1, port: s.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    await waitHealthy(gateway, MD1, ['s']);

    const res = await fetch(`${url}/${MD1}/predictWithResponseStream`, {
      method: 'POST',
      headers: { accept: 'text/event-stream' },
      body: '{"prompt":"hi"}',
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: first\n\n');
    finish();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest).toBe('data: last\n\n');
  });

  it('reports each request to onRequestDone, off the request path', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const records: RequestRecord[] = [];
    const { gateway, url } = await startGateway({ dbFile: file, onRequestDone: (r) => records.push(r) });
    await waitHealthy(gateway, MD1, ['a']);
    const ok = await predict(url, MD1, { x: 1 }, { headers: { 'opc-request-id': 'rec-1' } });
    await fetch(`${url}/${MD1}/predict`, { method: 'GET' });
    await waitFor(() => records.length, (n) => n === 2);
    expect(records[0]).toMatchObject({
      modelDeploymentId: MD1,
      instanceId: 'a',
      status: 200,
      bytesIn: 7,
      bytesOut: ok.text.length,
      opcRequestId: 'rec-1',
    });
    expect(records[0]?.latencyMs).toBeGreaterThan(0);
    expect(records[1]).toMatchObject({ modelDeploymentId: MD1, status: 405 });
    expect(records[1]).not.toHaveProperty('instanceId');
  });

  it('forwards a large body intact and passes the response status and headers through', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    a.onRequest = (req, res) => res.writeHead(201, { 'x-size': String(req.body.length) }).end(req.body);
    putRoute(db, { modelDeploymentId: MD1, bandwidthMbps: 1000 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    await waitHealthy(gateway, MD1, ['a']);
    const payload = 'x'.repeat(3 * 1024 * 1024);
    const res = await fetch(`${url}/${MD1}/predict`, { method: 'POST', body: payload });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-size')).toBe(String(payload.length));
    expect((await res.text()).length).toBe(payload.length);
  });

  it('answers the admin health endpoint', async () => {
    const { file } = tempDb();
    const { url } = await startGateway({ dbFile: file, codeVersion: 'c0de' });
    const res = await fetch(`${url}/_berth/health`);
    expect(await res.json()).toEqual({ status: 'ok', version: 0, pid: process.pid, dbFile: file, code: 'c0de' });
    const wrong = await new Promise<number>((resolve) => {
      http.request(`${url}/_berth/reload`, { method: 'GET' }, (r) => resolve(r.statusCode ?? 0)).end();
    });
    expect(wrong).toBe(405);
  });
});

describe('gateway shutdown', () => {
  it('lets a request in flight finish on close()', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    let release: () => void = () => undefined;
    a.onRequest = (_req, res) => {
      release = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"container":"a"}');
    };
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const { gateway, url } = await startGateway({ dbFile: file });
    await waitHealthy(gateway, MD1, ['a']);
    const inFlight = predict(url, MD1);
    await waitFor(() => a.seen.length, (n) => n === 1);
    let closed = false;
    const closing = gateway.close().then(() => (closed = true));
    await expect(fetch(`${url}/_berth/health`)).rejects.toThrow();
    expect(closed).toBe(false);
    release();
    expect((await inFlight).json().container).toBe('a');
    await closing;
  });
});
