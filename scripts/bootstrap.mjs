// Entry point of `npm start`, `npm test`, `npm run dev` and `npm run demo`: node scripts/bootstrap.mjs <start|test|dev|demo> [args]
// Plain Node with no dependencies, because it runs before node_modules exists. It installs the npm
// dependencies when they are missing or older than package-lock.json, then runs scripts/<cmd>.ts.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMANDS = ['start', 'test', 'dev', 'demo'];
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

// `npm start` keeps the npm install's output out of the terminal: it goes to the setup log, which
// scripts/start.ts appends its phases' output to (BERTH_SETUP_LOG), and is shown only on failure.
const dataDir = path.resolve(root, process.env.BERTH_DATA_DIR ?? '.data');
const setupLog = path.join(dataDir, 'logs', 'setup.log');
let quiet = null; // { fd, tail: string } while the npm install runs quietly

function toLog(text) {
  fs.writeSync(quiet.fd, text);
  quiet.tail = (quiet.tail + text).slice(-16_384);
}

/**
 * Runs a command with our stdio, passing SIGINT/SIGTERM on; resolves with a shell-style exit code.
 * With onStderr, stderr goes to it instead of the terminal, for a caller that reads the error.
 * While quiet, stdout (and stderr not taken by onStderr) go to the setup log.
 */
function run(command, args, onStderr) {
  return new Promise((resolve) => {
    const out = quiet ? 'pipe' : 'inherit';
    const child = spawn(command, args, { cwd: root, stdio: ['inherit', out, onStderr ? 'pipe' : out] });
    child.stdout?.on('data', (chunk) => toLog(chunk.toString()));
    child.stderr?.on('data', (chunk) => (onStderr ? onStderr(chunk.toString()) : toLog(chunk.toString())));
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
      else say(`${line}\n`, true);
    }
  });
  if (partial) errors.push(partial);
  const all = errors.join('\n');
  if (code === 0 || !/code EUSAGE/.test(all) || !/in sync/.test(all)) {
    if (all) say(`${all}\n`, true);
    return code;
  }
  const missing = errors.filter((l) => l.includes('Missing:')).length;
  say(
    `npm ci refused package-lock.json: ${missing} packages are missing from it, usually other platforms' ` +
      'optional builds that this registry does not serve. Installing from it with npm install instead...\n',
  );
  const before = lockHash();
  const installCode = await run('npm', ['install', '--no-audit', '--no-fund']);
  if (installCode === 0 && lockHash() !== before) {
    // Worth seeing even when the install itself is quiet: the lockfile needs a commit.
    console.warn('Warning: npm install changed package-lock.json: package.json and the lockfile disagreed. Commit the updated lockfile.');
  }
  return installCode;
}

/** To the terminal, or to the setup log while quiet (err: stderr when not quiet). */
function say(text, err = false) {
  if (quiet) toLog(text);
  else (err ? process.stderr : process.stdout).write(text);
}

const seconds = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

async function ensureDependencies(command) {
  if (!fs.existsSync(lockFile)) fail('package-lock.json is missing; the checkout is incomplete.');
  const hash = lockHash();
  let recorded = '';
  try {
    recorded = fs.readFileSync(hashFile, 'utf8').trim();
  } catch {
    // no record: never installed by this script
  }
  if (recorded === hash && fs.existsSync(tsxCli)) return;

  const why =
    fs.existsSync(nodeModules) && recorded
      ? 'package-lock.json changed since the last install: reinstalling npm dependencies (about 2 minutes)'
      : 'Installing npm dependencies (first run, about 2 minutes)';
  if (command === 'start') {
    fs.mkdirSync(path.dirname(setupLog), { recursive: true });
    quiet = { fd: fs.openSync(setupLog, 'w'), tail: '' };
    toLog(`== npm dependencies (${new Date().toISOString()})\n${why}\n`);
    // On a terminal this line is replaced by the result line below: one line for the phase.
    process.stdout.write(`${why}...${process.stdout.isTTY ? '' : '\n'}`);
  } else {
    console.log(`${why}...`);
  }
  const t0 = performance.now();
  const code = await installDependencies();
  if (quiet) {
    const lines = quiet.tail.replace(/\r/g, '\n').split('\n').filter((l) => l.trim() !== '').slice(-25);
    fs.closeSync(quiet.fd);
    quiet = null;
    if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
    if (code !== 0) {
      console.error(`npm dependencies ... failed after ${seconds(performance.now() - t0)}\n\nThe last lines of its output:\n${lines.map((l) => `  ${l}`).join('\n')}\n\nThe whole output is in ${setupLog}`);
      fail(`Installing the npm dependencies failed (exit code ${code}). It needs the npm registry.`, code);
    }
    console.log(`npm dependencies ... installed in ${seconds(performance.now() - t0)}`);
    process.env.BERTH_SETUP_LOG = setupLog;
  } else if (code !== 0) {
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
  await ensureDependencies(command);
  const code = await run(process.execPath, [tsxCli, path.join('scripts', `${command}.ts`), ...args]);
  process.exit(code);
}

main().catch((err) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
