import crypto, { type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { findApiKeyRow } from '@/db/queries/api-keys';
import { accessOfUser, compartmentParents, getUserRow } from '@/db/queries/users';
import { modelDeployments } from '@/db/schema';
import { isAllowed, type CompartmentParents, type Grant } from '@/server/domain/iam';
import { MAX_CLOCK_SKEW_MS, checkBodyDigest, checkClock, missingSignedHeaders, parseAuthorization, parseKeyId, signingString, verifyRsaSha256, type SignedRequest } from '@/server/domain/oci-signature';
import { readInstallation } from '@/db/seed';
import { CONSOLE_TOKEN_HEADER, consoleToken } from './console-token';
import type { GatewayErrorCode } from './errors';

// Signed predict, as OCI's endpoint takes it: a request signed with a user's API key (the SDK's
// signer, `oci raw-request`) is verified, and its user must hold `use` on the deployment's
// compartment. BERTH_PREDICT_AUTH=signed refuses unsigned requests; `open` lets them through
// (local work with curl) but still refuses a signature that does not verify.

export type PredictAuthMode = 'open' | 'signed';

export type PredictRefusal = { code: GatewayErrorCode; message: string };

/** Checks one predict request whose body has arrived; null lets it through. */
export type PredictAuthenticator = (req: IncomingMessage, body: Buffer, modelDeploymentId: string) => PredictRefusal | null;

export interface PredictAuthDeps {
  db: Db;
  tenancyId: string;
  mode: PredictAuthMode;
  consoleToken: string;
  now?: () => number;
  /** How long a looked-up key, grant set or compartment is trusted before it is read again. */
  cacheMs?: number;
}

interface CachedKey {
  key: KeyObject;
  grants: Grant[];
  until: number;
}

const NOT_FOUND = 'Authorization failed or requested resource not found.';

export function createPredictAuthenticator(deps: PredictAuthDeps): PredictAuthenticator {
  const now = deps.now ?? Date.now;
  const cacheMs = deps.cacheMs ?? 30_000;
  // Verifying is an RSA check per request; what it needs from SQLite is read once per cacheMs,
  // so a busy endpoint costs no queries (the data plane's throughput target).
  const keys = new Map<string, CachedKey | null>();
  const keyUntil = new Map<string, number>();
  const compartments = new Map<string, { id: string | undefined; until: number }>();
  let parents: { map: CompartmentParents; until: number } | null = null;
  // A signature already verified (same key, same signed text) is the same answer again: a client
  // sending one body many times a second (a load test, a poller) pays the RSA check once a second.
  const verified = new Map<string, number>();
  const MAX_VERIFIED = 10_000;
  const tokenBytes = Buffer.from(deps.consoleToken);

  function keyOf(userId: string, fingerprint: string): CachedKey | null {
    const id = `${userId}/${fingerprint}`;
    const t = now();
    if ((keyUntil.get(id) ?? 0) > t) return keys.get(id) ?? null;
    const user = getUserRow(deps.db, userId);
    const row = user && user.lifecycleState === 'ACTIVE' ? findApiKeyRow(deps.db, userId, fingerprint) : undefined;
    const entry = row ? { key: crypto.createPublicKey(row.publicKeyPem), grants: accessOfUser(deps.db, userId).grants, until: t + cacheMs } : null;
    keys.set(id, entry);
    keyUntil.set(id, t + cacheMs);
    return entry;
  }

  function compartmentOf(deploymentId: string): string | undefined {
    const t = now();
    const hit = compartments.get(deploymentId);
    if (hit && hit.until > t) return hit.id;
    const row = deps.db.select({ c: modelDeployments.compartmentId }).from(modelDeployments).where(eq(modelDeployments.id, deploymentId)).get();
    compartments.set(deploymentId, { id: row?.c, until: t + cacheMs });
    return row?.c;
  }

  function parentsNow(): CompartmentParents {
    const t = now();
    if (!parents || parents.until <= t) parents = { map: compartmentParents(deps.db), until: t + cacheMs };
    return parents.map;
  }

  const refuse = (message: string): PredictRefusal => ({ code: 'NotAuthenticated', message });

  return (req, body, modelDeploymentId) => {
    const authorization = req.headers.authorization;
    if (authorization === undefined) {
      const token = req.headers[CONSOLE_TOKEN_HEADER];
      if (typeof token === 'string' && token.length === tokenBytes.length && crypto.timingSafeEqual(Buffer.from(token), tokenBytes)) return null;
      if (deps.mode === 'open') return null;
      return refuse('This predict endpoint takes signed requests only (BERTH_PREDICT_AUTH=signed): sign it with an API key, as the OCI SDK or `oci raw-request` does.');
    }
    const parsed = parseAuthorization(authorization);
    if (!parsed.ok) return refuse(parsed.message);
    const { keyId, headers, signature } = parsed.value;
    const missing = missingSignedHeaders('POST', headers, false);
    if (missing.length) return refuse(`The signature must cover ${missing.join(', ')}.`);
    const signed: SignedRequest = { method: req.method ?? 'POST', target: req.url ?? '/', header: (name) => headerOf(req, name) };
    const clock = checkClock(signed, new Date(now()));
    if (!clock.ok) return refuse(clock.message);
    const id = parseKeyId(keyId);
    if (!id.ok) return refuse(id.message);
    const key = id.value.tenancyId === deps.tenancyId ? keyOf(id.value.userId, id.value.fingerprint) : null;
    if (!key) return refuse(`The key ${keyId} is not known: no such tenancy, user or API key fingerprint.`);
    const text = signingString(signed, headers);
    if (!text.ok) return refuse(text.message);
    const seen = `${keyId}\n${signature}\n${text.value}`;
    const t = now();
    if ((verified.get(seen) ?? 0) <= t) {
      if (!verifyRsaSha256(key.key, text.value, signature)) return refuse('The signature does not verify with the API key its keyId names.');
      if (verified.size >= MAX_VERIFIED) verified.clear();
      // Trusted no longer than the key itself is cached, nor past the date's 5 minutes.
      verified.set(seen, Math.min(t + cacheMs, clock.value.getTime() + MAX_CLOCK_SKEW_MS));
    }
    const digest = checkBodyDigest(signed, body);
    if (!digest.ok) return refuse(digest.message);
    const compartmentId = compartmentOf(modelDeploymentId);
    if (!compartmentId || !isAllowed(key.grants, 'use', 'data-science-model-deployments', compartmentId, parentsNow())) return { code: 'NotAuthorizedOrNotFound', message: NOT_FOUND };
    return null;
  };
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
