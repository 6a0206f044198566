import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserRowByName } from '@/db/queries/users';
import { and, eq } from 'drizzle-orm';
import { auditEvents, modelDeployments, models } from '@/db/schema';
import { loadConfig } from '@/server/config';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { createAppContext, type AppContext } from '@/server/services/context';
import { createSession, SESSION_COOKIE } from '@/server/services/identity/sessions';
import { startConsoleWithProject, stopConsole, type ConsoleProcess } from './console';
import { docker, zipFolderOf } from './support';

// The fault probe's reproductions against the console as `npm start` serves it, with raw HTTP
// (fetch cannot set Host): a cross-origin create with the session cookie, a text/plain body, and
// DNS rebinding (a page of evil.example whose name resolves to 127.0.0.1, so Origin and Host agree).

let c: ConsoleProcess;
let ctx: AppContext;
let cookie: string;
let port: string;
let body: string;
let upload: (displayName: string) => Promise<Buffer>;

beforeAll(async () => {
  // No gateway: nothing here predicts, and a supervised one would outlive the console.
  const started = await startConsoleWithProject('request-guard', { env: { BERTH_GATEWAY_SUPERVISE: '0', BERTH_LOAD_CHECK_S: '0' } });
  c = started.console;
  port = new URL(c.url).port;
  ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: c.dataDir, BERTH_REGION: 'it' }));
  const admin = getUserRowByName(ctx.db, 'admin');
  if (!admin) throw new Error('the administrator was not seeded');
  const session = createSession(ctx.db, admin.id, { address: '127.0.0.1', userAgent: 'request-guard test' }, ctx.config.session);
  cookie = `${SESSION_COOKIE}=${session.token}`;
  const model = await ctx.provider.createModel({ compartmentId: started.compartmentId, projectId: started.projectId, displayName: 'byoc' });
  if (!model.ok) throw new Error(model.error.message);
  const image = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!image.ok) throw new Error('runtime images are missing; run the setup first');
  const zip = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zipFolderOf({ 'score.py': 'def predict(data, model=None):\n    return data\n' }).on('data', (d: Buffer) => chunks.push(d)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
  upload = async (displayName) =>
    Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="details"\r\n\r\n${JSON.stringify({ compartmentId: started.compartmentId, projectId: started.projectId, displayName })}\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="artifact"; filename="m.zip"\r\nContent-Type: application/zip\r\n\r\n`),
      zip,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
  // A create that the console accepts when it comes from its own page (the last test shows it).
  body = JSON.stringify({
    projectId: started.projectId,
    compartmentId: started.compartmentId,
    displayName: 'guarded',
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: model.data.id,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      },
      environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: image.data.tag, serverPort: 8080, healthCheckPort: 8080 },
    },
  });
});

afterAll(async () => {
  await c?.stop();
  if (ctx) {
    const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${ctx.installation.tenancyId}`] } });
    for (const m of mine) await docker.getContainer(m.Id).remove({ force: true }).catch(() => undefined);
    ctx.db.$client.close();
  }
  await stopConsole(c);
});

interface Answer {
  status: number;
  json: () => { code?: string; message?: string; id?: string };
  text: string;
}

const BOUNDARY = 'guardboundary';

function send(method: string, path: string, headers: Record<string, string>, payload?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, setHost: false, headers: { ...(payload !== undefined ? { 'content-length': String(Buffer.byteLength(payload)) } : {}), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) as ReturnType<Answer['json']> }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const deploymentCount = () => ctx.db.select().from(modelDeployments).all().length;
const self = () => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, cookie });

