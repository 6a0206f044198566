// The CLI as one bundle, built by the esbuild that tsx brings: `npx berth` then starts in about a
// third of the CPU it took through tsx (which transpiles cli/ and the server modules it imports on
// every run), which a CI job calling it a dozen times notices. The bundle is rebuilt when a source
// it could contain changed. Plain JavaScript: bin.mjs runs it before any TypeScript loader.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { esbuildBundle } from '../scripts/lib/esbuild-bundle.mjs';

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
  return esbuildBundle(root, { entry: 'cli/main.ts', name: 'cli', key: sourceKey(root) });
}
