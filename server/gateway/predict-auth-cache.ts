import crypto, { type KeyObject } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { findApiKeyRow } from '@/db/queries/api-keys';
import { authGenerationReader } from '@/db/queries/auth-generation';
import { accessOfUser, compartmentParents, getUserRow } from '@/db/queries/users';
import { modelDeployments } from '@/db/schema';
import { isAllowed, type CompartmentParents, type Grant } from '@/server/domain/iam';
import { parseKeyId } from '@/server/domain/oci-signature';

// What a signed predict's check needs from SQLite, held in the gateway's memory: the parsed public
// key per keyId, its user's grants, the `use` decision per deployment, and the requests already
// verified. It is all dropped at once when auth_generation moves (the triggers of migration
// predict_auth_triggers bump it on any change to keys, users, groups, grants, compartments or a
// deployment's compartment). The gateway is another process than the console, so it looks at
// that counter, one small read, at most every checkMs: a deleted key or a revoked grant stops
// working within that time, and a busy endpoint costs no other query.

export interface CachedKey {
  userId: string;
  key: KeyObject;
  grants: readonly Grant[];
  /** Deployment OCID -> whether this user may `use` it. */
  decisions: Map<string, boolean>;
}

export type KeyLookup = { ok: true; key: CachedKey } | { ok: false; message: string };

/** A request whose signature verified, kept to know the same request again without RSA. */
export interface VerifiedRequest {
  key: CachedKey;
  method: string;
  target: string;
  /** The signed headers other than (request-target), and the values they had. */
  names: readonly string[];
  values: readonly (string | null)[];
  /** A copy of a small body to compare byte for byte; null: the digest is checked again. */
  body: Buffer | null;
  /** The signed date's window (5 minutes either side): outside it the request is stale. */
  notBefore: number;
  notAfter: number;
}

export interface ReadCounts {
  /** Reads of auth_generation, and how many of them found it moved (everything dropped). */
  generation: number;
  drops: number;
  keys: number;
  deployments: number;
  parents: number;
}

export interface PredictAuthCache {
  /** Drops every entry when the identity rows changed (looked at no more often than checkMs). */
  sync(): void;
  key(keyId: string): KeyLookup;
  mayUse(key: CachedKey, deploymentId: string): boolean;
  verified(authorization: string): VerifiedRequest | undefined;
  remember(authorization: string, entry: VerifiedRequest): void;
  readonly reads: Readonly<ReadCounts>;
}

export interface PredictAuthCacheOptions {
  db: Db;
  tenancyId: string;
  now: () => number;
  /** How often the gateway looks at auth_generation; 100 ms unless told. */
  checkMs?: number;
  /** Verified requests kept, the oldest let go first (4096). */
  maxVerified?: number;
  /** keyIds remembered, unknown and malformed ones included; past it they are all read again (10,000). */
  maxKeys?: number;
}

/** Bodies up to this size are kept to compare; a larger one is hashed again, as the first time. */
export const MAX_KEPT_BODY_BYTES = 8 * 1024;

export function createPredictAuthCache(o: PredictAuthCacheOptions): PredictAuthCache {
  const checkMs = o.checkMs ?? 100;
  const maxVerified = o.maxVerified ?? 4096;
  const maxKeys = o.maxKeys ?? 10_000;
  const readGeneration = authGenerationReader(o.db);
  const reads: ReadCounts = { generation: 1, drops: 0, keys: 0, deployments: 0, parents: 0 };
  let generation = readGeneration();
  let nextCheck = o.now() + checkMs;
  const keys = new Map<string, KeyLookup>();
  const compartments = new Map<string, string | undefined>();
  const verified = new Map<string, VerifiedRequest>();
  let parents: CompartmentParents | null = null;

  function drop(): void {
    keys.clear();
    compartments.clear();
    verified.clear();
    parents = null;
    reads.drops += 1;
  }

  function lookUp(keyId: string): KeyLookup {
    const id = parseKeyId(keyId);
    if (!id.ok) return id;
    const unknown = { ok: false, message: `The key ${keyId} is not known: no such tenancy, user or API key fingerprint.` } as const;
    if (id.value.tenancyId !== o.tenancyId) return unknown;
    reads.keys += 1;
    const { userId, fingerprint } = id.value;
    const user = getUserRow(o.db, userId);
    const row = user && user.lifecycleState === 'ACTIVE' ? findApiKeyRow(o.db, userId, fingerprint) : undefined;
    if (!row) return unknown;
    return { ok: true, key: { userId, key: crypto.createPublicKey(row.publicKeyPem), grants: accessOfUser(o.db, userId).grants, decisions: new Map() } };
  }

  function compartmentOf(deploymentId: string): string | undefined {
    if (compartments.has(deploymentId)) return compartments.get(deploymentId);
    reads.deployments += 1;
    const row = o.db.select({ c: modelDeployments.compartmentId }).from(modelDeployments).where(eq(modelDeployments.id, deploymentId)).get();
    compartments.set(deploymentId, row?.c);
    return row?.c;
  }

  function parentsNow(): CompartmentParents {
    if (!parents) {
      reads.parents += 1;
      parents = compartmentParents(o.db);
    }
    return parents;
  }

  return {
    reads,
    sync() {
      const t = o.now();
      if (t < nextCheck) return;
      nextCheck = t + checkMs;
      reads.generation += 1;
      const current = readGeneration();
      if (current === generation) return;
      generation = current;
      drop();
    },
    key(keyId) {
      const hit = keys.get(keyId);
      if (hit) return hit;
      const found = lookUp(keyId);
      // Garbage keyIds are remembered too (a client retrying a bad key costs no query), but bounded.
      if (keys.size >= maxKeys) keys.clear();
      keys.set(keyId, found);
      return found;
    },
    mayUse(key, deploymentId) {
      const known = key.decisions.get(deploymentId);
      if (known !== undefined) return known;
      const compartmentId = compartmentOf(deploymentId);
      const allowed = compartmentId !== undefined && isAllowed(key.grants, 'use', 'data-science-model-deployments', compartmentId, parentsNow());
      key.decisions.set(deploymentId, allowed);
      return allowed;
    },
    verified: (authorization) => verified.get(authorization),
    remember(authorization, entry) {
      verified.delete(authorization);
      if (verified.size >= maxVerified) {
        const oldest = verified.keys().next();
        if (!oldest.done) verified.delete(oldest.value);
      }
      verified.set(authorization, entry);
    },
  };
}
