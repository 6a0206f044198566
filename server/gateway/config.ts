import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '@/server/config';

export const DEFAULT_GATEWAY_PORT = 3080;

const envSchema = z.object({
  BERTH_GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_GATEWAY_PORT),
  BERTH_HEALTH_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export interface GatewayProcessConfig {
  dataDir: string;
  dbFile: string;
  port: number;
  healthIntervalMs: number;
  pidFile: string;
  logFile: string;
}

/** The gateway process's settings: the console's data directory (BERTH_DATA_DIR) plus its own. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayProcessConfig {
  const base = loadConfig(env);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid gateway configuration:\n${lines.join('\n')}`);
  }
  return {
    dataDir: base.dataDir,
    dbFile: base.dbFile,
    port: parsed.data.BERTH_GATEWAY_PORT,
    healthIntervalMs: parsed.data.BERTH_HEALTH_INTERVAL_MS,
    ...gatewayFiles(base.dataDir),
  };
}

export const gatewayFiles = (dataDir: string) => ({
  pidFile: path.join(dataDir, 'gateway.pid'),
  logFile: path.join(dataDir, 'gateway.log'),
});
