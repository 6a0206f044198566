import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { openDatabase } from '@/db/client';
import { readInstallation } from '@/db/seed';
import { PROJECT_ROOT } from '@/server/config';
import { formatBytes } from '@/server/domain/bytes';
import { createDockerClient } from '@/server/providers/local/docker/client';
import { chromiumLaunchOptions } from '../e2e/chromium-options';
import { removeDemoContainers } from '../e2e/demo/cleanup';
import { trainIrisModel } from '../e2e/demo/iris-model';
import { DemoStepError, PACING, runDemo, type DemoResult } from '../e2e/demo/run-demo';
import { stepNames } from '../e2e/demo/story';
import { startOwnConsole, type OwnConsole } from '../e2e/own-console';
import { ensureBuild } from './lib/build';
import { ensureChromium } from './lib/chromium';
import { DEMO_USAGE, parseDemoArgs } from './lib/demo-args';
import { ensureDockerEngine } from './lib/docker-engine';
import { openSetupLog, runQuietPhases } from './lib/phase-output';
import { Failure, exitOnError, formatMs, type Phase } from './lib/run';
import { runtimeImagePhases } from './lib/runtime-setup';
import { startReaper } from './lib/demo-reaper';
import { assertPortFree } from './lib/serve';
import { ensureVideoEncoder } from './lib/video-encoder';

// `npm run demo`: sets up what is missing (as npm start does), serves a console of its own on a
// throwaway data directory and its own ports, and drives Chromium through the story of
// e2e/demo/story.ts, recording a WebM video and a screenshot per step. Everything it started, its
// containers included, is removed at the end, also when it is interrupted.

