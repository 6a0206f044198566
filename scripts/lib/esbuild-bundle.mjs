// One TypeScript entry point bundled into a single CommonJS file by the esbuild that tsx brings,
// kept under node_modules/.cache/berth (so its packages, left external, resolve from the
// checkout) and keyed by a version of its sources: a process started from it skips tsx's
// transpiling of every module on each start. Used for the CLI (cli/bundle.mjs) and the gateway
// (server/gateway/ensure-running.ts). Plain JavaScript: the CLI's launcher runs it before any
// TypeScript loader.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The bundle `<name>-<key>.cjs` of `entry` (relative to `root`), built now when there is none for
 * this key; bundles of other keys are removed, since nothing starts them again. Null when it
 * cannot be built: no esbuild, or a source that does not compile; the caller then runs the entry
 * through tsx, which names the problem.
 * @param {string} root
 * @param {{ entry: string; name: string; key: string }} what
 * @returns {string | null}
 */
export function esbuildBundle(root, { entry, name, key }) {
  const dir = path.join(root, 'node_modules', '.cache', 'berth');
  const out = path.join(dir, `${name}-${key}.cjs`);
  if (fs.existsSync(out)) return out;
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
  if (!fs.existsSync(esbuild)) return null;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const built = spawnSync(esbuild, [entry, '--bundle', '--platform=node', '--packages=external', '--format=cjs', `--outfile=${tmp}`, '--log-level=error'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (built.status !== 0) {
    fs.rmSync(tmp, { force: true });
    return null;
  }
  // Two processes building at once each write their own file; the rename makes either one the bundle.
  fs.renameSync(tmp, out);
  const older = new RegExp(`^${name}-[0-9a-f]+\\.cjs$`);
  for (const f of fs.readdirSync(dir)) if (older.test(f) && path.join(dir, f) !== out) fs.rmSync(path.join(dir, f), { force: true });
  return out;
}
