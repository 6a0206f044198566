import { exitOnError, runPhases } from './lib/run';
import { loadConfigOrFail, migrate, serveNext } from './lib/serve';
import { firstRunAnnouncement } from './lib/sign-in-link';

// `npm run dev`: the same database preparation as `npm start`, then Next's dev server.
async function main(): Promise<never> {
  const config = loadConfigOrFail();
  let exitCode = 0;
  const { failure } = await runPhases([
    { name: 'Database', run: () => migrate(config) },
    {
      name: 'Dev server',
      run: async () => {
        exitCode = await serveNext('dev', config.host, config.port, { BERTH_DATA_DIR: config.dataDir }, { announce: firstRunAnnouncement(config.dbFile, config.adminPassword) });
      },
    },
  ]);
  if (failure) throw failure;
  process.exit(exitCode);
}

main().catch(exitOnError);
