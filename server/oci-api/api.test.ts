import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { loadConfig } from '@/server/config';
import { createAppContext, type AppContext } from '@/server/services/context';
import { scopedPrincipal } from '@/server/services/identity/principal-scope';
import { addApiKey, type ApiKeyPair } from '@/tests/support/oci-sdk';
import { createOciApi } from './api';
import { matchOperation } from './router';
import { OCI_HANDLERS } from './handlers';
import { DATA_SCIENCE_OPERATIONS } from './operations';

// The front door below the SDK: requests signed by oci-common's own signer, then tampered with,
// sent to the handler directly (no HTTP needed: it is a Fetch handler).

const BASE = 'http://127.0.0.1:4612';

// A generous bound for a loaded machine: each test makes a dozen or more signed round trips.
const TIMEOUT = 30_000;

let ctx: AppContext;
let dataDir: string;
let handle: (req: Request) => Promise<Response>;
let key: ApiKeyPair;
let signer: common.DefaultRequestSigner;
let compartmentId: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-oci-api-'));
  ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test' }), undefined, { principal: async () => scopedPrincipal() ?? null });
  compartmentId = ctx.installation.defaultCompartmentId;
  handle = createOciApi({ db: ctx.db, provider: ctx.provider, tenancyId: ctx.installation.tenancyId });
  key = addApiKey(ctx.db, ctx.installation.userId);
  signer = new common.DefaultRequestSigner(new common.SimpleAuthenticationDetailsProvider(ctx.installation.tenancyId, ctx.installation.userId, key.fingerprint, key.privateKeyPem, null));
}, TIMEOUT);

afterAll(() => {
  ctx?.db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Headers exactly as the SDK signs a request (host, x-date, and the body's three on POST/PUT). */
async function signed(method: 'GET' | 'POST' | 'PUT', pathAndQuery: string, body?: string): Promise<Headers> {
  const headers = new Headers();
  await signer.signHttpRequest({ method, headers, uri: `${BASE}${pathAndQuery}`, ...(body !== undefined ? { body } : {}) });
  return headers;
}

const listPath = () => `/20190101/projects?compartmentId=${compartmentId}`;

describe('the signed front door', () => {
  it('accepts what the SDK signs, and echoes opc-request-id', async () => {
    const headers = await signed('GET', listPath());
    headers.set('opc-request-id', 'MY-REQUEST');
    const res = await handle(new Request(`${BASE}${listPath()}`, { headers }));
    expect(res.status).toBe(200);
    expect(res.headers.get('opc-request-id')).toBe('MY-REQUEST');
    expect(await res.json()).toEqual([]);
  }, TIMEOUT);

  it('refuses a body that is not the one signed, and changes nothing', async () => {
    const body = JSON.stringify({ compartmentId, displayName: 'signed' });
    const headers = await signed('POST', '/20190101/projects', body);
    const tampered = JSON.stringify({ compartmentId, displayName: 'swapd' });
    const res = await handle(new Request(`${BASE}/20190101/projects`, { method: 'POST', headers, body: tampered }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'NotAuthenticated', message: 'The body does not match its x-content-sha256 header.' });
    const list = await handle(new Request(`${BASE}${listPath()}`, { headers: await signed('GET', listPath()) }));
    expect(await list.json()).toEqual([]);
  }, TIMEOUT);

  it('refuses another path than the one signed, a stale date, and a signature over too few headers', async () => {
    const headers = await signed('GET', listPath());
    const moved = await handle(new Request(`${BASE}/20190101/projects?compartmentId=${ctx.installation.tenancyId}`, { headers }));
    expect(moved.status).toBe(401);

    const stale = await signed('GET', listPath());
    stale.set('x-date', new Date(Date.now() - 6 * 60_000).toUTCString());
    const late = await handle(new Request(`${BASE}${listPath()}`, { headers: stale }));
    expect(late.status).toBe(401);
    expect(((await late.json()) as { message: string }).message).toContain('more than 5 minutes');

    const few = await signed('GET', listPath());
    few.set('authorization', (few.get('authorization') ?? '').replace('headers="x-date (request-target) host"', 'headers="x-date host"'));
    const partial = await handle(new Request(`${BASE}${listPath()}`, { headers: few }));
    expect(((await partial.json()) as { message: string }).message).toBe('The signature must cover (request-target).');
  }, TIMEOUT);

  it('answers an unknown path 404 and a wrong method 405, both before any signature', async () => {
    const unknown = await handle(new Request(`${BASE}/20190101/nothingHere`));
    expect(unknown.status).toBe(404);
    const wrong = await handle(new Request(`${BASE}/20190101/projects`, { method: 'PUT' }));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET');
  }, TIMEOUT);

  it('refuses a JSON body over 1 MB on its declared length', async () => {
    const res = await handle(new Request(`${BASE}/20190101/projects`, { method: 'POST', headers: { 'content-length': String(2 * 1024 * 1024) }, body: 'x' }));
    expect(res.status).toBe(413);
  }, TIMEOUT);
});

describe('matchOperation', () => {
  it('finds the SDK operation and its path parameters', () => {
    expect(matchOperation('GET', '/modelDeployments/ocid1.x/')).toEqual({ kind: 'operation', operation: { name: 'getModelDeployment', params: { modelDeploymentId: 'ocid1.x' } } });
    expect(matchOperation('HEAD', '/models/m/artifact/content')).toEqual({ kind: 'operation', operation: { name: 'headModelArtifact', params: { modelId: 'm' } } });
    expect(matchOperation('DELETE', '/workRequests/w')).toMatchObject({ operation: { name: 'cancelWorkRequest' } });
    expect(matchOperation('GET', '/modelDeploymentShapes')).toMatchObject({ operation: { name: 'listModelDeploymentShapes' } });
    expect(matchOperation('GET', '/jobs')).toMatchObject({ operation: { name: 'listJobs' } });
    expect(matchOperation('GET', '/nope')).toEqual({ kind: 'unknown' });
  }, TIMEOUT);
});

describe('the operation table', () => {
  it('is the installed SDK\'s DataScienceClient, and every handler is one of its operations', () => {
    const client = fs.readFileSync(path.join(process.cwd(), 'node_modules/oci-datascience/lib/client.js'), 'utf8');
    const fromSdk = [...client.matchAll(/const operationName = "(\w+)";[\s\S]*?path: "([^"]+)",\s*method: "(\w+)"/g)].map((m) => [m[3], m[2], m[1]]);
    expect(DATA_SCIENCE_OPERATIONS).toEqual(fromSdk);
    const names = new Set(DATA_SCIENCE_OPERATIONS.map(([, , n]) => n));
    expect(Object.keys(OCI_HANDLERS).filter((n) => !names.has(n))).toEqual([]);
  }, TIMEOUT);
});
