import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Failure, type EnvVars } from './run';

export const DEMO_USAGE = `Usage: npm run demo -- [--headed] [--slow] [--step <name>] [--out <folder>]

  --headed              show the browser (needs a display: DISPLAY or WAYLAND_DISPLAY)
  --slow                pace the story for a live audience
  --step <name>         stop after the step of that name
  --out <folder>        write the video and screenshots there (default demo-output/<time>)
  --readme-screenshots  also write the README's pictures to public/screenshots/ (npm run demo:screenshots)
  --port <port>         the demo console's port (default 6600, or BERTH_DEMO_PORT); its gateway is port + 80`;

const portSchema = z.coerce.number().int().min(1024).max(65535 - 80);

export interface DemoArgs {
  headed: boolean;
  slow: boolean;
  step?: string;
  out?: string;
  readmeScreenshots: boolean;
  port: number;
  help: boolean;
}

/** The demo's command line, checked: an unknown option or step name is named, with the choices. */
export function parseDemoArgs(argv: readonly string[], stepNames: readonly string[], env: EnvVars = process.env): DemoArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        headed: { type: 'boolean', default: false },
        slow: { type: 'boolean', default: false },
        step: { type: 'string' },
        out: { type: 'string' },
        'readme-screenshots': { type: 'boolean', default: false },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new Failure(`${e instanceof Error ? e.message : String(e)}\n\n${DEMO_USAGE}`, 2);
  }
  const v = parsed.values;
  if (v.step !== undefined && !stepNames.includes(v.step)) {
    throw new Failure(`There is no demo step "${v.step}". The steps, in order: ${stepNames.join(', ')}.`, 2);
  }
  const rawPort = v.port ?? env.BERTH_DEMO_PORT ?? '6600';
  const port = portSchema.safeParse(rawPort);
  if (!port.success) throw new Failure(`The demo's port must be a whole number from 1024 to ${65535 - 80}, not "${rawPort}".`, 2);
  if (v['readme-screenshots'] && v.step !== undefined) {
    throw new Failure('--readme-screenshots runs the whole story: it cannot stop early with --step.', 2);
  }
  return {
    headed: v.headed,
    slow: v.slow,
    ...(v.step !== undefined ? { step: v.step } : {}),
    ...(v.out !== undefined ? { out: v.out } : {}),
    readmeScreenshots: v['readme-screenshots'],
    port: port.data,
    help: v.help,
  };
}
