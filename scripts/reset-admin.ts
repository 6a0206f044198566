import fs from 'node:fs';
import { exitOnError, Failure } from './lib/run';
import { loadConfigOrFail, reachableUrl } from './lib/serve';
import { linkBlock, resetAdministratorLink } from './lib/sign-in-link';

// `npm run reset-admin`: the person at the machine is trusted. The administrator's password is
// cleared, every one of its sessions ends, and a one-time link to choose a new one is printed for
// the console this environment (BERTH_DATA_DIR, BERTH_HOST, PORT) describes.
async function main(): Promise<void> {
  const config = loadConfigOrFail();
  if (!fs.existsSync(config.dbFile)) {
    throw new Failure(`There is no Berth database at ${config.dbFile}. Run \`npm start\` first (with the same BERTH_DATA_DIR).`);
  }
  const url = reachableUrl(config.host, config.port);
  const { link, sessionsEnded } = resetAdministratorLink(config.dbFile, url);
  const running = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000), redirect: 'manual' })
    .then((r) => r.ok)
    .catch(() => false);
  console.log(`The administrator's password is cleared and ${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended.`);
  if (!running) console.log(`No console answers at ${url} now: start it with \`npm start\` (same PORT and BERTH_HOST), then open the link.`);
  console.log(`\n${linkBlock('Open this link to sign in as admin and choose a new password', link)}`);
}

main().catch(exitOnError);
