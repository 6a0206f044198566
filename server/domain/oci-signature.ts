import crypto from 'node:crypto';

// OCI's request signatures: HTTP Signatures (draft-cavage), version 1, rsa-sha256, as the SDKs'
// signers write them (oci-common's DefaultRequestSigner over the http-signature package):
//   Authorization: Signature version="1",keyId="<tenancy>/<user>/<fingerprint>",
//     algorithm="rsa-sha256",headers="x-date (request-target) host ...",signature="<base64>"
// Pure parts only: parsing, the string that was signed, the header and clock rules, the RSA check.

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Base64 SHA-256 of an empty body, as the SDK sends it for a body-less POST. */
export const EMPTY_BODY_SHA256 = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export interface ParsedSignature {
  keyId: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

export interface KeyIdParts {
  tenancyId: string;
  userId: string;
  fingerprint: string;
}

export type SignatureCheck<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

const PARAM = /^\s*([A-Za-z]+)\s*=\s*"([^"]*)"\s*(?:,|$)/;
const KNOWN_PARAMS = new Set(['version', 'keyId', 'algorithm', 'headers', 'signature']);

/** The Authorization header's parameters; anything malformed is refused, never guessed at. */
export function parseAuthorization(header: string | null): SignatureCheck<ParsedSignature> {
  if (!header) return fail('The request is not signed: it has no Authorization header.');
  const m = /^Signature\s+(.*)$/s.exec(header.trim());
  if (!m?.[1]) return fail('The Authorization header is not an HTTP signature ("Signature keyId=...").');
  let rest = m[1];
  const params = new Map<string, string>();
  while (rest.trim().length > 0) {
    const p = PARAM.exec(rest);
    if (!p?.[1] || p[2] === undefined) return fail('The Authorization header could not be parsed: each parameter must be name="value", separated by commas.');
    if (params.has(p[1])) return fail(`The Authorization header names "${p[1]}" twice.`);
    if (KNOWN_PARAMS.has(p[1])) params.set(p[1], p[2]);
    rest = rest.slice(p[0].length);
  }
  const version = params.get('version');
  if (version !== undefined && version !== '1') return fail(`Signature version "${version}" is not supported; OCI signs with version 1.`);
  const keyId = params.get('keyId');
  const signature = params.get('signature');
  if (!keyId) return fail('The signature has no keyId.');
  if (!signature) return fail('The signature has no signature value.');
  const algorithm = params.get('algorithm') ?? 'rsa-sha256';
  if (algorithm.toLowerCase() !== 'rsa-sha256') return fail(`Signature algorithm "${algorithm}" is not supported; use rsa-sha256.`);
  // draft-cavage: without a headers list only the date is signed, which OCI does not accept.
  const headers = (params.get('headers') ?? 'date').split(/\s+/).filter(Boolean).map((h) => h.toLowerCase());
  return { ok: true, value: { keyId, algorithm: 'rsa-sha256', headers, signature } };
}

/** keyId = tenancy OCID / user OCID / key fingerprint (a session token's "ST$..." is not accepted). */
export function parseKeyId(keyId: string): SignatureCheck<KeyIdParts> {
  const parts = keyId.split('/');
  const [tenancyId, userId, fingerprint] = parts;
  if (parts.length !== 3 || !tenancyId || !userId || !fingerprint) {
    return fail('The signature\'s keyId must be "<tenancy OCID>/<user OCID>/<key fingerprint>".');
  }
  return { ok: true, value: { tenancyId, userId, fingerprint: fingerprint.toLowerCase() } };
}

export interface SignedRequest {
  method: string;
  /** Path and query as sent on the request line, e.g. `/20190101/projects?compartmentId=...`. */
  target: string;
  header(name: string): string | null;
}

/**
 * Which headers must be signed: (request-target), host and a date always; for POST, PUT and PATCH
 * also the body's type, length and SHA-256, unless the operation streams a binary body that the
 * SDK leaves out of the signature (CreateModelArtifact: `excludeBody`).
 */
