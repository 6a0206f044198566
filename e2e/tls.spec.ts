import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as requestContext, test } from '@playwright/test';
import { E2E_ADMIN, signIn } from './auth';

// A second console, served over HTTPS with a self-signed certificate made by OpenSSL
// (BERTH_TLS_CERT / BERTH_TLS_KEY): signing in in Chromium gives a session cookie marked Secure,
// httpOnly and SameSite=Lax. Its own throwaway data directory; ports next to the suite's.

let dir: string;
let child: ChildProcess;
let tlsUrl: string;
let output = '';

test.beforeAll(async ({ baseURL }) => {
  // Its own offset: +91 was idle-guard's own console's gateway (its console at +11, gateways at +80).
  const port = Number(new URL(baseURL ?? '').port) + 51;
  tlsUrl = `https://127.0.0.1:${port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-tls-'));
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
  child = spawn(process.execPath, ['scripts/lib/console-server.mjs', '127.0.0.1', String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      BERTH_DATA_DIR: path.join(dir, 'data'),
      BERTH_TLS_CERT: cert,
      BERTH_TLS_KEY: key,
      BERTH_ADMIN_PASSWORD: E2E_ADMIN.password,
      BERTH_GATEWAY_PORT: String(port + 1),
      BERTH_GATEWAY_SUPERVISE: '0',
      BERTH_RECONCILE_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const probe = await requestContext.newContext({ ignoreHTTPSErrors: true });
  try {
    await expect.poll(async () => (await probe.get(`${tlsUrl}/api/health`, { timeout: 2000 }).catch(() => null))?.status() ?? 0, { timeout: 60_000 }).toBe(200);
  } catch (err) {
    throw new Error(`The HTTPS console did not answer /api/health: ${String(err)}\n${output}`);
  } finally {
    await probe.dispose();
  }
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('signing in over HTTPS gives a Secure, httpOnly, SameSite=Lax session cookie', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: tlsUrl, ignoreHTTPSErrors: true, storageState: undefined, extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    expect(new URL(page.url()).protocol).toBe('https:');
    const session = (await context.cookies(tlsUrl)).find((c) => c.name === 'berth_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    await expect(page.getByRole('link', { name: 'Projects' }).first()).toBeVisible();
  } finally {
    await context.close();
  }
});
