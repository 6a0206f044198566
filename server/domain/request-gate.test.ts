import { describe, expect, it } from 'vitest';
import * as js from '@/scripts/lib/host-gate.mjs';
import { allowedHostNames, gateInputOf, gatePolicyOf, gateRequest, hostNameOf, isAllowedHost, isSameOrigin, splitHostList, type GateDecision, type GateRequest } from './request-gate';

const LOOPBACK = allowedHostNames('127.0.0.1');
const POLICY = { allowedHosts: LOOPBACK, trustForwardedHost: false };

// [Host header, allowed with the loopback default]
const HOSTS: [string | null, boolean][] = [
  ['127.0.0.1:3000', true],
  ['127.0.0.1', true],
  ['localhost:3000', true],
  ['LOCALHOST:3000', true],
  ['[::1]:3000', true],
  ['[::1]', true],
  ['evil.example:3000', false],
  ['evil.example', false],
  ['localhost.evil.example:3000', false],
  ['127.0.0.1.nip.io:3000', false],
  ['localhost.:3000', false],
  ['127.0.0.2:3000', false],
  ['[::2]:3000', false],
  ['127.0.0.1:3000:3000', false],
  ['127.0.0.1:abc', false],
  ['user@127.0.0.1:3000', false],
  ['127.0.0.1/x', false],
  ['', false],
  [null, false],
];

describe('the Host allow-list', () => {
  it.each(HOSTS)('Host %s -> allowed %s, in the gate and in the console server alike', (host, allowed) => {
    expect(isAllowedHost(host, LOOPBACK)).toBe(allowed);
    expect(js.isAllowedHost(host, js.allowedHostNames('127.0.0.1', undefined))).toBe(allowed);
  });

  it('takes the bound address (unless a wildcard) and BERTH_ALLOWED_HOSTS besides loopback', () => {
    const cases: [string, string | undefined][] = [
      ['0.0.0.0', 'berth.example.com, Other.Example'],
      ['::', undefined],
      ['192.168.1.5', ''],
      ['berth.lan', 'a.example,,b.example'],
      ['fe80::1', undefined],
    ];
    for (const [bind, extra] of cases) {
      const ts = allowedHostNames(bind, splitHostList(extra));
      expect([...ts].sort(), bind).toEqual([...js.allowedHostNames(bind, extra)].sort());
    }
    expect([...allowedHostNames('0.0.0.0', ['berth.example.com', 'Other.Example'])].sort()).toEqual(['127.0.0.1', '[::1]', 'berth.example.com', 'localhost', 'other.example']);
    expect(allowedHostNames('192.168.1.5').has('192.168.1.5')).toBe(true);
    expect(allowedHostNames('fe80::1').has('[fe80::1]')).toBe(true);
    expect(isAllowedHost('berth.lan:443', allowedHostNames('berth.lan'))).toBe(true);
  });

  it('reads the name of a Host header', () => {
    for (const [h, name] of [['[::1]:3000', '[::1]'], ['Berth.Example:8443', 'berth.example'], ['x_y:1', null], ['a:b:c', null]] as const) {
      expect(hostNameOf(h)).toBe(name);
      expect(js.hostNameOf(h)).toBe(name);
    }
  });
});

describe('same origin', () => {
  it.each([
    ['http://127.0.0.1:3000', '127.0.0.1:3000', true],
    ['https://berth.example', 'berth.example', true],
    ['https://berth.example:443', 'berth.example', true],
    ['http://berth.example', 'berth.example:80', true],
    ['http://[::1]:3000', '[::1]:3000', true],
    ['http://127.0.0.1:4290', '127.0.0.1:3000', false],
    ['http://localhost:3000', '127.0.0.1:3000', false],
    ['http://evil.example:3000', '127.0.0.1:3000', false],
    ['https://berth.example', 'berth.example:3000', false],
    ['null', '127.0.0.1:3000', false],
    ['file://', '127.0.0.1:3000', false],
    ['chrome-extension://abc', '127.0.0.1:3000', false],
  ])('Origin %s to Host %s -> %s', (origin, host, same) => {
    expect(isSameOrigin(origin, host)).toBe(same);
  });
});

