import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Which code a gateway process runs. `npm start` reuses a running gateway only when this matches
// the checkout's; after an upgrade the old process is replaced instead of serving on with old code.
// It covers what the gateway process loads: server/ and db/ (the telemetry it imports reaches far),
// scripts/gateway.ts, and the locked dependencies.

const SOURCES = ['server', 'db'];
const FILES = ['scripts/gateway.ts', 'package-lock.json'];
const IS_SOURCE = /\.(ts|sql|json)$/;
const IS_TEST = /\.test\.ts$/;

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // Absent in this checkout: nothing of it runs.
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && IS_SOURCE.test(e.name) && !IS_TEST.test(e.name)) out.push(p);
  }
}

/** A short hash of the gateway's code in the checkout at `root`. */
export function gatewayCodeVersion(root: string): string {
  const files: string[] = [];
  for (const d of SOURCES) walk(path.join(/* turbopackIgnore: true */ root, d), files);
  for (const f of FILES) files.push(path.join(/* turbopackIgnore: true */ root, f));
  const hash = createHash('sha256');
  for (const file of files.map((f) => path.relative(root, f)).sort()) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(root, file));
    } catch {
      continue;
    }
    hash.update(`${file}\n`).update(content).update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}
