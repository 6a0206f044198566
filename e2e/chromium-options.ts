import fs from 'node:fs';
import path from 'node:path';
import type { LaunchOptions } from '@playwright/test';

/** Built by the Chromium setup step (scripts/lib/chromium.ts) from e2e/no-netlink/no-netlink.c. */
export const NETLINK_SHIM = path.join('node_modules', '.cache', 'berth', 'no-netlink.so');

/**
 * How the specs and the demo launch Chromium: Debian's (Playwright's own browser download cannot
 * reach its CDN from CI), with the background networking off (the network is closed: without these
 * flags Chromium keeps trying Google's hosts), --no-sandbox because the tests run as root, and the
 * network-change shim preloaded where it has been built.
 */
export const chromiumLaunchOptions = (env: Record<string, string | undefined> = process.env): LaunchOptions => ({
  executablePath: env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  ...preload(),
});

function preload(): Pick<LaunchOptions, 'env'> {
  const shim = path.resolve(NETLINK_SHIM);
  if (!fs.existsSync(shim)) return {};
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { env: { ...env, LD_PRELOAD: env.LD_PRELOAD ? `${shim}:${env.LD_PRELOAD}` : shim } };
}
