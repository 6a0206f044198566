import { describe, expect, it } from 'vitest';
import * as js from '@/scripts/lib/host-gate.mjs';
import { describeServingMode, isLoopbackAddress, servingMode } from './serving-mode';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['127.0.0.256', false],
    ['berth.example', false],
    ['localhost.example', false],
  ])('%s -> %s, here and in the console server', (host, loopback) => {
    expect(isLoopbackAddress(host)).toBe(loopback);
    expect(js.isLoopbackAddress(host)).toBe(loopback);
  });
});

describe('servingMode', () => {
  it('serves plain HTTP on loopback', () => {
    expect(servingMode({ host: '127.0.0.1', behindTlsProxy: false })).toEqual({ ok: true, mode: { kind: 'loopback-http' } });
  });

  it('refuses plain HTTP off loopback, saying what to set', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'berth.lan']) {
      const r = servingMode({ host, behindTlsProxy: false });
      expect(r.ok, host).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/BERTH_TLS_CERT and BERTH_TLS_KEY.*BERTH_BEHIND_TLS_PROXY=1/);
    }
  });

  it('allows any address with a certificate or behind a TLS proxy', () => {
    expect(servingMode({ host: '0.0.0.0', tlsCert: '/c.pem', tlsKey: '/k.pem', behindTlsProxy: false })).toEqual({ ok: true, mode: { kind: 'tls', certFile: '/c.pem', keyFile: '/k.pem' } });
    expect(servingMode({ host: '0.0.0.0', behindTlsProxy: true })).toEqual({ ok: true, mode: { kind: 'behind-tls-proxy' } });
    expect(servingMode({ host: '127.0.0.1', tlsCert: '/c.pem', tlsKey: '/k.pem', behindTlsProxy: false })).toMatchObject({ ok: true, mode: { kind: 'tls' } });
  });

  it('wants both files, and not both modes', () => {
    expect(servingMode({ host: '0.0.0.0', tlsCert: '/c.pem', behindTlsProxy: false })).toMatchObject({ ok: false, message: expect.stringContaining('go together') });
    expect(servingMode({ host: '127.0.0.1', tlsKey: '/k.pem', behindTlsProxy: false })).toMatchObject({ ok: false });
    expect(servingMode({ host: '0.0.0.0', tlsCert: '/c.pem', tlsKey: '/k.pem', behindTlsProxy: true })).toMatchObject({ ok: false, message: expect.stringContaining('not both') });
  });

  it('names the mode in one line', () => {
    expect(describeServingMode({ kind: 'loopback-http' }, '127.0.0.1')).toMatch(/^Serving HTTP on 127\.0\.0\.1 \(loopback only/);
    expect(describeServingMode({ kind: 'tls', certFile: '/c.pem', keyFile: '/k.pem' }, '0.0.0.0')).toBe('Serving HTTPS on 0.0.0.0 with the certificate /c.pem');
    expect(describeServingMode({ kind: 'behind-tls-proxy' }, '0.0.0.0')).toMatch(/BERTH_BEHIND_TLS_PROXY=1/);
  });
});
