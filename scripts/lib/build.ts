import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '@/server/config';
import { Failure, NEXT_BIN, formatMs, runNode, type EnvVars } from './run';

const SOURCE_DIRS = ['app', 'components', 'server', 'db', 'public'];
// middleware.ts and proxy.ts (its Next 16 name) change the build as much as a page does.
const SOURCE_FILES = [
  'instrumentation.ts',
  'middleware.ts',
  'proxy.ts',
  'next.config.mjs',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
// Migrations are read from disk when the server starts (db/migrate.ts), not bundled, and tests are
// never imported by a page: changing either must not cost a production build. Nor must the
// README's pictures, which `npm run demo:screenshots` rewrites and no page uses.
const SKIPPED_DIRS = new Set(['db/migrations', 'public/screenshots']);
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

export const BUILD_HASH_FILE = path.join('.next', 'berth-build-hash');

function listFiles(root: string, rel: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return; // a directory that does not exist yet contributes nothing
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const child = path.posix.join(rel, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !SKIPPED_DIRS.has(child)) listFiles(root, child, out);
    } else if (e.isFile() && !TEST_FILE.test(e.name)) {
      out.push(child);
    }
  }
}

/** A digest of everything the production build reads, including NEXT_PUBLIC_ values it inlines. */
export function computeBuildHash(root: string = PROJECT_ROOT, env: EnvVars = process.env): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) listFiles(root, dir, files);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = fs.readFileSync(path.join(root, file));
    // Length prefixes keep "a" + "bc" and "ab" + "c" from hashing alike.
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  for (const key of Object.keys(env).filter((k) => k.startsWith('NEXT_PUBLIC_')).sort()) {
    hash.update(`env:${key}=${env[key] ?? ''}\0`);
  }
  return hash.digest('hex');
}

export function isBuildUpToDate(root: string, hash: string): boolean {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return false;
  try {
    return fs.readFileSync(path.join(root, BUILD_HASH_FILE), 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

export interface BuildResult {
  built: boolean;
  ms: number;
}

/** Runs `next build` only when the sources changed since the last successful one. */
export async function ensureBuild(root: string = PROJECT_ROOT): Promise<BuildResult> {
  const t0 = performance.now();
  const hash = computeBuildHash(root);
  if (isBuildUpToDate(root, hash)) {
    console.log(`Production build is up to date (checked in ${formatMs(performance.now() - t0)})`);
    return { built: false, ms: performance.now() - t0 };
  }
  // Removed first so that an interrupted build is never taken for a finished one.
  fs.rmSync(path.join(root, BUILD_HASH_FILE), { force: true });
  console.log('Building the console for production...');
  const code = await runNode(NEXT_BIN, ['build'], { cwd: root });
  if (code !== 0) throw new Failure(`The production build failed (exit code ${code}); see the output above.`, code);
  // The hash taken before the build: an edit made during it makes the next check rebuild.
  fs.writeFileSync(path.join(root, BUILD_HASH_FILE), `${hash}\n`);
  const ms = performance.now() - t0;
  console.log(`Production build finished in ${formatMs(ms)}`);
  return { built: true, ms };
}
