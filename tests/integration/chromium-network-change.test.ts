import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '@/e2e/chromium-options';
import { ensureNetlinkShim } from '@/scripts/lib/chromium';
import { docker } from './support';

// Chromium as the browser tests launch it keeps loading while Docker changes the host's network
// interfaces: without the preloaded shim, requests in flight when a network is created or removed
// fail with ERR_NETWORK_CHANGED (seen as a page that never hydrated: one of its chunks failed).

let server: http.Server;
let browser: Browser;
let requests = 0;

beforeAll(async () => {
  expect(await ensureNetlinkShim()).toBe(true);
  server = http.createServer((req, res) => {
    requests++;
    // A new connection per request, so that every request goes through the connect stage, where
    // Chromium's socket pool aborts jobs on a network change.
    res.setHeader('connection', 'close');
    res.end(req.url === '/' ? '<!doctype html><title>probe</title>' : 'x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it('loads through Docker network changes without a failed request', async () => {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  // Fetches run in the page until told to stop, eight at a time; each failure is counted by its text.
  const loop = page.evaluate(async () => {
    const w = window as unknown as { berthStop?: boolean };
    const failures: string[] = [];
    let i = 0;
    while (!w.berthStop) {
      await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`/r${i++}`, { cache: 'no-store' })
            .then((r) => r.text())
            .catch((e: unknown) => void failures.push(String(e))),
        ),
      );
    }
    return { sent: i, failures };
  });
  for (let k = 0; k < 4; k++) {
    const network = await docker.createNetwork({ Name: `berth-it-netchange-${process.pid}-${k}`, Labels: { 'berth.test': 'true' } });
    await network.remove();
  }
  await page.evaluate(() => void ((window as unknown as { berthStop?: boolean }).berthStop = true));
  const { sent, failures } = await loop;
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThan(0);
  expect(requests).toBeGreaterThanOrEqual(sent);
});
