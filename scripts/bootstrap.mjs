// Entry point of `npm start`, `npm test` and `npm run dev`: node scripts/bootstrap.mjs <start|test|dev> [args]
// Plain Node with no dependencies, because it runs before node_modules exists. It installs the npm
// dependencies when they are missing or older than package-lock.json, then runs scripts/<cmd>.ts.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMANDS = ['start', 'test', 'dev'];
const MIN_NODE = [20, 9];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');
const nodeModules = path.join(root, 'node_modules');
const hashFile = path.join(nodeModules, '.berth-lock-hash');
const tsxCli = path.join(nodeModules, 'tsx', 'dist', 'cli.mjs');

function fail(message, code = 1) {
  console.error(`\n${message}`);
  process.exit(code);
}

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return;
  fail(
    `Berth needs Node.js ${MIN_NODE.join('.')} or newer (Next.js requires it); this is Node.js ${process.versions.node}.\n` +
      'Install Node.js 20 LTS or newer (https://nodejs.org, or your distribution) and run the command again.',
  );
}

/**
 * Runs a command with our stdio, passing SIGINT/SIGTERM on; resolves with a shell-style exit code.
 * With onStderr, stderr goes to it instead of the terminal, for a caller that reads the error.
 */
function run(command, args, onStderr) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['inherit', 'inherit', onStderr ? 'pipe' : 'inherit'] });
    child.stderr?.on('data', (chunk) => onStderr?.(chunk.toString()));
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    // On SIGTERM npm stops the `sh -c` it runs us in, which dies without passing it on: noticing
    // the orphaning is what keeps the server from running on, holding its port, after npm is gone.
    const parent = process.ppid;
    const orphanWatch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(orphanWatch);
      forward('SIGTERM');
    }, 1000);
    const finish = (code) => {
      clearInterval(orphanWatch);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', (err) => {
      console.error(`Could not run ${command}: ${err.message}`);
      finish(127);
    });
    child.on('exit', (code, signal) => finish(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

const lockHash = () => createHash('sha256').update(fs.readFileSync(lockFile)).digest('hex');

/**
 * npm ci, or npm install when npm ci rejects the lockfile as out of sync. The registry these machines
 * reach serves no macOS, Windows or wasm builds of the optional native packages (@next/swc-*,
 * @tailwindcss/oxide-*), so a lockfile written here lacks them and npm ci refuses it, while
 * npm install follows the lockfile, skips what is missing and leaves the file unchanged.
 */
async function installDependencies() {
  // npm's error lines come only at the end; they are held back so that this expected refusal,
  // with npm ci's whole usage text, does not read like a failure.
  const errors = [];
  let partial = '';
  const code = await run('npm', ['ci', '--no-audit', '--no-fund'], (text) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('npm error')) errors.push(line);
      else process.stderr.write(`${line}\n`);
    }
  });
  if (partial) errors.push(partial);
  const all = errors.join('\n');
  if (code === 0 || !/code EUSAGE/.test(all) || !/in sync/.test(all)) {
    if (all) process.stderr.write(`${all}\n`);
    return code;
  }
  const missing = errors.filter((l) => l.includes('Missing:')).length;
  console.log(
    `npm ci refused package-lock.json: ${missing} packages are missing from it, usually other platforms' ` +
      'optional builds that this registry does not serve. Installing from it with npm install instead...',
  );
  const before = lockHash();
  const installCode = await run('npm', ['install', '--no-audit', '--no-fund']);
  if (installCode === 0 && lockHash() !== before) {
    console.warn('\nWarning: npm install changed package-lock.json: package.json and the lockfile disagreed. Commit the updated lockfile.');
  }
  return installCode;
}

async function ensureDependencies() {
  if (!fs.existsSync(lockFile)) fail('package-lock.json is missing; the checkout is incomplete.');
  const hash = lockHash();
  let recorded = '';
  try {
    recorded = fs.readFileSync(hashFile, 'utf8').trim();
  } catch {
    // no record: never installed by this script
  }
  if (recorded === hash && fs.existsSync(tsxCli)) return;

  console.log(
    fs.existsSync(nodeModules) && recorded
      ? 'package-lock.json changed since the last install: reinstalling npm dependencies (about 2 minutes)...'
      : 'Installing npm dependencies (first run, about 2 minutes)...',
  );
  const code = await installDependencies();
  if (code !== 0) {
    fail(`Installing the npm dependencies failed (exit code ${code}); see the output above. It needs the npm registry.`, code);
  }
  // Written only after success, so an interrupted install is redone next time. Read again, as
  // npm install may have rewritten the lockfile.
  fs.writeFileSync(hashFile, `${lockHash()}\n`);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || !COMMANDS.includes(command)) {
    fail(`Usage: node scripts/bootstrap.mjs <${COMMANDS.join('|')}> [args]`, 2);
  }
  checkNode();
  await ensureDependencies();
  const code = await run(process.execPath, [tsxCli, path.join('scripts', `${command}.ts`), ...args]);
  process.exit(code);
}

main().catch((err) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
