import path from 'node:path';
import { z } from 'zod';

// Everything configurable comes from the environment, parsed once, so a bad value stops the
// start with a message instead of surfacing later as a confusing failure.
const envSchema = z.object({
  BERTH_DATA_DIR: z.string().min(1).optional(),
  BERTH_HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  BERTH_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'BERTH_REGION must be lowercase letters, digits and dashes')
    .default('local'),
  BERTH_PROVIDER: z.enum(['local']).default('local'),
});

export interface BerthConfig {
  dataDir: string;
  dbFile: string;
  host: string;
  port: number;
  region: string;
  provider: 'local';
}

// turbopackIgnore: the root is a run-time location, not something to trace into the build.
export const PROJECT_ROOT = path.resolve(/* turbopackIgnore: true */ process.env.BERTH_ROOT ?? process.cwd());

export function loadConfig(env: Record<string, string | undefined> = process.env): BerthConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(PROJECT_ROOT, e.BERTH_DATA_DIR ?? '.data');
  return {
    dataDir,
    dbFile: path.join(dataDir, 'berth.sqlite'),
    host: e.BERTH_HOST,
    port: e.PORT,
    region: e.BERTH_REGION,
    provider: e.BERTH_PROVIDER,
  };
}