const HOST = '127.0.0.1:3000';
const SELF = 'http://127.0.0.1:3000';
const base: GateRequest = { method: 'GET', pathname: '/', hasSessionCookie: true, host: HOST };
const post = (over: Partial<GateRequest>): GateRequest => ({ ...base, method: 'POST', pathname: '/api/model-deployments', origin: SELF, contentType: 'application/json', hasBody: true, ...over });

const pass: GateDecision = { kind: 'pass' };
const forbidden = { kind: 'refuse', status: 403, code: 'Forbidden' } as const;
const unauthenticated = { kind: 'refuse', status: 401, code: 'NotAuthenticated' } as const;

// [what, request, decision (matched as a subset)]
const CASES: [string, GateRequest, Partial<GateDecision>][] = [
  ['a page with a session', base, pass],
  ['a page without one', { ...base, hasSessionCookie: false, pathname: '/models' }, { kind: 'sign-in', next: '/models' }],
  ['the API without one', { ...base, hasSessionCookie: false, pathname: '/api/model-deployments' }, unauthenticated],
  ['health, anyone', { ...base, hasSessionCookie: false, pathname: '/api/health' }, pass],
  // DNS rebinding: the page's own origin, so Origin matches Host, but the name is not ours.
  ['a rebound GET', { ...base, host: 'evil.example:3000', pathname: '/api/model-deployments' }, forbidden],
  ['a rebound server action', post({ host: 'evil.example:3000', origin: 'http://evil.example:3000', pathname: '/', isServerAction: true, contentType: 'text/plain;charset=UTF-8' }), forbidden],
  ['a rebound health check', { ...base, hasSessionCookie: false, host: 'evil.example:3000', pathname: '/api/health' }, forbidden],
  ['a rebound signed API call', { ...base, hasSessionCookie: false, host: 'evil.example', pathname: '/20190101/models' }, forbidden],
  ['no Host at all', { ...base, host: null }, forbidden],
  // CSRF
  ['a same-origin JSON create', post({}), pass],
  ['a same-origin multipart upload', post({ pathname: '/api/models', contentType: 'multipart/form-data; boundary=x' }), pass],
  ['a JSON create with charset', post({ contentType: 'Application/JSON; charset=utf-8' }), pass],
  ['a cross-origin create', post({ origin: 'http://evil.example' }), forbidden],
  ['a create from another port of this host', post({ origin: 'http://127.0.0.1:4290' }), forbidden],
  ['an opaque origin', post({ origin: 'null' }), forbidden],
  ['a no-cors text/plain create, same origin', post({ contentType: 'text/plain;charset=UTF-8' }), forbidden],
  ['a urlencoded form post', post({ contentType: 'application/x-www-form-urlencoded' }), forbidden],
  ['a body with no content type', post({ contentType: null }), forbidden],
  ['no Origin, Sec-Fetch-Site same-origin', post({ origin: null, secFetchSite: 'same-origin' }), pass],
  ['no Origin, Sec-Fetch-Site same-site', post({ origin: null, secFetchSite: 'same-site' }), forbidden],
  ['no Origin, no Sec-Fetch-Site', post({ origin: null, secFetchSite: null }), forbidden],
  ['a DELETE without a body, same origin', post({ method: 'DELETE', hasBody: false, contentType: null }), pass],
  ['a DELETE from another site', post({ method: 'DELETE', hasBody: false, contentType: null, origin: 'http://evil.example' }), forbidden],
  ['PUT and PATCH are checked too', post({ method: 'PATCH', origin: 'http://evil.example' }), forbidden],
  ['a server action keeps its own content type', post({ pathname: '/models', isServerAction: true, contentType: 'text/plain;charset=UTF-8' }), pass],
  ['a cross-site server action', post({ pathname: '/models', isServerAction: true, origin: 'http://evil.example' }), forbidden],
  ['the sign-in action from another site', post({ pathname: '/sign-in', isServerAction: true, origin: 'http://evil.example' }), forbidden],
  ['the sign-in action without a session', post({ pathname: '/sign-in', hasSessionCookie: false, isServerAction: true, origin: SELF }), pass],
  ['a cross-site POST without a session is not CSRF (no credentials): 401', post({ hasSessionCookie: false, origin: 'http://evil.example' }), unauthenticated],
  ['the signed API takes no cookies', post({ pathname: '/20190101/modelDeployments', origin: 'http://evil.example', contentType: 'text/plain' }), pass],
  ['a GET from another site reads nothing it could not', { ...base, origin: 'http://evil.example' }, pass],
  ['OPTIONS changes nothing', post({ method: 'OPTIONS', origin: 'http://evil.example' }), pass],
];