const DEMO_ADMIN = { userName: 'admin', password: 'berth-demo-admin-password' } as const;
const README_PICTURES = path.join(PROJECT_ROOT, 'public', 'screenshots');
/** A README picture larger than this is a sign the viewport or the format changed. */
const MAX_PICTURE_BYTES = 400 * 1024;

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2), stepNames());
  if (args.help) {
    console.log(DEMO_USAGE);
    return;
  }
  const t0 = performance.now();
  const outDir = path.resolve(args.out ?? path.join(PROJECT_ROOT, 'demo-output', stamp()));
  fs.mkdirSync(outDir, { recursive: true });
  const runId = crypto.randomBytes(6).toString('hex');
  const docker = createDockerClient();
  let browser: Browser | null = null;
  let demoConsole: OwnConsole | null = null;
  let installationId: string | undefined;
  // Cleans up after the demo even when this process is killed outright.
  let releaseReaper = () => {};

  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await browser?.close().catch(() => undefined);
      // The console first, so that it does not reconcile what is being removed.
      await demoConsole?.stop();
      const removed = await removeDemoContainers(docker, { runId, ...(installationId ? { installationId } : {}) }).catch((e: unknown) => {
        console.error(`Could not remove the demo's containers: ${e instanceof Error ? e.message : String(e)}`);
        return 0;
      });
      if (removed > 0) console.log(`Removed the demo's ${removed} container${removed === 1 ? '' : 's'}.`);
      releaseReaper();
    })());
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: stopping the demo and removing its containers...`);
      void cleanUp().finally(() => process.exit(code));
    });
  }

  try {
    const log = openSetupLog(path.join(outDir, 'setup.log'), false);
    const phases: Phase[] = [
      { name: 'Production build', run: async () => void (await ensureBuild()) },
      { name: 'Docker engine', run: ensureDockerEngine },
      ...runtimeImagePhases(),
      { name: 'Chromium', run: async () => void (await ensureChromium()) },
      { name: 'Video encoder', run: async () => void (await ensureVideoEncoder()) },
    ];
    const { failure } = await runQuietPhases(phases, log, { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY === true });
    log.close();
    if (failure) throw failure;

    await assertPortFree('127.0.0.1', args.port);
    await assertPortFree('127.0.0.1', args.port + 80);
    const setupMs = performance.now() - t0;
    console.log(`Starting a demo console on port ${args.port} (gateway ${args.port + 80}) with a throwaway data directory...`);
    demoConsole = startOwnConsole(args.port, { BERTH_ADMIN_PASSWORD: DEMO_ADMIN.password, BERTH_E2E_FIRST_RUN: undefined });
    await demoConsole.waitForOutput(/Berth console: /, 300_000);
    const db = openDatabase(path.join(demoConsole.dataDir, 'berth.sqlite'));
    installationId = readInstallation(db)?.tenancyId;
    db.$client.close();
    if (demoConsole.pid !== undefined) {
      releaseReaper = startReaper({ consolePid: demoConsole.pid, dataDir: demoConsole.dataDir, runId, ...(installationId ? { installationId } : {}) });
    }
    console.log(`Demo console: ${demoConsole.url} (data in ${demoConsole.dataDir}; its containers carry the label berth.installation=${installationId ?? 'unknown'})`);

    const model = await trainIrisModel(docker, outDir, runId);
    console.log(`Trained the iris model in the runtime image in ${formatMs(model.ms)} (accuracy ${model.accuracy} on its training data): ${model.zip}`);

    const headed = args.headed && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    if (args.headed && !headed) console.log('--headed: there is no display here (DISPLAY, WAYLAND_DISPLAY), so the browser runs headless.');
    browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: !headed, slowMo: args.slow ? 250 : 0 });
    const suffix = runId.slice(0, 4);
    const result: DemoResult = await runDemo({
      browser,
      baseURL: demoConsole.url,
      outDir,
      state: { projectName: `iris-${suffix}`, modelName: `iris-classifier-${suffix}`, deploymentName: `iris-endpoint-${suffix}` },
      artifact: model.zip,
      credentials: DEMO_ADMIN,
      pacing: args.slow ? PACING.slow : PACING.normal,
      ...(args.step ? { stopAfter: args.step } : {}),
      ...(args.readmeScreenshots ? { readmeDir: README_PICTURES } : {}),
      log: (line) => console.log(line),
    });
    report(result, outDir, setupMs, performance.now() - t0);
  } catch (e) {
    if (e instanceof DemoStepError) {
      throw new Failure(`${e.message}\n${e.screenshot ? `The page as it was: ${e.screenshot}\n` : ''}The video so far: ${e.video ?? 'none'}\nThe demo's output: ${outDir}`);
    }
    throw e;
  } finally {
    await cleanUp();
  }
}

function report(result: DemoResult, outDir: string, setupMs: number, totalMs: number): void {
  const shots = result.steps.map((s) => fs.statSync(s.screenshot).size);
  const videoBytes = fs.statSync(result.video).size;
  console.log(`\nThe demo ran ${result.steps.length} step${result.steps.length === 1 ? '' : 's'} in ${formatMs(result.ms)}.`);
  console.log(`  video        ${result.video} (${formatBytes(videoBytes)})`);
  console.log(`  screenshots  ${shots.length}, ${formatBytes(shots.reduce((a, b) => a + b, 0))} in all`);
  if (result.readmePictures.length > 0) {
    const big: string[] = [];
    for (const p of result.readmePictures) {
      const size = fs.statSync(p).size;
      console.log(`  README       ${path.relative(PROJECT_ROOT, p)} (${formatBytes(size)})`);
      if (size > MAX_PICTURE_BYTES) big.push(`${p} is ${formatBytes(size)}`);
    }
    if (big.length > 0) throw new Failure(`README pictures must stay under ${formatBytes(MAX_PICTURE_BYTES)}: ${big.join(', ')}.`);
  }
  console.log(`\nOutput folder: ${outDir}`);
  console.log(`Total time: ${formatMs(totalMs)} (setup ${formatMs(setupMs)}, console, model and story ${formatMs(totalMs - setupMs)})`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => exitOnError(e),
);
