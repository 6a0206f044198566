import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig: hosts and TLS', () => {
  it('answers loopback by default, with cookies not Secure over plain HTTP', () => {
    const c = loadConfig({});
    expect(c.allowedHosts.sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(c.serving).toEqual({ kind: 'loopback-http' });
    expect(c.secureCookies).toBe(false);
  });

  it('adds BERTH_HOST and BERTH_ALLOWED_HOSTS to the names answered', () => {
    const c = loadConfig({ BERTH_HOST: 'berth.lan', BERTH_ALLOWED_HOSTS: 'berth.example.com, Other.Example', BERTH_BEHIND_TLS_PROXY: '1' });
    expect(c.allowedHosts).toEqual(expect.arrayContaining(['berth.lan', 'berth.example.com', 'other.example', '127.0.0.1']));
  });

  it('refuses a list entry that is not a host name', () => {
    for (const bad of ['https://berth.example', 'berth.example:443', 'a/b', 'a b']) {
      expect(() => loadConfig({ BERTH_ALLOWED_HOSTS: bad }), bad).toThrow(/BERTH_ALLOWED_HOSTS must be host names/);
    }
  });

  it('refuses to bind off loopback over plain HTTP, saying what to set', () => {
    expect(() => loadConfig({ BERTH_HOST: '0.0.0.0' })).toThrow(/BERTH_HOST=0\.0\.0\.0 would serve .* BERTH_TLS_CERT and BERTH_TLS_KEY .* BERTH_BEHIND_TLS_PROXY=1/);
  });

  it('marks cookies Secure in both TLS modes', () => {
    const tls = loadConfig({ BERTH_HOST: '0.0.0.0', BERTH_TLS_CERT: '/etc/berth/cert.pem', BERTH_TLS_KEY: '/etc/berth/key.pem' });
    expect(tls.serving).toEqual({ kind: 'tls', certFile: '/etc/berth/cert.pem', keyFile: '/etc/berth/key.pem' });
    expect(tls.secureCookies).toBe(true);
    const proxied = loadConfig({ BERTH_HOST: '0.0.0.0', BERTH_BEHIND_TLS_PROXY: '1' });
    expect(proxied.serving).toEqual({ kind: 'behind-tls-proxy' });
    expect(proxied.secureCookies).toBe(true);
  });
});

describe('loadConfig: telemetry retention', () => {
  it('keeps minute points a day, hourly ones 30 days and logs 7 days unless told otherwise', () => {
    expect(loadConfig({}).telemetryRetention).toEqual({ minuteRetentionMs: 24 * 3_600_000, hourRetentionMs: 720 * 3_600_000, logRetentionMs: 168 * 3_600_000 });
    expect(loadConfig({ BERTH_LOG_RETENTION_HOURS: '0.5' }).telemetryRetention.logRetentionMs).toBe(1_800_000);
  });

  it('refuses a retention that is not a positive number, naming the setting', () => {
    for (const bad of ['0', '-3', 'a week']) {
      expect(() => loadConfig({ BERTH_LOG_RETENTION_HOURS: bad }), bad).toThrow(/BERTH_LOG_RETENTION_HOURS/);
    }
  });
});
