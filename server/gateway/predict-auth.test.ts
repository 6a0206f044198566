import type { IncomingMessage } from 'node:http';
import * as common from 'oci-common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { addUser } from '@/tests/support/identity';
import { addApiKey, type ApiKeyPair } from '@/tests/support/oci-sdk';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { createPredictAuthenticator, type PredictAuthenticator } from './predict-auth';
import { CONSOLE_TOKEN_HEADER } from './console-token';

// Signed predict on a real SQLite file: requests signed by oci-common's own signer, as the SDK
// and `oci raw-request` send them, judged as the gateway judges them.

let c: TempContext;
let deploymentId: string;
let admin: ApiKeyPair;
const TOKEN = 'console-token-for-the-test';
const BODY = '{"x":[1]}';

async function signedRequest(userId: string, key: ApiKeyPair, body = BODY, date?: string): Promise<IncomingMessage> {
  const uri = `http://127.0.0.1:3080/${deploymentId}/predict`;
  const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...(date ? { 'x-date': date } : {}) });
  const request: common.HttpRequest = { method: 'POST', uri, headers, body };
  const auth = new common.SimpleAuthenticationDetailsProvider(c.installation.tenancyId, userId, key.fingerprint, key.privateKeyPem, null, common.Region.US_ASHBURN_1);
  await new common.DefaultRequestSigner(auth).signHttpRequest(request);
  return { method: 'POST', url: `/${deploymentId}/predict`, headers: Object.fromEntries([...request.headers.entries(), ['host', '127.0.0.1:3080']]) } as unknown as IncomingMessage;
}

const plain = (headers: Record<string, string> = {}) => ({ method: 'POST', url: `/${deploymentId}/predict`, headers: { 'content-type': 'application/json', ...headers } }) as unknown as IncomingMessage;
const auth = (mode: 'open' | 'signed'): PredictAuthenticator => createPredictAuthenticator({ db: c.db, tenancyId: c.installation.tenancyId, mode, consoleToken: TOKEN });

beforeEach(async () => {
  c = createTempContext();
  deploymentId = (await createEchoDeployment(c)).md.id;
  admin = addApiKey(c.db, c.installation.userId);
});
afterEach(() => c.dispose());

describe('the predict authenticator', () => {
  it('open lets an unsigned request through; signed refuses it with 401 NotAuthenticated', async () => {
    expect(await auth('open')(plain(), Buffer.from(BODY), deploymentId)).toBeNull();
    expect(await auth('signed')(plain(), Buffer.from(BODY), deploymentId)).toMatchObject({ code: 'NotAuthenticated', message: expect.stringContaining('BERTH_PREDICT_AUTH=signed') });
  });

  it("takes the console's forwarded invoke by its token, and only the right token", async () => {
    expect(await auth('signed')(plain({ [CONSOLE_TOKEN_HEADER]: TOKEN }), Buffer.from(BODY), deploymentId)).toBeNull();
    expect(await auth('signed')(plain({ [CONSOLE_TOKEN_HEADER]: 'console-token-for-the-tesT' }), Buffer.from(BODY), deploymentId)).toMatchObject({ code: 'NotAuthenticated' });
  });

  it('passes a request the SDK signed for a user who may use the deployment, in either mode', async () => {
    const req = await signedRequest(c.installation.userId, admin);
    expect(await auth('signed')(req, Buffer.from(BODY), deploymentId)).toBeNull();
    expect(await auth('open')(req, Buffer.from(BODY), deploymentId)).toBeNull();
  });

  it('refuses a body other than the one signed, a stale date and an unknown key, also when open', async () => {
    const open = auth('open');
    expect(await open(await signedRequest(c.installation.userId, admin), Buffer.from('{"x":[2]}'), deploymentId)).toEqual({ code: 'NotAuthenticated', message: 'The body does not match its x-content-sha256 header.' });
    const stale = new Date(Date.now() - 6 * 60_000).toUTCString();
    expect(await open(await signedRequest(c.installation.userId, admin, BODY, stale), Buffer.from(BODY), deploymentId)).toMatchObject({ code: 'NotAuthenticated', message: expect.stringContaining('more than 5 minutes') });
    const stranger = { ...admin, fingerprint: admin.fingerprint.replace(/^../, admin.fingerprint.startsWith('00') ? '11' : '00') };
    expect(await open(await signedRequest(c.installation.userId, stranger), Buffer.from(BODY), deploymentId)).toMatchObject({ code: 'NotAuthenticated', message: expect.stringContaining('is not known') });
  });

  it('answers a signed caller without use on the compartment as if the deployment did not exist', async () => {
    const userId = await addUser(c.db, 'nobody', { groups: [] });
    const key = addApiKey(c.db, userId);
    expect(await auth('signed')(await signedRequest(userId, key), Buffer.from(BODY), deploymentId)).toEqual({ code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' });
    const viewer = await addUser(c.db, 'viewer', { groups: ['Viewers'] });
    const viewerKey = addApiKey(c.db, viewer);
    // read is not use: a viewer may see the deployment but not call it.
    expect(await auth('signed')(await signedRequest(viewer, viewerKey), Buffer.from(BODY), deploymentId)).toMatchObject({ code: 'NotAuthorizedOrNotFound' });
  });
});
