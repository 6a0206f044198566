import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild } from './lib/build';
import { ensureChromium } from './lib/chromium';
import { ensureDockerEngine } from './lib/docker-engine';
import { E2E_PREFIX } from './lib/e2e-data-dir';
import { ensureRuntimeImages } from './lib/runtime-setup';
import { ensureVideoEncoder } from './lib/video-encoder';
import { PROJECT_ROOT } from '@/server/config';
import { Failure, NEXT_BIN, childEnv, exitOnError, formatMs, nodeModule, runOrFail, runPhases, type Phase } from './lib/run';

// `npm test [-- <playwright args>]`: static checks (typecheck, lint, unused code), unit tests, then
// the browser tests on a production build. Nothing here prompts, so it behaves the same under CI=true.
//
// BERTH_TEST_ONLY limits the phases:
//   unit  static checks and unit tests only (no Chromium, no build); extra args then go to vitest
//   e2e   Chromium, build and browser tests only
const only = process.env.BERTH_TEST_ONLY ?? '';
const extraArgs = process.argv.slice(2);

const node = process.execPath;
let chromium: string | undefined;

/**
 * Tests that change the engine for everyone: one restarts dockerd, one tags a stand-in runtime
 * image (which a spec looking for the newest runtime image would pick up) and prunes.
 */
const ENGINE_WIDE_TESTS = ['tests/integration/dockerd-restart.test.ts', 'tests/integration/runtime-images.test.ts'];

/**
 * Tests that mostly wait on the wall clock: the idle guard waits out a real idle minute and then a
 * scheduled whole minute (two to three minutes, a few seconds of CPU). They run as a lane of their
 * own beside the other integration tests, so the integration lane, the longest path of the run,
 * does not wait with them. Each vitest run has its own ports per file and its own run id.
 */
const CLOCK_BOUND_TESTS = ['tests/integration/idle-guard.test.ts'];

const typegen = () => runOrFail('Generating Next route types', node, [NEXT_BIN, 'typegen']);
const tsc = () => runPrefixed('tsc', 'Typecheck (tsc --noEmit)', [nodeModule('typescript/bin/tsc'), '--noEmit']);
const eslint = () => runPrefixed('eslint', 'Lint (eslint)', [nodeModule('eslint/bin/eslint.js'), '.', '--max-warnings', '0']);
const knip = () => runPrefixed('knip', 'Unused files, exports and dependencies (knip)', [nodeModule('knip/bin/knip.js'), '--no-progress']);

/** Runs the checks side by side and fails after all of them, so one run names every kind of problem. */
async function allOf(checks: (() => Promise<void>)[]): Promise<void> {
  const results = await Promise.allSettled(checks.map((c) => c()));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length === 1) throw failed[0]?.reason;
  if (failed.length > 1) throw new Failure(failed.map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason))).join('\n'));
}

/**
 * tsc, ESLint (type-aware, so it builds its own TypeScript program) and knip side by side: on two
 * cores the three take about as long as ESLint alone. Route types and next-env.d.ts are generated,
 * not committed; a fresh clone needs them first (the lint's type information reads them too).
 */
const staticChecks: Phase = {
  name: 'Static checks',
  run: async () => {
    await typegen();
    await allOf([tsc, eslint, knip]);
  },
};

/**
 * The full run's first phase: only the typecheck, which fails within a minute on a type error.
 * ESLint and knip (three minutes of CPU between them) run later beside the tests, which mostly
 * wait on containers, instead of in front of them.
 */
const typecheck: Phase = {
  name: 'Typecheck',
  run: async () => {
    await typegen();
    await tsc();
  },
};

const unitArgs = [nodeModule('vitest/vitest.mjs'), 'run'];

const unitPhases: Phase[] = [
  staticChecks,
  { name: 'Unit tests', run: () => runOrFail('Unit tests (vitest run)', node, [...unitArgs, ...extraArgs]) },
];

const setupPhases: Phase[] = [
  { name: 'Chromium', run: async () => void (chromium = await ensureChromium()) },
  // The demo's short mode (e2e/demo.spec.ts) records a video.
  { name: 'Video encoder', run: async () => void (await ensureVideoEncoder()) },
  { name: 'Production build', run: async () => void (await ensureBuild()) },
  // The end-to-end tests deploy models as real containers of these images.
  { name: 'Docker engine', run: ensureDockerEngine },
  { name: 'Runtime images', run: ensureRuntimeImages },
];

