import { ensureGatewayRunning } from '../server/gateway';
import { ensureBuild } from './lib/build';
import { ensureDockerEngine } from './lib/docker-engine';
import { exitOnError, runPhases, type Phase } from './lib/run';
import { ensureRuntimeImages } from './lib/runtime-setup';
import { assertNoConsoleRunning, loadConfigOrFail, migrate, serveNext } from './lib/serve';

// `npm start`: prepare everything the console needs, then serve it in the foreground.
async function main(): Promise<never> {
  const config = loadConfigOrFail();
  // Checked before any slow phase too, so a busy port is reported at once, not after a build.
  await assertNoConsoleRunning(config.host, config.port);
  let exitCode = 0;
  // Preparations run in order before serving; one that needs the machine set up (a Docker engine,
  // runtime images) goes in this list, before 'Serving'.
  const phases: Phase[] = [
    { name: 'Database', run: () => migrate(config) },
    { name: 'Production build', run: async () => void (await ensureBuild()) },
    { name: 'Docker engine', run: ensureDockerEngine },
    { name: 'Runtime images', run: () => ensureRuntimeImages({ dbFile: config.dbFile }) },
    {
      // Its own process, so predictions keep flowing while the console restarts.
      name: 'Gateway',
      run: async () => {
        const gw = await ensureGatewayRunning({ dataDir: config.dataDir, port: config.gatewayPort });
        const what = gw.reused ? 'Gateway already running' : gw.replaced ? `Gateway restarted with this code (it was pid ${gw.replaced})` : 'Gateway started';
        console.log(`${what}: ${gw.url} (pid ${gw.pid})`);
      },
    },
    {
      name: 'Serving',
      run: async () => {
        // The resolved data directory is passed on so the server cannot pick a different one.
        exitCode = await serveNext('start', config.host, config.port, { BERTH_DATA_DIR: config.dataDir });
      },
    },
  ];
  const { failure } = await runPhases(phases);
  if (failure) throw failure;
  process.exit(exitCode);
}

main().catch(exitOnError);
