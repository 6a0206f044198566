import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '@/server/config';
import { DEFAULT_ACCESS_LOG_PER_SECOND } from '@/server/gateway/telemetry/access-sampler';

export const DEFAULT_GATEWAY_PORT = 3080;
/** Predict requests per second per tenancy on OCI (OCI-SPEC: model-dep-predict-endpoint). */
export const OCI_PREDICT_RATE_LIMIT = 150;

const envSchema = z.object({
  BERTH_GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_GATEWAY_PORT),
  BERTH_HEALTH_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  // 0 turns metrics and access logs off (the metrics benchmark compares both).
  BERTH_GATEWAY_TELEMETRY: z.enum(['0', '1']).default('1'),
  // OCI's service limit; 0 lifts it (load tests of a model beyond what OCI would let through).
  BERTH_PREDICT_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(OCI_PREDICT_RATE_LIMIT),
  BERTH_ACCESS_LOG_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_ACCESS_LOG_PER_SECOND),
});

export interface GatewayProcessConfig {
  dataDir: string;
  dbFile: string;
  port: number;
  healthIntervalMs: number;
  telemetry: boolean;
  /** Predict requests per second over all deployments; 0: no limit. */
  predictRateLimit: number;
  /** Successes and failures each logged one by one per deployment and second. */
  accessLogPerSecond: number;
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
    telemetry: parsed.data.BERTH_GATEWAY_TELEMETRY === '1',
    predictRateLimit: parsed.data.BERTH_PREDICT_RATE_LIMIT,
    accessLogPerSecond: parsed.data.BERTH_ACCESS_LOG_PER_SECOND,
    ...gatewayFiles(base.dataDir),
  };
}

export const gatewayFiles = (dataDir: string) => ({
  pidFile: path.join(dataDir, 'gateway.pid'),
  logFile: path.join(dataDir, 'gateway.log'),
});
