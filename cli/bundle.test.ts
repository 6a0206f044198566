import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBundle, sourceKey } from './bundle.mjs';

// On a copy of the sources (the bundle cache of the real checkout is left alone: a CLI run beside
// this test may be using it), with the checkout's packages linked in one by one.

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cli-bundle-'));
  for (const d of ['cli', 'server', 'db']) fs.cpSync(path.join(process.cwd(), d), path.join(root, d), { recursive: true });
  for (const f of ['package-lock.json', 'tsconfig.json']) fs.copyFileSync(path.join(process.cwd(), f), path.join(root, f));
  fs.mkdirSync(path.join(root, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(process.cwd(), 'node_modules'))) {
    if (entry !== '.cache') fs.symlinkSync(path.join(process.cwd(), 'node_modules', entry), path.join(root, 'node_modules', entry));
  }
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const bundles = () => fs.readdirSync(path.join(root, 'node_modules', '.cache', 'berth')).filter((f) => f.startsWith('cli-'));

describe('the CLI bundle', () => {
  it('is built once for the sources, runs as the CLI, and is built again (the old one removed) after an edit', () => {
    const first = cliBundle(root);
    expect(first).toBe(path.join(root, 'node_modules', '.cache', 'berth', `cli-${sourceKey(root)}.cjs`));
    const builtAt = fs.statSync(first!).mtimeMs;
    expect(cliBundle(root)).toBe(first);
    expect(fs.statSync(first!).mtimeMs).toBe(builtAt);

    const help = spawnSync(process.execPath, [first!, '--help'], { cwd: root, encoding: 'utf8' });
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('berth deployments create')]);

    fs.appendFileSync(path.join(root, 'cli', 'output.ts'), '\n// edited\n');
    const second = cliBundle(root);
    expect(second).not.toBe(first);
    expect(bundles()).toEqual([path.basename(second!)]);
  });

  it('is null for sources that do not compile, so bin.mjs runs tsx, which names the error', () => {
    fs.appendFileSync(path.join(root, 'cli', 'output.ts'), '\nexport const broken = ;\n');
    expect(cliBundle(root)).toBeNull();
  });
});
