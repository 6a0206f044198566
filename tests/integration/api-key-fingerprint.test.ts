import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listApiKeyRows } from '@/db/queries/api-keys';
import { apiKeyFingerprint } from '@/server/domain/api-key-fingerprint';
import { generateApiKey, uploadApiKey } from '@/server/services/identity/api-keys';
import { adminPrincipal } from '@/tests/support/principals';
import { createTempContext } from '@/tests/support/temp-context';

// OCI's fingerprint is what its documentation has users compute with OpenSSL:
//   openssl rsa -pubout -outform DER -in key.pem | openssl md5 -c
// Keys made by OpenSSL itself, and the pair the console generates, checked against that output.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-apikeys-'));
const ctx = createTempContext();
afterAll(() => {
  ctx.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const openssl = (args: string[], input?: Buffer): Buffer => execFileSync('openssl', args, { cwd: dir, ...(input ? { input } : {}), stdio: ['pipe', 'pipe', 'pipe'] });

/** The fingerprint as `openssl md5 -c` prints it ("MD5(stdin)= 1f:2e:..."). */
function opensslFingerprint(privateKeyFile: string): string {
  const der = openssl(['rsa', '-in', privateKeyFile, '-pubout', '-outform', 'DER']);
  const printed = openssl(['md5', '-c'], der).toString().trim();
  const fingerprint = printed.split(/\s+/).pop() ?? '';
  expect(fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  return fingerprint;
}

describe('API key fingerprints against OpenSSL', () => {
  it('names an OpenSSL key, as SPKI and as PKCS#1, by the fingerprint OpenSSL prints', () => {
    openssl(['genrsa', '-out', 'a.pem', '2048']);
    const expected = opensslFingerprint('a.pem');
    const spki = openssl(['rsa', '-in', 'a.pem', '-pubout']).toString();
    const pkcs1 = openssl(['rsa', '-in', 'a.pem', '-RSAPublicKey_out']).toString();
    expect(spki).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pkcs1).toMatch(/^-----BEGIN RSA PUBLIC KEY-----/);
    expect(apiKeyFingerprint(spki)).toBe(expected);

    const me = adminPrincipal(ctx);
    expect(uploadApiKey(ctx.db, me, pkcs1)).toMatchObject({ ok: true, data: { fingerprint: expected } });
    expect(uploadApiKey(ctx.db, me, spki)).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(listApiKeyRows(ctx.db, me.userId).map((r) => r.fingerprint)).toEqual([expected]);
  }, 60_000);

  it('names a 4096-bit OpenSSL key the same way', () => {
    openssl(['genrsa', '-out', 'b.pem', '4096']);
    const spki = openssl(['rsa', '-in', 'b.pem', '-pubout']).toString();
    expect(apiKeyFingerprint(spki)).toBe(opensslFingerprint('b.pem'));
  }, 120_000);

  it('lists a generated pair under the fingerprint OpenSSL computes from the downloaded private key', () => {
    const made = generateApiKey(ctx.db, adminPrincipal(ctx));
    if (!made.ok) throw new Error(made.error.message);
    fs.writeFileSync(path.join(dir, 'berth_api_key.pem'), made.data.privateKeyPem, { mode: 0o600 });
    expect(made.data.fingerprint).toBe(opensslFingerprint('berth_api_key.pem'));
  }, 60_000);

  it('refuses the private key file OpenSSL wrote, and a 1024-bit public key', () => {
    const me = adminPrincipal(ctx);
    const before = listApiKeyRows(ctx.db, me.userId).length;
    expect(uploadApiKey(ctx.db, me, fs.readFileSync(path.join(dir, 'a.pem'), 'utf8'))).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    openssl(['genrsa', '-out', 'small.pem', '1024']);
    const small = openssl(['rsa', '-in', 'small.pem', '-pubout']).toString();
    expect(uploadApiKey(ctx.db, me, small)).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: 'The key has 1024 bits; OCI needs at least 2048.' } });
    expect(listApiKeyRows(ctx.db, me.userId)).toHaveLength(before);
  }, 60_000);
});
