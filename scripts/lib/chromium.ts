import fs from 'node:fs';
import { Failure, childEnv, runOrFail } from './run';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && fs.existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');
}

/**
 * Returns a Chromium for the browser tests. Playwright's own browser download does not work on the
 * CI machines (no route to its CDN), so Debian's package is used, installed here when we can.
 */
export async function ensureChromium(): Promise<string> {
  const fromEnv = process.env.BERTH_CHROMIUM;
  if (fromEnv) {
    // Installing Debian's package would not help someone who asked for a specific binary.
    if (isExecutable(fromEnv)) return found(fromEnv);
    throw new Failure(`BERTH_CHROMIUM is set to ${fromEnv}, which is not an executable file.`);
  }
  if (isExecutable(DEFAULT_CHROMIUM)) return found(DEFAULT_CHROMIUM);

  if (!canInstallWithApt()) {
    throw new Failure(
      `The end-to-end tests need Chromium and there is none at ${DEFAULT_CHROMIUM}.\n` +
        'On Debian or Ubuntu install it with:  sudo apt-get install -y chromium\n' +
        'or point BERTH_CHROMIUM to a Chromium or Chrome executable. ' +
        'To skip the browser tests, run:  BERTH_TEST_ONLY=unit npm test',
    );
  }
  console.log("Chromium is not installed; installing Debian's chromium package (about a minute)...");
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  await runOrFail('apt-get update', 'apt-get', ['update'], { env });
  await runOrFail('Installing chromium', 'apt-get', ['install', '-y', 'chromium'], { env });
  if (!isExecutable(DEFAULT_CHROMIUM)) {
    throw new Failure(`apt-get installed chromium but ${DEFAULT_CHROMIUM} is still missing.`);
  }
  return found(DEFAULT_CHROMIUM);
}

function found(file: string): string {
  console.log(`Chromium: ${file}`);
  return file;
}
