import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyFingerprint } from './api-key-fingerprint';
import { parseApiKeyPem } from './api-key-pem';

// What a user may paste as an API key, from keys made here with node:crypto.

const rsa = (bits: number) => crypto.generateKeyPairSync('rsa', { modulusLength: bits });
const pair = rsa(2048);
const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const pkcs1 = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();

const refused = (text: string) => {
  const r = parseApiKeyPem(text);
  if (r.ok) throw new Error('accepted');
  expect(r.error.code).toBe('InvalidParameter');
  expect(r.error.fieldErrors?.publicKeyPem).toBe(r.error.message);
  return r.error.message;
};

describe('parseApiKeyPem', () => {
  it('takes an RSA 2048 key as SPKI and as PKCS#1, names both by the same fingerprint and stores SPKI', () => {
    const a = parseApiKeyPem(spki);
    const b = parseApiKeyPem(`\n  ${pkcs1}\n`);
    expect(a).toMatchObject({ ok: true, data: { bits: 2048, publicKeyPem: spki, fingerprint: apiKeyFingerprint(spki) } });
    expect(b).toEqual(a);
    expect(a.ok && a.data.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  it('takes keys larger than 2048 bits', () => {
    expect(parseApiKeyPem(rsa(3072).publicKey.export({ type: 'spki', format: 'pem' }).toString())).toMatchObject({ ok: true, data: { bits: 3072 } });
  });

  it('refuses a private key in every form, saying so', () => {
    const forms = [
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      pair.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'pw' }).toString(),
      crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
      // Both halves pasted together: the public one would parse, the private one must not pass.
      `${spki}\n${pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`,
    ];
    for (const text of forms) expect(refused(text)).toMatch(/private key.*not stored/);
  });

  it('refuses an RSA key under 2048 bits, naming its size', () => {
    expect(refused(rsa(1024).publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe('The key has 1024 bits; OCI needs at least 2048.');
  });

  it('refuses keys that are not RSA', () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ed = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(refused(ec)).toMatch(/RSA keys; this key is EC\./);
    expect(refused(ed)).toMatch(/RSA keys; this key is ED25519\./);
  });

  it('refuses what is no single PEM public key, each with its reason', () => {
    expect(refused('hello')).toMatch(/No PEM key found/);
    expect(refused('')).toMatch(/No PEM key found/);
    expect(refused(`ssh-rsa AAAAB3NzaC1yc2E user@host`)).toMatch(/OpenSSH public key/);
    expect(refused(`${spki}${spki}`)).toMatch(/More than one PEM block/);
    expect(refused(spki.replace(/PUBLIC KEY/g, 'CERTIFICATE'))).toMatch(/"CERTIFICATE" is not a public key/);
    const body = spki.split('\n');
    expect(refused([body[0], body[1], body.at(-2)].join('\n'))).toMatch(/does not decode/);
  });
});
