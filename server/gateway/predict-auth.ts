import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Db } from '@/db/client';
import { MAX_CLOCK_SKEW_MS, checkBodyDigest, checkClock, missingSignedHeaders, parseAuthorization, signingString, verifyRsaSha256Async, type SignedRequest } from '@/server/domain/oci-signature';
import { readInstallation } from '@/db/seed';
import { CONSOLE_TOKEN_HEADER, consoleToken } from './console-token';
import type { GatewayErrorCode } from './errors';
import { MAX_KEPT_BODY_BYTES, createPredictAuthCache, type CachedKey, type PredictAuthCache, type VerifiedRequest } from './predict-auth-cache';

// Signed predict, as OCI's endpoint takes it: a request signed with a user's API key (the SDK's
// signer, `oci raw-request`) is verified, and its user must hold `use` on the deployment's
// compartment. BERTH_PREDICT_AUTH=signed refuses unsigned requests; `open` lets them through
// (local work with curl) but still refuses a signature that does not verify.

export type PredictAuthMode = 'open' | 'signed';

export type PredictRefusal = { code: GatewayErrorCode; message: string };

export type PredictDecision = PredictRefusal | null;

/**
 * Checks one predict request whose body has arrived; null lets it through. A signature not seen
 * before is answered later (its RSA check runs in libuv's thread pool); everything else at once.
 */
export type PredictAuthenticator = (req: IncomingMessage, body: Buffer, modelDeploymentId: string) => PredictDecision | Promise<PredictDecision>;

export interface PredictAuthDeps {
  db: Db;
  tenancyId: string;
  mode: PredictAuthMode;
  consoleToken: string;
  now?: () => number;
  /** How often the identity rows are looked at for a change (predict-auth-cache.ts); 100 ms. */
  checkMs?: number;
  /** The cache to use (a test looks into it); one of its own otherwise. */
  cache?: PredictAuthCache;
}

const NOT_FOUND = 'Authorization failed or requested resource not found.';

export function createPredictAuthenticator(deps: PredictAuthDeps): PredictAuthenticator {
  const now = deps.now ?? Date.now;
  const cache = deps.cache ?? createPredictAuthCache({ db: deps.db, tenancyId: deps.tenancyId, now, ...(deps.checkMs !== undefined ? { checkMs: deps.checkMs } : {}) });
  const tokenBytes = Buffer.from(deps.consoleToken);

  const refuse = (message: string): PredictRefusal => ({ code: 'NotAuthenticated', message });
  const decide = (key: CachedKey, modelDeploymentId: string): PredictRefusal | null =>
    cache.mayUse(key, modelDeploymentId) ? null : { code: 'NotAuthorizedOrNotFound', message: NOT_FOUND };

  return (req, body, modelDeploymentId) => {
    const authorization = req.headers.authorization;
    if (authorization === undefined) {
      const token = req.headers[CONSOLE_TOKEN_HEADER];
      if (typeof token === 'string' && token.length === tokenBytes.length && crypto.timingSafeEqual(Buffer.from(token), tokenBytes)) return null;
      if (deps.mode === 'open') return null;
      return refuse('This predict endpoint takes signed requests only (BERTH_PREDICT_AUTH=signed): sign it with an API key, as the OCI SDK or `oci raw-request` does.');
    }
    cache.sync();
    const t = now();
    // The same request again (a load tool, a poller): every check below would answer as it did.
    const seen = cache.verified(authorization);
    if (seen && sameRequest(seen, req, body, t)) return decide(seen.key, modelDeploymentId);
    const parsed = parseAuthorization(authorization);
    if (!parsed.ok) return refuse(parsed.message);
    const { keyId, headers, signature } = parsed.value;
    const missing = missingSignedHeaders('POST', headers, false);
    if (missing.length) return refuse(`The signature must cover ${missing.join(', ')}.`);
    const signed = signedRequestOf(req);
    const clock = checkClock(signed, new Date(t), headers);
    if (!clock.ok) return refuse(clock.message);
    const found = cache.key(keyId);
    if (!found.ok) return refuse(found.message);
    const text = signingString(signed, headers);
    if (!text.ok) return refuse(text.message);
    // The body's digest first: a few µs, where the RSA check is some 50.
    const digest = checkBodyDigest(signed, body);
    if (!digest.ok) return refuse(digest.message);
    const key = found.key;
    const date = clock.value.getTime();
    const drops = cache.reads.drops;
    return verifyRsaSha256Async(key.key, text.value, signature).then((ok) => {
      if (!ok) return refuse('The signature does not verify with the API key its keyId names.');
      if (cache.reads.drops === drops) {
        // Kept only once verified: a forged request costs no copy of its body.
        cache.remember(authorization, verifiedEntry(key, signed, req, body, headers, date));
        return decide(key, modelDeploymentId);
      }
      // The identity rows changed while the check ran (a key deleted, a grant revoked): judged on them.
      const now = cache.key(keyId);
      return now.ok ? decide(now.key, modelDeploymentId) : refuse(now.message);
    });
  };
}

