import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NETLINK_SHIM } from '../../e2e/chromium-options';
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
    if (isExecutable(fromEnv)) return found(fromEnv, await ensureNetlinkShim());
    throw new Failure(`BERTH_CHROMIUM is set to ${fromEnv}, which is not an executable file.`);
  }
  if (isExecutable(DEFAULT_CHROMIUM)) return found(DEFAULT_CHROMIUM, await ensureNetlinkShim());

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
  return found(DEFAULT_CHROMIUM, await ensureNetlinkShim());
}

function found(file: string, shim: boolean): string {
  console.log(`Chromium: ${file}${shim ? ' (network-change watch off)' : ''}`);
  return file;
}

const SHIM_SOURCE = path.join('e2e', 'no-netlink', 'no-netlink.c');

const hasCompiler = (): boolean => spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Builds the library the specs preload into Chromium (see no-netlink.c): without it a container
 * started by one test aborts another test's page loads with ERR_NETWORK_CHANGED. Returns false,
 * having said so, where no C compiler can be had; the tests then run without it.
 */
export async function ensureNetlinkShim(): Promise<boolean> {
  const target = path.resolve(NETLINK_SHIM);
  if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(SHIM_SOURCE).mtimeMs) return true;
  if (!hasCompiler()) {
    if (!canInstallWithApt()) {
      console.warn(
        'No C compiler (cc): Chromium runs without the shim that keeps Docker\'s interface changes from ' +
          'aborting its requests (ERR_NETWORK_CHANGED). Install gcc to build it.',
      );
      return false;
    }
    console.log('Installing a C compiler for a small Chromium shim (gcc, about a minute)...');
    const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
    await runOrFail('apt-get update', 'apt-get', ['update'], { env });
    await runOrFail('Installing gcc', 'apt-get', ['install', '-y', 'gcc', 'libc6-dev'], { env });
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await runOrFail('Building the Chromium network-change shim', 'cc', ['-shared', '-fPIC', '-O2', '-o', partial, SHIM_SOURCE, '-ldl']);
  fs.renameSync(partial, target);
  return true;
}
