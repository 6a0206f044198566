import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPrincipal } from '@/app/api/_lib/with-principal';
import { runAs, scopedPrincipal } from '@/server/services/identity/principal-scope';
import { testPrincipal } from './support/principals';

// The route handlers' front door, called as Next calls a handler. Outside a request there is no
// session cookie to read, so the app context (on a temp data directory) finds no principal.

let dataDir = '';
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-with-principal-'));
  process.env.BERTH_DATA_DIR = dataDir;
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const handler = withPrincipal(async (_req, _ctx: undefined, principal) => Response.json({ user: principal.userName, scoped: scopedPrincipal()?.userName ?? null }));
const request = () => new Request('http://127.0.0.1/api/anything', { headers: { 'opc-request-id': 'req-1' } });

describe('withPrincipal', () => {
  it('answers 401 NotAuthenticated without a principal, and never runs the handler', async () => {
    let ran = false;
    const guarded = withPrincipal(async () => {
      ran = true;
      return new Response('should not run');
    });
    const res = await guarded(request(), undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('opc-request-id')).toBe('req-1');
    expect(await res.json()).toMatchObject({ code: 'NotAuthenticated' });
    expect(res.headers.get('connection')).toBe('close');
    expect(ran).toBe(false);
  });

  it('runs the handler as the principal, in scope for every provider call inside it', async () => {
    const res = await runAs(testPrincipal({ userName: 'dana' }), () => handler(request(), undefined));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: 'dana', scoped: 'dana' });
  });
});
