import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkBodyDigest,
  checkClock,
  EMPTY_BODY_SHA256,
  missingSignedHeaders,
  parseAuthorization,
  parseKeyId,
  sha256Base64,
  signingString,
  verifyRsaSha256,
  type SignedRequest,
} from './oci-signature';

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const NOW = new Date('2026-12-01T12:00:00Z');

function request(headers: Record<string, string>, method = 'GET', target = '/20190101/projects?compartmentId=ocid1.compartment.oc1..x'): SignedRequest {
  const h = new Headers(headers);
  return { method, target, header: (name) => h.get(name) };
}

const sign = (text: string) => crypto.sign('sha256', Buffer.from(text), privateKey).toString('base64');

describe('parseAuthorization', () => {
  it('reads the header oci-common writes', () => {
    const parsed = parseAuthorization('Signature version="1",keyId="t/u/aa:bb",algorithm="rsa-sha256",headers="x-date (request-target) host",signature="c2ln"');
    expect(parsed).toEqual({ ok: true, value: { keyId: 't/u/aa:bb', algorithm: 'rsa-sha256', headers: ['x-date', '(request-target)', 'host'], signature: 'c2ln' } });
  });

  it.each([
    [null, 'no Authorization header'],
    ['Bearer abc', 'not an HTTP signature'],
    ['Signature keyId="a",keyId="b",signature="x"', 'twice'],
    ['Signature keyId=a,signature="x"', 'could not be parsed'],
    ['Signature version="2",keyId="a",signature="x"', 'version "2"'],
    ['Signature keyId="a",algorithm="hmac-sha256",signature="x"', 'hmac-sha256'],
    ['Signature keyId="a"', 'no signature value'],
  ])('refuses %s', (header, words) => {
    const parsed = parseAuthorization(header);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(words);
  });
});

describe('parseKeyId', () => {
  it('splits tenancy, user and fingerprint', () => {
    expect(parseKeyId('ocid1.tenancy.oc1..t/ocid1.user.oc1..u/AA:BB')).toEqual({ ok: true, value: { tenancyId: 'ocid1.tenancy.oc1..t', userId: 'ocid1.user.oc1..u', fingerprint: 'aa:bb' } });
  });
  it('refuses a session token keyId and a short one', () => {
    expect(parseKeyId('ST$eyJhbGciOi').ok).toBe(false);
    expect(parseKeyId('t/u').ok).toBe(false);
  });
});

describe('missingSignedHeaders', () => {
  it('needs the request target, host and a date on every request', () => {
    expect(missingSignedHeaders('GET', ['host'], true)).toEqual(['(request-target)', 'date or x-date']);
    expect(missingSignedHeaders('GET', ['date', '(request-target)', 'host'], true)).toEqual([]);
  });
  it('needs the body headers on POST and PUT unless the body is streamed unsigned', () => {
    expect(missingSignedHeaders('PUT', ['x-date', '(request-target)', 'host'], false)).toEqual(['content-type', 'content-length', 'x-content-sha256']);
    expect(missingSignedHeaders('POST', ['x-date', '(request-target)', 'host'], true)).toEqual([]);
  });
});

describe('a signed request', () => {
  const headers = { 'x-date': NOW.toUTCString(), host: '127.0.0.1:3000' };
  const signed = ['x-date', '(request-target)', 'host'];

  it('verifies with the key that signed it, and not once anything signed changes', () => {
    const text = signingString(request(headers), signed);
    expect(text).toEqual({ ok: true, value: `x-date: ${NOW.toUTCString()}\n(request-target): get /20190101/projects?compartmentId=ocid1.compartment.oc1..x\nhost: 127.0.0.1:3000` });
    if (!text.ok) return;
    const signature = sign(text.value);
    expect(verifyRsaSha256(publicKeyPem, text.value, signature)).toBe(true);
    const moved = signingString(request(headers, 'GET', '/20190101/projects?compartmentId=ocid1.compartment.oc1..y'), signed);
    expect(moved.ok && verifyRsaSha256(publicKeyPem, moved.value, signature)).toBe(false);
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyRsaSha256(other, text.value, signature)).toBe(false);
    expect(verifyRsaSha256(publicKeyPem, text.value, '')).toBe(false);
  });

  it('names a signed header the request lacks', () => {
    const text = signingString(request(headers), [...signed, 'content-type']);
    expect(text).toEqual({ ok: false, message: expect.stringContaining('"content-type"') });
  });

  it('allows 5 minutes of clock skew either way, and no more', () => {
    expect(checkClock(request({ 'x-date': new Date(NOW.getTime() - 299_000).toUTCString() }), NOW).ok).toBe(true);
    expect(checkClock(request({ date: new Date(NOW.getTime() + 299_000).toUTCString() }), NOW).ok).toBe(true);
    expect(checkClock(request({ 'x-date': new Date(NOW.getTime() - 301_000).toUTCString() }), NOW).ok).toBe(false);
    expect(checkClock(request({ 'x-date': 'yesterday' }), NOW).ok).toBe(false);
    expect(checkClock(request({}), NOW).ok).toBe(false);
  });

  it('takes the date the signature covers, not an unsigned x-date added beside it', () => {
    const stale = { date: new Date(NOW.getTime() - 3_600_000).toUTCString(), 'x-date': NOW.toUTCString() };
    expect(checkClock(request(stale), NOW, ['date', '(request-target)', 'host'])).toMatchObject({ ok: false, message: expect.stringContaining('more than 5 minutes') });
    expect(checkClock(request(stale), NOW, ['x-date', '(request-target)', 'host']).ok).toBe(true);
    expect(checkClock(request({ date: NOW.toUTCString() }), NOW, ['(request-target)', 'host']).ok).toBe(false);
  });

  it('checks a signed body against its digest and length', () => {
    const body = Buffer.from('{"displayName":"p"}');
    expect(checkBodyDigest(request({ 'x-content-sha256': sha256Base64(body), 'content-length': String(body.length) }), body).ok).toBe(true);
    expect(checkBodyDigest(request({ 'x-content-sha256': sha256Base64(Buffer.from('{}')) }), body).ok).toBe(false);
    expect(checkBodyDigest(request({ 'content-length': '3' }), body).ok).toBe(false);
    expect(sha256Base64(new Uint8Array(0))).toBe(EMPTY_BODY_SHA256);
  });
});
