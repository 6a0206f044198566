import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild } from './lib/build';
import { ensureChromium } from './lib/chromium';
import { ensureDockerEngine } from './lib/docker-engine';
import { E2E_PREFIX } from './lib/e2e-data-dir';
import { ensureRuntimeImages } from './lib/runtime-setup';
import { Failure, NEXT_BIN, childEnv, exitOnError, formatMs, nodeModule, runOrFail, runPhases, type Phase } from './lib/run';

// `npm test [-- <playwright args>]`: typecheck, unit tests, then the browser tests on a production
// build. Nothing here prompts, so it behaves the same under CI=true.
//
// BERTH_TEST_ONLY limits the phases:
//   unit  typecheck and unit tests only (no Chromium, no build); extra args then go to vitest
//   e2e   Chromium, build and browser tests only
const only = process.env.BERTH_TEST_ONLY ?? '';
const extraArgs = process.argv.slice(2);

const node = process.execPath;
let chromium: string | undefined;

const unitPhases: Phase[] = [
  {
    name: 'Typecheck',
    run: async () => {
      // Route types and next-env.d.ts are generated, not committed; a fresh clone needs them first.
      await runOrFail('Generating Next route types', node, [NEXT_BIN, 'typegen']);
      await runOrFail('Typecheck (tsc --noEmit)', node, [nodeModule('typescript/bin/tsc'), '--noEmit']);
    },
  },
  {
    name: 'Unit tests',
    run: () =>
      runOrFail('Unit tests (vitest run)', node, [nodeModule('vitest/vitest.mjs'), 'run', ...(only === 'unit' ? extraArgs : [])]),
  },
];

const e2ePhases: Phase[] = [
  { name: 'Chromium', run: async () => void (chromium = await ensureChromium()) },
  { name: 'Production build', run: async () => void (await ensureBuild()) },
  // The end-to-end tests deploy models as real containers of these images.
  { name: 'Docker engine', run: ensureDockerEngine },
  { name: 'Runtime images', run: ensureRuntimeImages },
  {
    // The local provider against the real engine: containers, gateway, rollouts, reconciliation.
    name: 'Integration tests',
    run: () => runOrFail('Integration tests (vitest, Docker)', node, [nodeModule('vitest/vitest.mjs'), 'run', '-c', 'vitest.integration.config.ts']),
  },
  {
    name: 'End-to-end tests',
    run: async () => {
      // Made here rather than by playwright.config.ts so that it is removed even when the web server
      // fails to start, where Playwright skips its global teardown.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), E2E_PREFIX));
      const env = childEnv({ BERTH_E2E_DATA_DIR: dataDir, ...(chromium ? { BERTH_CHROMIUM: chromium } : {}) });
      try {
        await runOrFail('End-to-end tests (playwright test)', node, [nodeModule('@playwright/test/cli.js'), 'test', ...extraArgs], { env });
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  },
];

function selectPhases(): Phase[] {
  if (only === 'unit') return unitPhases;
  if (only === 'e2e') return e2ePhases;
  if (only === '') return [...unitPhases, ...e2ePhases];
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
