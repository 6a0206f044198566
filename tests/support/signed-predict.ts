import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as common from 'oci-common';
import { sha256Base64, signingString } from '@/server/domain/oci-signature';
import type { ApiKeyPair } from './oci-sdk';

// A predict request as the gateway receives it, signed by oci-common's own signer (the SDK's and
// `oci raw-request`'s), for calling a PredictAuthenticator directly.

export interface SignedPredictOptions {
  tenancyId: string;
  userId: string;
  key: Pick<ApiKeyPair, 'fingerprint' | 'privateKeyPem'>;
  deploymentId: string;
  body: string;
  /** Headers set before signing (x-date to sign that instead of date). */
  headers?: Record<string, string>;
}

export async function signedPredictRequest(o: SignedPredictOptions): Promise<IncomingMessage> {
  const uri = `http://127.0.0.1:3080/${o.deploymentId}/predict`;
  const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(o.body)), ...o.headers });
  const request: common.HttpRequest = { method: 'POST', uri, headers, body: o.body };
  const auth = new common.SimpleAuthenticationDetailsProvider(o.tenancyId, o.userId, o.key.fingerprint, o.key.privateKeyPem, null, common.Region.US_ASHBURN_1);
  await new common.DefaultRequestSigner(auth).signHttpRequest(request);
  return asIncoming(`/${o.deploymentId}/predict`, { ...Object.fromEntries(request.headers.entries()), host: '127.0.0.1:3080' });
}

/**
 * Signed by hand over `date` rather than the SDK's `x-date` (draft-cavage allows either; other
 * clients such as `curl --aws-sigv4`-style scripts sign date).
 */
export function dateSignedPredictRequest(o: SignedPredictOptions & { date: Date }): IncomingMessage {
  const url = `/${o.deploymentId}/predict`;
  const names = ['date', '(request-target)', 'host', 'content-length', 'content-type', 'x-content-sha256'];
  const headers: Record<string, string> = {
    date: o.date.toUTCString(),
    host: '127.0.0.1:3080',
    'content-length': String(Buffer.byteLength(o.body)),
    'content-type': 'application/json',
    'x-content-sha256': sha256Base64(Buffer.from(o.body)),
  };
  const text = signingString({ method: 'POST', target: url, header: (h) => headers[h] ?? null }, names);
  if (!text.ok) throw new Error(text.message);
  const signature = crypto.sign('sha256', Buffer.from(text.value), o.key.privateKeyPem).toString('base64');
  const keyId = `${o.tenancyId}/${o.userId}/${o.key.fingerprint}`;
  headers.authorization = `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
  return asIncoming(url, headers);
}

/** The same request with some headers changed or added (what a replaying client could send). */
export function withHeaders(req: IncomingMessage, changed: Record<string, string>): IncomingMessage {
  return asIncoming(req.url ?? '/', { ...(req.headers as Record<string, string>), ...changed });
}

const asIncoming = (url: string, headers: Record<string, string>): IncomingMessage => ({ method: 'POST', url, headers }) as unknown as IncomingMessage;
