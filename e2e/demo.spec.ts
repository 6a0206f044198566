import crypto from 'node:crypto';
import fs from 'node:fs';
import Docker from 'dockerode';
import { expect, test } from '@playwright/test';
import { playwrightFfmpegPath } from '../scripts/lib/video-encoder';
import { E2E_ADMIN } from './auth';
import { removeDemoContainers } from './demo/cleanup';
import { trainIrisModel } from './demo/iris-model';
import { PACING, runDemo } from './demo/run-demo';
import { stepNames, type DemoState } from './demo/story';
import { uniqueName } from './support';
import { deleteDeployments } from './support-deployments';

// `npm run demo` in its short mode, on the suite's console: the whole story without pacing, every
// step passing, a WebM video and one screenshot per step written and none of them empty.

const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const runId = crypto.randomBytes(6).toString('hex');
let deploymentId: string | undefined;

test.afterAll(async ({ request }) => {
  if (deploymentId) await deleteDeployments(request, [deploymentId]);
  await removeDemoContainers(docker, { runId });
});

test('the demo runs its story in the short mode, writing a video and a screenshot per step', async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  expect(fs.existsSync(playwrightFfmpegPath()), 'the video encoder is set up by npm test (its Video encoder phase) or npm run demo').toBe(true);
  if (!baseURL) throw new Error('playwright.config.ts sets the baseURL');
  const outDir = testInfo.outputPath('demo');
  fs.mkdirSync(outDir, { recursive: true });
  const model = await trainIrisModel(docker, outDir, runId);
  const state: DemoState = { projectName: uniqueName('demo-iris'), modelName: uniqueName('demo-iris-model'), deploymentName: uniqueName('demo-iris-md') };
  const lines: string[] = [];
  try {
    const result = await runDemo({ browser, baseURL, outDir, state, artifact: model.zip, credentials: E2E_ADMIN, pacing: PACING.short, log: (l) => lines.push(l) });
    expect(result.steps.map((s) => s.name)).toEqual(stepNames());
    for (const [i, step] of result.steps.entries()) {
      expect(step.screenshot).toMatch(new RegExp(`${String(i + 1).padStart(2, '0')}-${step.name}\\.png$`));
      const png = fs.readFileSync(step.screenshot);
      expect(png.subarray(0, 8).toString('hex'), `${step.screenshot} is a PNG`).toBe('89504e470d0a1a0a');
      expect(png.length).toBeGreaterThan(5_000);
    }
    const video = fs.readFileSync(result.video);
    // WebM is Matroska: its EBML header, then a recording long enough to hold every step.
    expect(video.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    expect(video.length).toBeGreaterThan(50_000);
    testInfo.annotations.push({ type: 'demo', description: `${result.steps.length} steps in ${(result.ms / 1000).toFixed(1)} s; video ${Math.round(video.length / 1024)} KB` });
  } finally {
    deploymentId = state.deploymentId;
    console.log(lines.join('\n'));
  }
});
