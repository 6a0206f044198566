#!/usr/bin/env node
// `npx berth ...`: runs the CLI from any working directory (the spec and artifact paths stay
// relative to where it was called): its bundle (cli/bundle.mjs) when it can be built, else
// cli/main.ts through the project's tsx, as the package.json scripts run TypeScript.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBundle } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = cliBundle(root);
const args = bundle
  ? [bundle, ...process.argv.slice(2)]
  : [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--tsconfig', path.join(root, 'tsconfig.json'), path.join(root, 'cli', 'main.ts'), ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
