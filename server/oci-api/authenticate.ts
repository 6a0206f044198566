import type { DbOrTx } from '@/db/client';
import { findApiKeyRow } from '@/db/queries/api-keys';
import { getUserRow } from '@/db/queries/users';
import type { Principal } from '@/server/domain/principal';
import { checkBodyDigest, checkClock, missingSignedHeaders, parseAuthorization, parseKeyId, signingString, verifyRsaSha256, type SignedRequest } from '@/server/domain/oci-signature';
import { principalOfUser } from '@/server/services/identity/sessions';

// The signed front door: who a request of the OCI-compatible API comes from, by its signature
// over the user's API key. Every refusal is a 401 NotAuthenticated with the reason.

export interface AuthenticateInput {
  method: string;
  target: string;
  headers: Headers;
  /** The body's bytes when it is signed; null for an operation whose body the SDK does not sign. */
  body: Uint8Array | null;
  address: string;
  requestId: string;
}

export type Authenticated = { ok: true; principal: Principal } | { ok: false; message: string };

export function authenticateSignedRequest(db: DbOrTx, tenancyId: string, input: AuthenticateInput, now: Date): Authenticated {
  const parsed = parseAuthorization(input.headers.get('authorization'));
  if (!parsed.ok) return parsed;
  const { keyId, headers, signature } = parsed.value;
  const missing = missingSignedHeaders(input.method, headers, input.body === null);
  if (missing.length) return { ok: false, message: `The signature must cover ${missing.join(', ')}.` };
  const req: SignedRequest = { method: input.method, target: input.target, header: (name) => input.headers.get(name) };
  const clock = checkClock(req, now, headers);
  if (!clock.ok) return clock;
  const key = parseKeyId(keyId);
  if (!key.ok) return key;
  const unknownKey = { ok: false, message: `The key ${keyId} is not known: no such tenancy, user or API key fingerprint.` } as const;
  if (key.value.tenancyId !== tenancyId) return unknownKey;
  const user = getUserRow(db, key.value.userId);
  if (!user || user.lifecycleState !== 'ACTIVE') return unknownKey;
  const row = findApiKeyRow(db, user.id, key.value.fingerprint);
  if (!row) return unknownKey;
  const text = signingString(req, headers);
  if (!text.ok) return text;
  if (!verifyRsaSha256(row.publicKeyPem, text.value, signature)) {
    return { ok: false, message: 'The signature does not verify with the API key its keyId names.' };
  }
  if (input.body !== null) {
    const digest = checkBodyDigest(req, input.body);
    if (!digest.ok) return digest;
  }
  const meta = { address: input.address, userAgent: input.headers.get('user-agent') ?? '', requestId: input.requestId };
  return { ok: true, principal: principalOfUser(db, user.id, user.name, tenancyId, 'api-key', meta) };
}