/** What a later identical request is compared with (sameRequest). */
function verifiedEntry(key: CachedKey, signed: SignedRequest, req: IncomingMessage, body: Buffer, headers: readonly string[], date: number): VerifiedRequest {
  const names = headers.filter((h) => h !== '(request-target)');
  return {
    key,
    method: signed.method,
    target: signed.target,
    names,
    values: names.map((h) => headerOf(req, h)),
    // A copy: the request's buffer may be a slice of a much larger socket read.
    body: body.byteLength <= MAX_KEPT_BODY_BYTES ? Buffer.from(body) : null,
    notBefore: date - MAX_CLOCK_SKEW_MS,
    notAfter: date + MAX_CLOCK_SKEW_MS,
  };
}

/** The request as the signature rules read it; a class, so no closure is made per request. */
class SignedView implements SignedRequest {
  readonly method: string;
  readonly target: string;
  constructor(private readonly req: IncomingMessage) {
    this.method = req.method ?? 'POST';
    this.target = req.url ?? '/';
  }
  header(name: string): string | null {
    return headerOf(this.req, name);
  }
}

const signedRequestOf = (req: IncomingMessage): SignedRequest => new SignedView(req);

/**
 * Whether a request is one already verified: the same Authorization header (keyId and signature),
 * the same values of every signed header, method and target (so the same signing string), the
 * same body, and still within its date's 5 minutes (checkClock's rule). Anything else is checked
 * in full, so a changed request is refused as it would have been.
 */
function sameRequest(seen: VerifiedRequest, req: IncomingMessage, body: Buffer, t: number): boolean {
  if (t < seen.notBefore || t > seen.notAfter) return false;
  if ((req.method ?? 'POST') !== seen.method || (req.url ?? '/') !== seen.target) return false;
  for (let i = 0; i < seen.names.length; i++) {
    if (headerOf(req, seen.names[i] as string) !== seen.values[i]) return false;
  }
  return seen.body ? body.equals(seen.body) : checkBodyDigest(signedRequestOf(req), body).ok;
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

/** The gateway process's authenticator over the console's data directory (it waits for the first seed). */
export function predictAuthFor(opts: { db: Db; dataDir: string; mode: PredictAuthMode }): PredictAuthenticator {
  let inner: PredictAuthenticator | null = null;
  const token = consoleToken(opts.dataDir);
  return (req, body, id) => {
    if (!inner) {
      const installation = readInstallation(opts.db);
      // Before the console's first start seeded the database nothing can be verified: only open passes.
      if (!installation) return opts.mode === 'open' && req.headers.authorization === undefined ? null : { code: 'NotAuthenticated', message: 'The console has not set up this installation yet.' };
      inner = createPredictAuthenticator({ db: opts.db, tenancyId: installation.tenancyId, mode: opts.mode, consoleToken: token });
    }
    return inner(req, body, id);
  };
}
