import crypto from 'node:crypto';
import type { Db } from '@/db/client';
import { deleteApiKeyRow, insertApiKeyRow, listApiKeyRows, MAX_API_KEYS_PER_USER, type ApiKeyRow } from '@/db/queries/api-keys';
import { parseApiKeyPem, type ParsedApiKey } from '@/server/domain/api-key-pem';
import type { Principal } from '@/server/domain/principal';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { recordAudit } from './audit';

// A user's API signing keys (OCI's ApiKey): at most three, each named by its fingerprint. Every
// upload, generation and delete, refused ones too, goes to the audit log on the user.

export interface ApiKeyView {
  id: string;
  fingerprint: string;
  timeCreated: string;
}

const view = (row: ApiKeyRow): ApiKeyView => ({ id: row.id, fingerprint: row.fingerprint, timeCreated: row.timeCreated });

export const listApiKeys = (db: Db, principal: Principal): ApiKeyView[] => listApiKeyRows(db, principal.userId).map(view);

const audit = (db: Db, principal: Principal, action: string, outcome: 'SUCCEEDED' | 'FAILED', detail: string) =>
  recordAudit(db, principal, { action, resourceType: 'users', resourceId: principal.userId, outcome, detail });

const limitReached = (held: number): DomainError =>
  domainError('LimitExceeded', `You have ${held} API keys, the most OCI allows a user (${MAX_API_KEYS_PER_USER}). Delete one you no longer use, then add this one.`);

/** Stores a parsed key unless the user has three or holds it already; one transaction, so two uploads at once cannot make a fourth. */
function store(db: Db, principal: Principal, key: ParsedApiKey, now: Date): Result<ApiKeyView, DomainError> {
  return db.transaction((tx): Result<ApiKeyView, DomainError> => {
    const held = listApiKeyRows(tx, principal.userId);
    if (held.some((k) => k.fingerprint === key.fingerprint)) return err(domainError('Conflict', `You already have this key (fingerprint ${key.fingerprint}).`));
    if (held.length >= MAX_API_KEYS_PER_USER) return err(limitReached(held.length));
    const row: ApiKeyRow = { id: crypto.randomUUID(), userId: principal.userId, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem, timeCreated: now.toISOString() };
    insertApiKeyRow(tx, row);
    return ok(view(row));
  });
}

/** A public key the user pasted or uploaded. Nothing of a refused key is stored or logged but why. */
export function uploadApiKey(db: Db, principal: Principal, pem: string, now = new Date()): Result<ApiKeyView, DomainError> {
  const parsed = parseApiKeyPem(pem);
  const result = parsed.ok ? store(db, principal, parsed.data, now) : parsed;
  audit(db, principal, 'UploadApiKey', result.ok ? 'SUCCEEDED' : 'FAILED', result.ok ? result.data.fingerprint : result.error.code);
  return result;
}

/**
 * A new RSA 2048 pair made here: the public key is stored, the private key (PKCS#8 PEM) is
 * returned once for the browser to download and is kept nowhere.
 */
export function generateApiKey(db: Db, principal: Principal, now = new Date()): Result<ApiKeyView & { privateKeyPem: string }, DomainError> {
  // Making a pair costs a CPU for a moment: not when there is no room for it (store checks again).
  const held = listApiKeyRows(db, principal.userId).length;
  if (held >= MAX_API_KEYS_PER_USER) {
    audit(db, principal, 'UploadApiKey', 'FAILED', 'LimitExceeded');
    return err(limitReached(held));
  }
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const parsed = parseApiKeyPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const result = parsed.ok ? store(db, principal, parsed.data, now) : parsed;
  audit(db, principal, 'UploadApiKey', result.ok ? 'SUCCEEDED' : 'FAILED', result.ok ? `${result.data.fingerprint} (generated in the console)` : result.error.code);
  if (!result.ok) return result;
  return ok({ ...result.data, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
}

export function deleteApiKey(db: Db, principal: Principal, id: string): Result<{ fingerprint: string }, DomainError> {
  const row = listApiKeyRows(db, principal.userId).find((k) => k.id === id);
  if (!row || !deleteApiKeyRow(db, principal.userId, id)) {
    audit(db, principal, 'DeleteApiKey', 'FAILED', 'NotAuthorizedOrNotFound');
    return err(domainError('NotAuthorizedOrNotFound', `API key ${id} was not found.`));
  }
  audit(db, principal, 'DeleteApiKey', 'SUCCEEDED', row.fingerprint);
  return ok({ fingerprint: row.fingerprint });
}

export interface ApiKeysPage {
  keys: ApiKeyView[];
  max: number;
  /** What a ~/.oci/config profile names besides the fingerprint. */
  profile: { userId: string; tenancyId: string; region: string; endpoint: string };
}

/** The account's API keys page: the keys and what a config profile for one of them needs. */
export function apiKeysPage(ctx: { db: Db; config: { port: number; region: string } }, principal: Principal): ApiKeysPage {
  return {
    keys: listApiKeys(ctx.db, principal),
    max: MAX_API_KEYS_PER_USER,
    // The console serves the OCI-compatible API (/20190101) on its own port, on loopback.
    profile: { userId: principal.userId, tenancyId: principal.tenancyId, region: ctx.config.region, endpoint: `http://127.0.0.1:${ctx.config.port}` },
  };
}