export function missingSignedHeaders(method: string, signed: readonly string[], bodyExcluded: boolean): string[] {
  const has = new Set(signed);
  const missing: string[] = [];
  for (const h of ['(request-target)', 'host']) if (!has.has(h)) missing.push(h);
  if (!has.has('date') && !has.has('x-date')) missing.push('date or x-date');
  if (!bodyExcluded && ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase())) {
    for (const h of ['content-type', 'content-length', 'x-content-sha256']) if (!has.has(h)) missing.push(h);
  }
  return missing;
}

/** The string the client signed: one `name: value` line per signed header, in the listed order. */
export function signingString(req: SignedRequest, headers: readonly string[]): SignatureCheck<string> {
  const lines: string[] = [];
  for (const name of headers) {
    if (name === '(request-target)') {
      lines.push(`(request-target): ${req.method.toLowerCase()} ${req.target}`);
      continue;
    }
    const value = req.header(name);
    if (value === null) return fail(`The signature names the header "${name}", which the request does not carry.`);
    lines.push(`${name}: ${value.trim()}`);
  }
  return { ok: true, value: lines.join('\n') };
}

/**
 * The request's own time (x-date over date) within 5 minutes of the server's clock. Given the
 * signed headers, only a date the signature covers counts: an unsigned x-date beside a signed date
 * would otherwise reopen a captured request's 5 minutes whenever it is replayed.
 */
export function checkClock(req: SignedRequest, now: Date, signedHeaders?: readonly string[]): SignatureCheck<Date> {
  const raw = signedHeaders ? signedDate(req, signedHeaders) : (req.header('x-date') ?? req.header('date'));
  if (!raw) return fail('The request has neither a date nor an x-date header.');
  const t = Date.parse(raw);
  if (Number.isNaN(t)) return fail(`The request's date "${raw}" is not an HTTP date.`);
  if (Math.abs(now.getTime() - t) > MAX_CLOCK_SKEW_MS) {
    return fail(`The request's date (${new Date(t).toISOString()}) is more than 5 minutes from the server's clock (${now.toISOString()}).`);
  }
  return { ok: true, value: new Date(t) };
}

function signedDate(req: SignedRequest, signed: readonly string[]): string | null {
  if (signed.includes('x-date')) return req.header('x-date');
  return signed.includes('date') ? req.header('date') : null;
}

/** RSA PKCS#1 v1.5 over SHA-256 of the signing string with the user's public key. */
export function verifyRsaSha256(publicKey: string | crypto.KeyObject, text: string, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  try {
    return crypto.verify('sha256', Buffer.from(text, 'utf8'), { key: typeof publicKey === 'string' ? crypto.createPublicKey(publicKey) : publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

/**
 * The same check in libuv's thread pool (crypto.verify with a callback): a data plane's event loop
 * hands the RSA-2048 work, most of a new signature's cost, to a core of its own and serves other
 * requests meanwhile. It never rejects; a malformed key or signature is a false.
 */
export function verifyRsaSha256Async(publicKey: crypto.KeyObject, text: string, signatureBase64: string): Promise<boolean> {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      crypto.verify('sha256', Buffer.from(text, 'utf8'), { key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signature, (err, ok) => resolve(!err && ok));
    } catch {
      resolve(false);
    }
  });
}

export const sha256Base64 = (body: Uint8Array): string => crypto.createHash('sha256').update(body).digest('base64');

/** A signed body's x-content-sha256 and content-length must describe the bytes that arrived. */
export function checkBodyDigest(req: SignedRequest, body: Uint8Array): SignatureCheck<true> {
  const declaredSha = req.header('x-content-sha256');
  if (declaredSha !== null && declaredSha.trim() !== sha256Base64(body)) {
    return fail('The body does not match its x-content-sha256 header.');
  }
  const declaredLength = req.header('content-length');
  if (declaredLength !== null && Number(declaredLength.trim()) !== body.byteLength) {
    return fail('The body does not match its content-length header.');
  }
  return { ok: true, value: true };
}
