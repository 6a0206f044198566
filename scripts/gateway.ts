import fs from 'node:fs';
import { openDatabase } from '@/db/client';
import { PROJECT_ROOT } from '@/server/config';
import { createGateway, loadGatewayConfig } from '@/server/gateway';
import { gatewayCodeVersion } from '@/server/gateway/code-version';
import { predictAuthFor } from '@/server/gateway/predict-auth';
import { loadConfig } from '@/server/config';
// The recorder alone: the telemetry index also brings the console's Docker samplers (and dockerode,
// about a second of start-up that a restarted gateway would wait on).
import { createTelemetryRecorder } from '@/server/gateway/telemetry/recorder';

// The gateway as its own long-lived process (started by ensureGatewayRunning, or by hand):
//   BERTH_DATA_DIR=<dir> BERTH_GATEWAY_PORT=3080 node node_modules/tsx/dist/cli.mjs scripts/gateway.ts
// It binds 127.0.0.1 only, writes <dataDir>/gateway.pid and stops cleanly on SIGTERM or SIGINT.
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  // Metrics and access logs: read-write on the same file (WAL), flushed every few seconds.
  const telemetry = config.telemetry
    ? createTelemetryRecorder({ sqlite: openDatabase(config.dbFile).$client, accessLogPerSecond: config.accessLogPerSecond })
    : null;
  telemetry?.start();
  const gateway = createGateway({
    dbFile: config.dbFile,
    host: '127.0.0.1',
    port: config.port,
    healthIntervalMs: config.healthIntervalMs,
    predictRequestsPerSecond: config.predictRateLimit,
    predictAuth: predictAuthFor({ db: openDatabase(config.dbFile), dataDir: config.dataDir, mode: loadConfig().predictAuth }),
    codeVersion: process.env.BERTH_GATEWAY_CODE_VERSION ?? gatewayCodeVersion(PROJECT_ROOT),
    ...(telemetry ? { onRequestDone: telemetry.record } : {}),
  });
  const { port } = await gateway.listen();
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(config.pidFile, `${process.pid}\n`);
  console.log(`${new Date().toISOString()} Berth gateway listening on http://127.0.0.1:${port} (pid ${process.pid}, routes from ${config.dbFile})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${new Date().toISOString()} ${signal}: letting requests in flight finish, then stopping`);
    gateway
      .close()
      .then(() => {
        telemetry?.stop();
        removePidFile(config.pidFile);
        process.exit(0);
      })
      .catch((err: unknown) => {
        console.error('The gateway did not stop cleanly:', err);
        removePidFile(config.pidFile);
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Only our own pid file: a newer gateway may already have written its own. */
function removePidFile(pidFile: string): void {
  try {
    if (fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.rmSync(pidFile);
  } catch {
    // Already gone: nothing to remove.
  }
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  console.error(
    code === 'EADDRINUSE'
      ? `The gateway port is already in use. Stop what uses it or choose another with BERTH_GATEWAY_PORT.`
      : err instanceof Error
        ? err.message
        : String(err),
  );
  process.exit(1);
});
