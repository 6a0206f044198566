import { openDatabase } from '../db/client';
import { createGateway, loadGatewayConfig } from '../server/gateway';
import { createTelemetryRecorder } from '@/server/gateway/telemetry/recorder';
import { predictAuthFor } from '../server/gateway/predict-auth';
import { E2E_ADMIN } from '../e2e/auth';
import { ensureBuild } from './lib/build';
import { checkThrowawayDataDir } from './lib/e2e-data-dir';
import { Failure, exitOnError } from './lib/run';
import { loadConfigOrFail, migrate, serveNext } from './lib/serve';
import { firstRunAnnouncement } from './lib/sign-in-link';

// Playwright's webServer (see playwright.config.ts), which makes the throwaway data directory.
async function main(): Promise<never> {
  const checked = checkThrowawayDataDir(process.env.BERTH_DATA_DIR);
  if ('why' in checked) {
    // This guard is what keeps a test run from ever writing to a real data directory.
    throw new Failure(
      `serve-e2e refuses to start: ${checked.why}\n` +
        'It serves the browser tests only, on a throwaway data directory; run them with `npm test`.',
    );
  }
  process.env.BERTH_DATA_DIR = checked.dir;
  process.env.PORT ??= '3100';
  process.env.BERTH_GATEWAY_PORT ??= String(Number(process.env.PORT) + 80);
  const config = loadConfigOrFail();
  migrate(config);
  // Up to date (well under a second) under `npm test`; builds when Playwright is run by itself.
  await ensureBuild();
  // The gateway lives in this process here, so it ends with the test server, not after it.
  const telemetry = createTelemetryRecorder({ sqlite: openDatabase(config.dbFile).$client, flushIntervalMs: 1000 });
  telemetry.start();
  const gateway = createGateway({
    dbFile: config.dbFile,
    port: config.gatewayPort,
    healthIntervalMs: 300,
    predictRequestsPerSecond: loadGatewayConfig().predictRateLimit,
    predictAuth: predictAuthFor({ db: openDatabase(config.dbFile), dataDir: config.dataDir, mode: config.predictAuth }),
    onRequestDone: telemetry.record,
  });
  await gateway.listen();
  // The specs sign in as the administrator with this (e2e/auth.ts); a real start prints a link, and
  // so does this with BERTH_E2E_FIRST_RUN=1 (the first-run spec's own console).
  const adminPassword = process.env.BERTH_E2E_FIRST_RUN === '1' ? undefined : (process.env.BERTH_ADMIN_PASSWORD ?? E2E_ADMIN.password);
  const code = await serveNext(
    'start',
    '127.0.0.1',
    config.port,
    {
      BERTH_DATA_DIR: checked.dir,
      BERTH_GATEWAY_PORT: String(config.gatewayPort),
      // The gateway lives and dies with this process; a supervisor must not start a second one.
      BERTH_GATEWAY_SUPERVISE: '0',
      BERTH_ADMIN_PASSWORD: adminPassword,
    },
    { announce: firstRunAnnouncement(config.dbFile, adminPassword ?? null) },
  );
  await gateway.close();
  telemetry.stop();
  process.exit(code);
}

main().catch(exitOnError);