const integrationArgs = [nodeModule('vitest/vitest.mjs'), 'run', '-c', 'vitest.integration.config.ts', ...[...ENGINE_WIDE_TESTS, ...CLOCK_BOUND_TESTS].flatMap((t) => ['--exclude', t])];
const clockBoundArgs = [nodeModule('vitest/vitest.mjs'), 'run', '-c', 'vitest.integration.config.ts', ...CLOCK_BOUND_TESTS];
const e2eArgs = (args: readonly string[]) => [nodeModule('@playwright/test/cli.js'), 'test', '--grep-invert', '@engine', ...args];

/**
 * The browser tests and, beside them, the tests that need no browser: the local provider against
 * the real engine (containers, gateway, rollouts, reconciliation) and, in the full run, the unit
 * tests beside them. The browser tests are the longest and mostly wait on containers, so the rest
 * fits in their shadow; one after the other they would not fit the 15 minutes npm test may take
 * on a 2-core machine. What changes the engine for everyone (a dockerd restart, runtime images
 * tagged or removed) runs after, alone.
 */
function sideBySide(name: string, withUnit: boolean): Phase {
  return {
    name,
    run: async () => {
      // The integration and browser tests mostly wait on containers; the unit tests, with their
      // modules loaded once per worker, take little CPU: the three fit side by side.
      const results = await Promise.allSettled([
        runPrefixed('integration', 'Integration tests (vitest, Docker)', integrationArgs),
        runPrefixed('clock', 'Integration tests that wait on the clock (vitest, Docker)', clockBoundArgs),
        ...(withUnit ? [runPrefixed('unit', 'Unit tests (vitest run)', unitArgs), allOf([eslint, knip])] : []),
        withE2eDataDir((env) => runPrefixed('e2e', 'End-to-end tests (playwright test)', e2eArgs(extraArgs), { env })),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

const engineWide: Phase = {
  name: 'Engine-wide tests',
  run: async () => {
    await runOrFail('Integration tests of the engine as a whole (a dockerd restart, runtime image pruning)', node, [nodeModule('vitest/vitest.mjs'), 'run', '-c', 'vitest.integration.config.ts', ...ENGINE_WIDE_TESTS]);
    await withE2eDataDir((env) => runOrFail('End-to-end tests that remove a runtime image (playwright test --grep @engine)', node, [nodeModule('@playwright/test/cli.js'), 'test', '--grep', '@engine', '--no-deps', '--pass-with-no-tests', ...extraArgs], { env }));
  },
};

const e2ePhases: Phase[] = [...setupPhases, sideBySide('Integration and end-to-end tests', false), engineWide];
// The full run: type errors first (a minute), then everything else, lint and dead code beside the tests.
const allPhases: Phase[] = [typecheck, ...setupPhases, sideBySide('Unit, integration, end-to-end tests and lint', true), engineWide];


// Made here rather than by playwright.config.ts so that it is removed even when the web server
// fails to start, where Playwright skips its global teardown.
async function withE2eDataDir(run: (env: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), E2E_PREFIX));
  try {
    await run(childEnv({ BERTH_E2E_DATA_DIR: dataDir, ...(chromium ? { BERTH_CHROMIUM: chromium } : {}) }));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs a test command with each line of its output marked, so two side by side stay readable. */
function runPrefixed(prefix: string, what: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { cwd: PROJECT_ROOT, env: options.env ?? childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const mark = (stream: NodeJS.WriteStream) => {
      let rest = '';
      return (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) stream.write(`[${prefix}] ${line}\n`);
      };
    };
    child.stdout.on('data', mark(process.stdout));
    child.stderr.on('data', mark(process.stderr));
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      if (code === 0) resolve();
      else reject(new Failure(`${what} failed (exit code ${code ?? 'signal'}); see the [${prefix}] lines above.`, code ?? 1));
    });
  });
}

function selectPhases(): Phase[] {
  if (only === 'unit') return unitPhases;
  if (only === 'e2e') return e2ePhases;
  if (only === '') return allPhases;
  throw new Failure(`BERTH_TEST_ONLY must be unit or e2e, not "${only}".`, 2);
}

async function main(): Promise<never> {
  const { results, failure } = await runPhases(selectPhases());
  console.log('\nSummary');
  for (const r of results) {
    console.log(`  ${r.name.padEnd(18)} ${(r.status === 'not run' ? '-' : formatMs(r.ms)).padStart(9)}  ${r.status}`);
  }
  const total = results.reduce((sum, r) => sum + r.ms, 0);
  if (failure) {
    console.error(`\n${failure.message}`);
    process.exit(failure.exitCode === 0 ? 1 : failure.exitCode);
  }
  console.log(`\nAll passed in ${formatMs(total)}.`);
  process.exit(0);
}

main().catch(exitOnError);
