import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsStatus, startConsole, stopConsole, type ConsoleProcess } from './console';

// BERTH_TLS_CERT / BERTH_TLS_KEY: the console as `npm start` serves it, over HTTPS with a
// self-signed certificate made here by OpenSSL.

let dir: string;
let ca: Buffer;
let c: ConsoleProcess;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-tls-'));
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'pipe' });
  ca = fs.readFileSync(cert);
  c = await startConsole({ env: { BERTH_TLS_CERT: cert, BERTH_TLS_KEY: key, BERTH_GATEWAY_SUPERVISE: '0', BERTH_ALLOWED_HOSTS: 'berth.test' } });
});

afterAll(async () => {
  await stopConsole(c);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the console over TLS', () => {
  it('answers over https on 127.0.0.1 with the configured certificate', async () => {
    expect(c.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await httpsStatus(`${c.url}/api/health`, ca)).toBe(200);
    expect(await httpsStatus(`${c.url}/sign-in`, ca)).toBe(200);
    expect(c.output()).toContain(`Console server listening on https://127.0.0.1:`);
  });

  it('does not answer plain HTTP on its port', async () => {
    const port = new URL(c.url).port;
    const plain = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/health', timeout: 5000 }, (res) => resolve(`HTTP ${res.statusCode ?? 0}`));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve(`error ${e.message}`));
    });
    expect(plain).not.toBe('HTTP 200');
  });

  const statusAs = (host: string, p: string) =>
    new Promise<number>((resolve, reject) => {
      const req = https.get(`${c.url}${p}`, { ca, headers: { host }, servername: 'localhost' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });

  it('keeps the Host allow-list over TLS', async () => {
    expect(await statusAs('evil.example', '/api/health')).toBe(403);
  });

  it('answers a name of BERTH_ALLOWED_HOSTS, in front of Next and in its proxy alike', async () => {
    expect(await statusAs('berth.test', '/api/health')).toBe(200);
    // Past the Host check of the proxy too (it reads the setting when the server runs, not at
    // build): without a session the API answers 401, where a refused name would be 403.
    expect(await statusAs('berth.test', '/api/model-deployments')).toBe(401);
    expect(await statusAs('other.test', '/api/model-deployments')).toBe(403);
  });
});
