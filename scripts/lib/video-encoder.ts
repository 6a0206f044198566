import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Failure, childEnv, nodeModule, runOrFail, type EnvVars } from './run';

// Playwright writes its WebM recordings with an ffmpeg of its own, downloaded by `playwright
// install ffmpeg` from a CDN the CI machines cannot reach. Debian's ffmpeg encodes the same VP8
// stream, so it is linked where Playwright looks for its own.

const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Where this Playwright looks for its ffmpeg: <browsers path>/ffmpeg-<revision>/ffmpeg-linux. */
export function playwrightFfmpegPath(env: EnvVars = process.env): string {
  const manifest = JSON.parse(fs.readFileSync(nodeModule('playwright-core/browsers.json'), 'utf8')) as { browsers: { name: string; revision: string }[] };
  const revision = manifest.browsers.find((b) => b.name === 'ffmpeg')?.revision;
  if (!revision) throw new Failure('playwright-core/browsers.json names no ffmpeg revision: the video recording cannot be set up.');
  const root = env.PLAYWRIGHT_BROWSERS_PATH || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ms-playwright');
  return path.join(root, `ffmpeg-${revision}`, 'ffmpeg-linux');
}

const canInstallWithApt = () => process.getuid?.() === 0 && fs.existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');

/** Makes sure Playwright can record video; returns the ffmpeg it will run. */
export async function ensureVideoEncoder(): Promise<string> {
  const target = playwrightFfmpegPath();
  if (isExecutable(target)) return target;
  if (!isExecutable(SYSTEM_FFMPEG)) {
    if (!canInstallWithApt()) {
      throw new Failure(
        `Recording the demo's video needs ffmpeg, and there is none at ${SYSTEM_FFMPEG}.\n` +
          'On Debian or Ubuntu install it with:  sudo apt-get install -y --no-install-recommends ffmpeg\n' +
          'or, where Playwright can download, run:  npx playwright install ffmpeg',
      );
    }
    console.log("ffmpeg is not installed; installing Debian's ffmpeg package...");
    const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
    await runOrFail('Installing ffmpeg', 'apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], { env });
    if (!isExecutable(SYSTEM_FFMPEG)) throw new Failure(`apt-get installed ffmpeg but ${SYSTEM_FFMPEG} is still missing.`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  fs.symlinkSync(SYSTEM_FFMPEG, target);
  console.log(`Video encoder: ${target} -> ${SYSTEM_FFMPEG}`);
  return target;
}
