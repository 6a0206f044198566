import crypto from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import * as common from 'oci-common';
import { DataScienceClient } from 'oci-datascience';
import { MonitoringClient } from 'oci-monitoring';
import type { DbOrTx } from '@/db/client';
import { insertApiKeyRow } from '@/db/queries/api-keys';
import { apiKeyFingerprint } from '@/server/domain/api-key-fingerprint';

// The official SDK pointed at Berth: an API key made for a user the way the identity flow stores
// it, and a DataScienceClient signing with it.

export interface ApiKeyPair {
  fingerprint: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export function newApiKeyPair(): ApiKeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { fingerprint: apiKeyFingerprint(publicKeyPem), privateKeyPem, publicKeyPem };
}

export function addApiKey(db: DbOrTx, userId: string): ApiKeyPair {
  const pair = newApiKeyPair();
  insertApiKeyRow(db, { id: crypto.randomUUID(), userId, fingerprint: pair.fingerprint, publicKeyPem: pair.publicKeyPem, timeCreated: new Date().toISOString() });
  return pair;
}

export function sdkClient(endpoint: string, tenancyId: string, userId: string, key: Pick<ApiKeyPair, 'fingerprint' | 'privateKeyPem'>): DataScienceClient {
  const auth = new common.SimpleAuthenticationDetailsProvider(tenancyId, userId, key.fingerprint, key.privateKeyPem, null, common.Region.US_ASHBURN_1);
  // No circuit breaker: the tests provoke errors on purpose, and a tripped breaker would hide them.
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  const client = new DataScienceClient({ authenticationDetailsProvider: auth });
  client.endpoint = endpoint;
  return client;
}

/** oci-monitoring's client signing with the same kind of key. */
export function monitoringClient(endpoint: string, tenancyId: string, userId: string, key: Pick<ApiKeyPair, 'fingerprint' | 'privateKeyPem'>): MonitoringClient {
  const auth = new common.SimpleAuthenticationDetailsProvider(tenancyId, userId, key.fingerprint, key.privateKeyPem, null, common.Region.US_ASHBURN_1);
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  const client = new MonitoringClient({ authenticationDetailsProvider: auth });
  client.endpoint = endpoint;
  return client;
}

/** A Fetch-style handler served over real HTTP on 127.0.0.1:port, as Next serves the route. */
export async function serveFetch(handler: (req: Request) => Promise<Response>, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const body = method === 'GET' || method === 'HEAD' ? null : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
    const request = new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, { method, headers, body, ...(body ? { duplex: 'half' } : {}) });
    handler(request).then(
      (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).pipe(res);
        else res.end();
      },
      (cause: unknown) => {
        res.writeHead(500);
        res.end(String(cause));
      },
    );
  });
  // As the console server does: never the side that closes an idle connection a client is about to
  // reuse (at Node's 5 s, an SDK call after a pause on a loaded host could meet the close).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The SDK's error from a call expected to fail; a call that succeeds fails the test. */
export async function ociError(p: Promise<unknown>): Promise<common.OciError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof common.OciError) return e;
    // Not an answer from the server (the SDK rejects a transport failure with a plain object):
    // say what it was, rather than fail later on a missing status code.
    throw new Error(`The call failed without an answer from the server: ${e instanceof Error ? e.message : JSON.stringify(e)}`);
  }
  throw new Error('The call succeeded; an error was expected.');
}