describe('a cross-origin create with the session cookie', () => {
  it('is refused with 403 and creates nothing', async () => {
    const before = deploymentCount();
    const r = await send('POST', '/api/model-deployments', { ...self(), origin: 'http://evil.example', 'content-type': 'application/json' }, body);
    expect(r.status, r.text).toBe(403);
    expect(r.json()).toMatchObject({ code: 'Forbidden', message: expect.stringContaining('Origin http://evil.example') });
    expect(deploymentCount()).toBe(before);
  });

  it('is refused from another port of the same host (another origin, same site: the cookie goes along)', async () => {
    const r = await send('POST', '/api/model-deployments', { ...self(), origin: 'http://127.0.0.1:4290', 'content-type': 'application/json' }, body);
    expect(r.status, r.text).toBe(403);
  });

  it('is refused as text/plain (what a no-cors fetch sends) even with the right Origin', async () => {
    const before = deploymentCount();
    const r = await send('POST', '/api/model-deployments', { ...self(), 'content-type': 'text/plain;charset=UTF-8' }, body);
    expect(r.status, r.text).toBe(403);
    expect(r.json()).toMatchObject({ code: 'Forbidden', message: expect.stringContaining('declared text/plain') });
    expect(deploymentCount()).toBe(before);
  });

  it('is refused with neither Origin nor Sec-Fetch-Site: same-origin', async () => {
    const { origin: _origin, ...noOrigin } = self();
    expect((await send('POST', '/api/model-deployments', { ...noOrigin, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body)).status).toBe(403);
    expect((await send('POST', '/api/model-deployments', { ...noOrigin, 'content-type': 'application/json' }, body)).status).toBe(403);
  });
});

describe('a cross-origin model upload (the route streams its body, outside the proxy)', () => {
  const modelCount = (displayName: string) => ctx.db.select().from(models).all().filter((m) => m.displayName === displayName).length;
  const multipart = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

  it('is refused with 403 and creates nothing, while the same upload from the console itself creates the model', async () => {
    const crossSite = await send('POST', '/api/models', { ...self(), ...multipart, origin: 'http://evil.example' }, await upload('from-another-site'));
    expect(crossSite.status, crossSite.text).toBe(403);
    expect(crossSite.json()).toMatchObject({ code: 'Forbidden' });
    const asText = await send('POST', '/api/models', { ...self(), 'content-type': 'text/plain' }, await upload('as-text'));
    expect(asText.status, asText.text).toBe(403);
    const rebound = await send('POST', '/api/models', { ...self(), ...multipart, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, await upload('rebound'));
    expect(rebound.status, rebound.text).toBe(403);
    expect(modelCount('from-another-site') + modelCount('as-text') + modelCount('rebound')).toBe(0);
    const own = await send('POST', '/api/models', { ...self(), ...multipart }, await upload('from-the-console'));
    expect(own.status, own.text).toBe(201);
    expect(modelCount('from-the-console')).toBe(1);
  });
});

describe('DNS rebinding: Host evil.example with a matching Origin', () => {
  const rebound = () => ({ host: `evil.example:${port}`, origin: `http://evil.example:${port}`, cookie });

  it('refuses a server action before Next runs it, which passes the gate under the real Host', async () => {
    const action = { 'next-action': '7f00000000000000000000000000000000000000aa', 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' };
    const r = await send('POST', '/', { ...rebound(), ...action }, '[]');
    expect(r.status, r.text).toBe(403);
    expect(r.json()).toMatchObject({ code: 'Forbidden', message: expect.stringContaining(`'evil.example:${port}'`) });
    // The same call by the console's own name reaches Next, which finds no such action.
    const own = await send('POST', '/', { ...self(), ...action }, '[]');
    expect(own.status, own.text).not.toBe(403);
  });

  it('refuses reads and the create', async () => {
    const list = await send('GET', `/api/model-deployments?compartmentId=${encodeURIComponent(ctx.installation.defaultCompartmentId)}`, rebound());
    expect(list.status, list.text).toBe(403);
    expect(list.json()).toMatchObject({ code: 'Forbidden' });
    const before = deploymentCount();
    expect((await send('POST', '/api/model-deployments', { ...rebound(), 'content-type': 'application/json' }, body)).status).toBe(403);
    expect(deploymentCount()).toBe(before);
    expect((await send('GET', '/sign-in', { host: 'evil.example' })).status).toBe(403);
    expect((await send('GET', '/api/health', { host: `localhost.evil.example:${port}` })).status).toBe(403);
  });

  it('answers by the console’s own names', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const list = await send('GET', `/api/model-deployments?compartmentId=${encodeURIComponent(ctx.installation.defaultCompartmentId)}`, { host, cookie });
      expect(list.status, `${host}: ${list.text}`).toBe(200);
    }
  });
});

describe('a same-origin request with the session', () => {
  it('creates (audited with the socket\'s address), and deletes with a bodiless DELETE, while the same DELETE from another site is refused', async () => {
    const before = deploymentCount();
    // A client's own claim of its address is overwritten by the console server with the socket's.
    const created = await send('POST', '/api/model-deployments', { ...self(), 'content-type': 'application/json', 'x-berth-client-address': '203.0.113.9' }, body);
    expect(created.status, created.text).toBe(200);
    const id = created.json().id ?? '';
    expect(deploymentCount()).toBe(before + 1);
    const audited = ctx.db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, id), eq(auditEvents.action, 'CreateModelDeployment'))).all();
    expect(audited.map((e) => [e.principalName, e.address, e.outcome])).toEqual([['admin', '127.0.0.1', 'SUCCEEDED']]);
    const crossSite = await send('DELETE', `/api/model-deployments/${id}`, { ...self(), origin: 'http://evil.example' });
    expect(crossSite.status, crossSite.text).toBe(403);
    // A DELETE from the console's own page (fetch sends Sec-Fetch-Site with or without Origin).
    const { origin: _origin, ...noOrigin } = self();
    const deleted = await send('DELETE', `/api/model-deployments/${id}`, { ...noOrigin, 'sec-fetch-site': 'same-origin' });
    expect([202, 409], deleted.text).toContain(deleted.status);
  });
});
