import { describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES, readBodyBytes, readJsonBody } from '@/app/api/_lib/body';

// The one body reader of the API routes, on real Request objects and streams.

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/api/x', { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) });

/** A stream that yields `chunks` chunks of `size` bytes, counting how many were pulled. */
function counted(chunks: number, size: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

describe('readJsonBody', () => {
  it('parses a JSON body under the cap', async () => {
    const r = await readJsonBody(post(JSON.stringify({ a: 1 })), 'rid', 'Thing');
    expect(r).toEqual({ ok: true, value: { a: 1 } });
  });

  it('refuses a declared length over 1 MB with a 413 before reading, and closes the connection', async () => {
    const { stream, pulled } = counted(60, 1024 * 1024);
    const r = await readJsonBody(post(stream, { 'content-length': String(50 * 1024 * 1024) }), 'rid', 'Thing');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.response.status).toBe(413);
    expect(r.response.headers.get('connection')).toBe('close');
    expect(r.response.headers.get('opc-request-id')).toBe('rid');
    expect(await r.response.json()).toEqual({ code: 'PayloadTooLarge', message: 'The request body is larger than the limit of 1 MB.' });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it('stops reading an undeclared body as soon as it passes the cap', async () => {
    const { stream, pulled } = counted(50, 256 * 1024);
    const r = await readJsonBody(post(stream), 'rid', 'Thing');
    expect(r.ok ? 200 : r.response.status).toBe(413);
    // 1 MB is four chunks; the fifth passes the cap and nothing more is read.
    expect(pulled()).toBeLessThan(8);
  });

  it('answers a body that is not JSON with 400 naming what was expected', async () => {
    const r = await readJsonBody(post('{nope'), 'rid', 'CreateModelDeploymentDetails');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(await r.response.json()).toEqual({ code: 'InvalidParameter', message: 'The request body must be JSON (CreateModelDeploymentDetails).' });
  });

  it('accepts exactly the cap and reads bodies by another limit', async () => {
    const atCap = `"${' '.repeat(MAX_JSON_BODY_BYTES - 2)}"`;
    expect((await readJsonBody(post(atCap), 'rid', 'Thing')).ok).toBe(true);
    const bytes = await readBodyBytes(post('x'.repeat(2000)), 'rid', 1000, 'The payload');
    expect(bytes.ok).toBe(false);
    if (!bytes.ok) expect(await bytes.response.json()).toMatchObject({ message: 'The payload is larger than the limit of 1000 B.' });
  });
});
