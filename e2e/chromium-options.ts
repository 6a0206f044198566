import type { LaunchOptions } from '@playwright/test';

/**
 * How the specs and the demo launch Chromium: Debian's (Playwright's own browser download cannot
 * reach its CDN from CI), with the background networking off (the network is closed: without these
 * flags Chromium keeps trying Google's hosts) and --no-sandbox because the tests run as root.
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
});
