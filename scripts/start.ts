import path from 'node:path';
import { ensureGatewayRunning } from '../server/gateway';
import { ensureBuild } from './lib/build';
import { ensureDockerEngine } from './lib/docker-engine';
import { openSetupLog, runQuietPhases } from './lib/phase-output';
import { exitOnError, formatMs, type Phase } from './lib/run';
import { runtimeImagePhases } from './lib/runtime-setup';
import { assertNoConsoleRunning, assertTlsReadable, loadConfigOrFail, migrate, serveNext } from './lib/serve';
import { firstRunAnnouncement } from './lib/sign-in-link';

// `npm start`: prepare everything the console needs, one line per phase (the phases' own output
// goes to <data dir>/logs/setup.log, shown only when one fails), then serve it in the foreground.
async function main(): Promise<never> {
  const config = loadConfigOrFail();
  // Checked before any slow phase too, so a busy port or a missing certificate is reported at once.
  assertTlsReadable(config.serving);
  await assertNoConsoleRunning(config.host, config.port, config.serving.kind === 'tls');
  // The bootstrap wrote the npm install into it already when it ran one.
  const given = process.env.BERTH_SETUP_LOG;
  const log = openSetupLog(given ?? path.join(config.dataDir, 'logs', 'setup.log'), given !== undefined);
  const phases: Phase[] = [
    { name: 'Database', run: () => migrate(config) },
    { name: 'Production build', run: async () => void (await ensureBuild()) },
    { name: 'Docker engine', run: ensureDockerEngine },
    ...runtimeImagePhases({ dbFile: config.dbFile }),
    {
      // Its own process, so predictions keep flowing while the console restarts.
      name: 'Gateway',
      run: async () => {
        const gw = await ensureGatewayRunning({ dataDir: config.dataDir, port: config.gatewayPort });
        const what = gw.reused ? 'Gateway already running' : gw.replaced ? `Gateway restarted with this code (it was pid ${gw.replaced})` : 'Gateway started';
        console.log(`${what}: ${gw.url} (pid ${gw.pid})`);
      },
    },
  ];
  const t0 = performance.now();
  const { failure } = await runQuietPhases(phases, log, { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY === true });
  log.close();
  if (failure) throw failure;
  console.log(`Ready in ${formatMs(performance.now() - t0)}; the setup's output is in ${log.file}`);
  // The resolved data directory is passed on so the server cannot pick a different one.
  // The first-run link comes last, under the address, once the console answers.
  const announce = firstRunAnnouncement(config.dbFile, config.adminPassword);
  process.exit(await serveNext('start', config.host, config.port, { BERTH_DATA_DIR: config.dataDir }, { announce, serving: config.serving }));
}

main().catch(exitOnError);
