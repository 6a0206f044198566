import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { installCaptions, showCaption } from './captions';
import { DEMO_STEPS, type DemoState, type DemoStep } from './story';

// Runs the story in a fresh browser context that records a WebM video, with a caption per step
// and a numbered screenshot after each. Shared by `npm run demo` and the short mode in npm test.

export const VIEWPORT = { width: 1280, height: 800 } as const;

export interface Pacing {
  /** Before a step acts, so its caption can be read. */
  beforeMs: number;
  /** After a step, on its result; also what ctx.hold() waits. */
  afterMs: number;
}

export const PACING = {
  short: { beforeMs: 0, afterMs: 0 },
  normal: { beforeMs: 600, afterMs: 900 },
  slow: { beforeMs: 2500, afterMs: 3000 },
} as const satisfies Record<string, Pacing>;

export interface DemoOptions {
  browser: Browser;
  baseURL: string;
  outDir: string;
  state: DemoState;
  artifact: string;
  credentials: { userName: string; password: string };
  pacing: Pacing;
  /** Stop after the step of this name. */
  stopAfter?: string;
  /** Also write each step's README picture (without the caption) into this folder. */
  readmeDir?: string;
  steps?: readonly DemoStep[];
  log?: (line: string) => void;
}

export interface StepResult {
  name: string;
  ms: number;
  screenshot: string;
}

export interface DemoResult {
  steps: StepResult[];
  video: string;
  readmePictures: string[];
  ms: number;
}

export class DemoStepError extends Error {
  override name = 'DemoStepError';
  constructor(
    readonly step: string,
    readonly screenshot: string | null,
    readonly video: string | null,
    cause: unknown,
  ) {
    super(`The demo's step "${step}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const pause = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const steps = o.steps ?? DEMO_STEPS;
  const last = o.stopAfter === undefined ? steps.length - 1 : steps.findIndex((s) => s.name === o.stopAfter);
  if (last < 0) throw new Error(`There is no step "${o.stopAfter}"; the steps are: ${steps.map((s) => s.name).join(', ')}.`);
  fs.mkdirSync(o.outDir, { recursive: true });
  if (o.readmeDir) fs.mkdirSync(o.readmeDir, { recursive: true });
  const log = o.log ?? (() => {});
  const t0 = performance.now();
  const context = await o.browser.newContext({
    baseURL: o.baseURL,
    viewport: VIEWPORT,
    recordVideo: { dir: path.join(o.outDir, 'video-parts'), size: VIEWPORT },
    // The console refuses a state-changing request without its own Origin, as a page of it sends.
    extraHTTPHeaders: { origin: o.baseURL },
    // Signed out, whatever defaults the caller's browser has (Playwright Test's hold a session):
    // the story begins at the sign-in page.
    storageState: { cookies: [], origins: [] },
  });
  // An action that finds nothing fails the step, naming what it waited for, instead of hanging.
  context.setDefaultTimeout(60_000);
  await installCaptions(context);
  const page = await context.newPage();
  const video = path.join(o.outDir, 'demo.webm');
  const results: StepResult[] = [];
  const readmePictures: string[] = [];
  let failure: DemoStepError | null = null;
  const width = String(last + 1).length;
  try {
    for (const [i, step] of steps.slice(0, last + 1).entries()) {
      const n = String(i + 1).padStart(Math.max(2, width), '0');
      const s0 = performance.now();
      const caption = `${i + 1}/${last + 1} · ${step.caption}`;
      log(`[${i + 1}/${last + 1}] ${step.name}: ${step.caption}`);
      await showCaption(page, caption);
      await pause(o.pacing.beforeMs);
      try {
        await step.run({ page, state: o.state, artifact: o.artifact, credentials: o.credentials, hold: () => pause(o.pacing.afterMs) });
        // A step that navigated (sign-in, a full load) shows the caption again on the new document.
        await showCaption(page, caption);
        await pause(o.pacing.afterMs);
      } catch (err) {
        const shot = path.join(o.outDir, `${n}-${step.name}-failed.png`);
        const taken = await page.screenshot({ path: shot }).then(() => shot, () => null);
        failure = new DemoStepError(step.name, taken, video, err);
        break;
      }
      const screenshot = path.join(o.outDir, `${n}-${step.name}.png`);
      await page.screenshot({ path: screenshot });
      if (o.readmeDir && step.readme) {
        await showCaption(page, null);
        const picture = path.join(o.readmeDir, `${step.readme}.png`);
        await page.screenshot({ path: picture });
        readmePictures.push(picture);
        await showCaption(page, caption);
      }
      results.push({ name: step.name, ms: performance.now() - s0, screenshot });
      log(`      done in ${((performance.now() - s0) / 1000).toFixed(1)} s -> ${path.basename(screenshot)}`);
    }
  } finally {
    // The video is complete only once its context is closed.
    const recording = page.video();
    await context.close();
    if (recording) await recording.saveAs(video);
    await recording?.delete();
    fs.rmSync(path.join(o.outDir, 'video-parts'), { recursive: true, force: true });
  }
  if (failure) throw failure;
  return { steps: results, video, readmePictures, ms: performance.now() - t0 };
}
