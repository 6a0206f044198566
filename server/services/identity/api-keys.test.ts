import crypto from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { listApiKeyRows, MAX_API_KEYS_PER_USER } from '@/db/queries/api-keys';
import { listAuditEvents } from '@/db/queries/audit';
import { apiKeyFingerprint } from '@/server/domain/api-key-fingerprint';
import { adminPrincipal, memberOf } from '@/tests/support/principals';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { apiKeysPage, deleteApiKey, generateApiKey, listApiKeys, uploadApiKey } from './api-keys';

// API keys on a real SQLite file: the limit of three, what is refused, and the audit trail.

const { ctx } = tempContextPerTest();
beforeEach(() => {
  drawn = 0;
});
// RSA key generation takes a second on a loaded machine: a few keys made once serve every test
// (each test has a fresh database).
const POOL = Array.from({ length: 4 }, () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }));
let drawn = 0;
const newPublicKey = () => (POOL[drawn++ % POOL.length]?.publicKey.export({ type: 'spki', format: 'pem' }).toString() ?? '');
const audit = () => listAuditEvents(ctx().db, {}, { limit: 100, offset: 0 }).rows;

describe('API keys of a user', () => {
  it('keeps three keys and refuses a fourth with the reason, storing nothing of it', () => {
    const me = adminPrincipal(ctx());
    const keys = Array.from({ length: MAX_API_KEYS_PER_USER + 1 }, newPublicKey);
    for (const pem of keys.slice(0, 3)) expect(uploadApiKey(ctx().db, me, pem)).toMatchObject({ ok: true, data: { fingerprint: apiKeyFingerprint(pem) } });
    const fourth = uploadApiKey(ctx().db, me, keys[3] ?? '');
    expect(fourth).toMatchObject({ ok: false, error: { code: 'LimitExceeded' } });
    expect(!fourth.ok && fourth.error.message).toMatch(/You have 3 API keys, the most OCI allows a user \(3\)\. Delete one/);
    expect(generateApiKey(ctx().db, me)).toMatchObject({ ok: false, error: { code: 'LimitExceeded' } });
    expect(listApiKeyRows(ctx().db, me.userId).map((r) => r.fingerprint)).toEqual(keys.slice(0, 3).map((k) => apiKeyFingerprint(k)));

    // Room again once one is deleted.
    const [first] = listApiKeys(ctx().db, me);
    expect(deleteApiKey(ctx().db, me, first?.id ?? '')).toEqual({ ok: true, data: { fingerprint: first?.fingerprint } });
    expect(uploadApiKey(ctx().db, me, keys[3] ?? '')).toMatchObject({ ok: true });
    expect(listApiKeys(ctx().db, me)).toHaveLength(3);
  });

  it('counts keys per user: another user has three of their own', () => {
    const admin = adminPrincipal(ctx());
    const viewer = memberOf(ctx(), 'vera', 'Viewers');
    for (let i = 0; i < 3; i++) expect(uploadApiKey(ctx().db, admin, newPublicKey()).ok).toBe(true);
    expect(uploadApiKey(ctx().db, viewer, newPublicKey()).ok).toBe(true);
    expect(listApiKeys(ctx().db, viewer)).toHaveLength(1);
  });

  it('refuses the same key twice for one user', () => {
    const me = adminPrincipal(ctx());
    const pem = newPublicKey();
    expect(uploadApiKey(ctx().db, me, pem).ok).toBe(true);
    expect(uploadApiKey(ctx().db, me, pem)).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(listApiKeys(ctx().db, me)).toHaveLength(1);
  });

  it('refuses a pasted private key and keeps no trace of it, the refusal in the audit log', () => {
    const me = adminPrincipal(ctx());
    const privatePem = POOL[0]?.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() ?? '';
    expect(uploadApiKey(ctx().db, me, privatePem)).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(listApiKeyRows(ctx().db, me.userId)).toEqual([]);
    const body = privatePem.split('\n')[1] ?? '';
    const dump = ctx().db.$client.prepare('SELECT * FROM audit_events').all();
    expect(JSON.stringify(dump)).not.toContain(body);
    expect(audit()).toMatchObject([{ action: 'UploadApiKey', outcome: 'FAILED', detail: 'InvalidParameter', principalId: me.userId, resourceId: me.userId }]);
  });

  it('generates a pair whose private key matches the stored public key and is stored nowhere', () => {
    const me = adminPrincipal(ctx());
    const made = generateApiKey(ctx().db, me);
    if (!made.ok) throw new Error(made.error.message);
    expect(made.data.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const derived = crypto.createPublicKey(made.data.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    expect(apiKeyFingerprint(derived)).toBe(made.data.fingerprint);
    const [row] = listApiKeyRows(ctx().db, me.userId);
    expect(row?.publicKeyPem).toBe(derived);
    // A signature made with the downloaded key verifies with what is stored: what the OCI API checks.
    const signature = crypto.sign('sha256', Buffer.from('date: now'), made.data.privateKeyPem);
    expect(crypto.verify('sha256', Buffer.from('date: now'), row?.publicKeyPem ?? '', signature)).toBe(true);
    const secretLine = made.data.privateKeyPem.split('\n')[1] ?? '';
    const everything = ['api_keys', 'audit_events'].map((t) => JSON.stringify(ctx().db.$client.prepare(`SELECT * FROM ${t}`).all())).join('');
    expect(everything).not.toContain(secretLine);
    expect(audit()).toMatchObject([{ action: 'UploadApiKey', outcome: 'SUCCEEDED', detail: `${made.data.fingerprint} (generated in the console)` }]);
  }, 30_000);

  it('deletes only the caller’s own key, each delete audited', () => {
    const admin = adminPrincipal(ctx());
    const viewer = memberOf(ctx(), 'vera', 'Viewers');
    const added = uploadApiKey(ctx().db, admin, newPublicKey());
    if (!added.ok) throw new Error(added.error.message);
    expect(deleteApiKey(ctx().db, viewer, added.data.id)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(listApiKeys(ctx().db, admin)).toHaveLength(1);
    expect(deleteApiKey(ctx().db, admin, added.data.id).ok).toBe(true);
    expect(listApiKeys(ctx().db, admin)).toEqual([]);
    expect(audit().map((e) => [e.principalName, e.action, e.outcome])).toEqual([
      ['admin', 'DeleteApiKey', 'SUCCEEDED'],
      ['vera', 'DeleteApiKey', 'FAILED'],
      ['admin', 'UploadApiKey', 'SUCCEEDED'],
    ]);
  });

  it('gives the page what a config profile needs: user, tenancy, region and the console as endpoint', () => {
    const me = adminPrincipal(ctx());
    const page = apiKeysPage(ctx(), me);
    expect(page).toEqual({
      keys: [],
      max: 3,
      profile: { userId: ctx().installation.userId, tenancyId: ctx().installation.tenancyId, region: 'test', endpoint: `http://127.0.0.1:${ctx().config.port}` },
    });
  });
});
