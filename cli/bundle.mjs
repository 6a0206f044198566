// The CLI as one bundle, built by the esbuild that tsx brings: `npx berth` then starts in about a
// third of the CPU it took through tsx (which transpiles cli/ and the server modules it imports on
// every run), which a CI job calling it a dozen times notices. The bundle is rebuilt when a source
// it could contain changed. Plain JavaScript: bin.mjs runs it before any TypeScript loader.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the CLI imports comes from these (cli/ and the server modules; the rest are packages, left external). */
const SOURCE_DIRS = ['cli', 'server', 'db'];
const SOURCE_FILES = ['package-lock.json', 'tsconfig.json'];
const IS_SOURCE = /\.(ts|mts|json)$/;
const IS_TEST = /\.test\.ts$/;

/**
 * A key for the sources as they are on disk: each file's path, size and modification time. Cheap
 * (stats, no reads), and any edit, checkout or install changes it.
 * @param {string} root
 * @returns {string}
 */
export function sourceKey(root) {
  /** @type {string[]} */
  const lines = [];
  /** @param {string} rel */
  const add = (rel) => {
    try {
      const st = fs.statSync(path.join(root, rel));
      lines.push(`${rel}\t${st.size}\t${st.mtimeMs}`);
    } catch {
      // Absent in this checkout: nothing of it is bundled.
    }
  };
  /** @param {string} rel */
  const walk = (rel) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && IS_SOURCE.test(e.name) && !IS_TEST.test(e.name)) add(child);
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  for (const f of SOURCE_FILES) add(f);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16);
}

/**
 * The bundle of cli/main.ts for the sources at `root` (built now when there is none for them), or
 * null when it cannot be built: no esbuild, or a source that does not compile. The caller then runs
 * the CLI through tsx, which names the problem.
 * @param {string} root
 * @returns {string | null}
 */
export function cliBundle(root) {
  const dir = path.join(root, 'node_modules', '.cache', 'berth');
  const out = path.join(dir, `cli-${sourceKey(root)}.cjs`);
  if (fs.existsSync(out)) return out;
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
  if (!fs.existsSync(esbuild)) return null;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const built = spawnSync(esbuild, ['cli/main.ts', '--bundle', '--platform=node', '--packages=external', '--format=cjs', `--outfile=${tmp}`, '--log-level=error'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (built.status !== 0) {
    fs.rmSync(tmp, { force: true });
    return null;
  }
  // Two runs building at once each write their own file; the rename makes either one the bundle.
  fs.renameSync(tmp, out);
  for (const f of fs.readdirSync(dir)) if (/^cli-[0-9a-f]+\.cjs$/.test(f) && path.join(dir, f) !== out) fs.rmSync(path.join(dir, f), { force: true });
  return out;
}