describe('gateRequest', () => {
  it.each(CASES)('%s', (_what, req, decision) => {
    expect(gateRequest(req, POLICY)).toMatchObject(decision);
  });

  it('behind a TLS proxy, checks X-Forwarded-Host and compares Origin with it', () => {
    const policy = { allowedHosts: allowedHostNames('127.0.0.1', ['berth.example.com']), trustForwardedHost: true };
    const behind = post({ host: '127.0.0.1:3000', forwardedHost: 'berth.example.com', origin: 'https://berth.example.com' });
    expect(gateRequest(behind, policy)).toEqual(pass);
    expect(gateRequest({ ...behind, forwardedHost: 'evil.example' }, policy)).toMatchObject(forbidden);
    expect(gateRequest({ ...behind, origin: 'https://evil.example' }, policy)).toMatchObject(forbidden);
    // Not behind a proxy, a client's X-Forwarded-Host is no one's word: the Host header counts.
    expect(gateRequest({ ...behind, origin: SELF }, POLICY)).toEqual(pass);
    expect(gateRequest(behind, POLICY)).toMatchObject(forbidden);
  });

  it('says why it refuses', () => {
    const crossSite = gateRequest(post({ origin: 'http://evil.example' }), POLICY);
    expect(crossSite).toMatchObject({ message: expect.stringContaining('Origin http://evil.example') });
    expect(gateRequest(post({ contentType: 'text/plain' }), POLICY)).toMatchObject({ message: expect.stringContaining('declared text/plain') });
    expect(gateRequest({ ...base, host: 'evil.example:3000' }, POLICY)).toMatchObject({ message: expect.stringContaining("'evil.example:3000'") });
  });
});

describe('gateInputOf and gatePolicyOf', () => {
  it('reads what the gate needs from Fetch API headers', () => {
    const h = new Headers({ host: HOST, origin: SELF, 'content-type': 'multipart/form-data; boundary=x', 'content-length': '10', 'next-action': 'abc', 'sec-fetch-site': 'same-origin' });
    expect(gateInputOf('POST', '/api/models', h, true)).toEqual({
      method: 'POST',
      pathname: '/api/models',
      hasSessionCookie: true,
      host: HOST,
      forwardedHost: null,
      origin: SELF,
      secFetchSite: 'same-origin',
      contentType: 'multipart/form-data; boundary=x',
      hasBody: true,
      isServerAction: true,
    });
    expect(gateInputOf('POST', '/', new Headers({ 'content-length': '0' }), false)).toMatchObject({ hasBody: false, isServerAction: false, host: null });
    expect(gateInputOf('POST', '/', new Headers({ 'transfer-encoding': 'chunked' }), false)).toMatchObject({ hasBody: true });
  });

  it('builds the policy from the environment', () => {
    expect([...gatePolicyOf({}).allowedHosts].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    const p = gatePolicyOf({ BERTH_HOST: '0.0.0.0', BERTH_ALLOWED_HOSTS: 'berth.example.com', BERTH_BEHIND_TLS_PROXY: '1' });
    expect(p.allowedHosts.has('berth.example.com')).toBe(true);
    expect(p.allowedHosts.has('0.0.0.0')).toBe(false);
    expect(p.trustForwardedHost).toBe(true);
  });
});
