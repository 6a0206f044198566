import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { allowedHostNames, isValidHostName, splitHostList } from '@/server/domain/request-gate';
import { servingMode, type ServingMode } from '@/server/domain/serving-mode';

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
  BERTH_GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(3080),
  BERTH_MAX_ARTIFACT_MB: z.coerce.number().int().min(1).max(16384).default(2048),
  BERTH_REFUSE_OVERSIZED_SHAPES: z.enum(['true', 'false']).default('false'),
  BERTH_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  BERTH_STARTUP_TIMEOUT_S: z.coerce.number().int().min(5).max(14400).default(600),
  BERTH_LOAD_CHECK_S: z.coerce.number().int().min(0).max(600).default(60),
  BERTH_HOST_MEMORY_MB: z.coerce.number().int().min(16).optional(),
  BERTH_HOST_CPUS: z.coerce.number().min(0.05).optional(),
  // 0: no quota, only the disk's free space bounds what uploads may write.
  BERTH_DATA_QUOTA_GB: z.coerce.number().min(0).max(1_000_000).default(50),
  BERTH_GATEWAY_SUPERVISE: z.enum(['0', '1']).default('1'),
  // Tests and demos cannot wait OCI's 5-minute cooldown; unset keeps OCI's minimums.
  BERTH_AUTOSCALING_MIN_SECONDS: z.coerce.number().int().min(1).max(300).optional(),
  BERTH_AUTOSCALING_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(30),
  BERTH_INSTANCE_STATS_INTERVAL_S: z.coerce.number().int().min(1).max(60).default(60),
  BERTH_METRICS_MINUTE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  BERTH_METRICS_HOUR_RETENTION_HOURS: z.coerce.number().positive().default(30 * 24),
  BERTH_LOG_RETENTION_HOURS: z.coerce.number().positive().default(7 * 24),
  BERTH_ALARM_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(60),
  // Tests and demos cannot wait the idle guard's 5 minutes; unset keeps Berth's minimum.
  BERTH_IDLE_GUARD_MIN_MINUTES: z.coerce.number().int().min(1).max(5).optional(),
  BERTH_IDLE_GUARD_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(60),
  // A JSON price table for the cost views instead of the bundled OCI list prices (prices change).
  BERTH_PRICE_TABLE: z.string().min(1).optional(),
  // Sets the administrator's password at start while it has none: for CI, demos and scripts.
  BERTH_ADMIN_PASSWORD: z.string().min(12, 'BERTH_ADMIN_PASSWORD must be at least 12 characters').optional(),
  // signed: predict requests must be signed with an API key, as on OCI; open: unsigned curl works.
  BERTH_PREDICT_AUTH: z.enum(['open', 'signed']).default('open'),
  // Requests a second each user may make of the OCI-compatible API (twice that in a burst); 0: no limit.
  BERTH_OCI_API_RATE_LIMIT: z.coerce.number().min(0).max(100_000).default(50),
  BERTH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(8 * 60),
  BERTH_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(90 * 24).default(7 * 24),
  // Host names the console answers to besides loopback and BERTH_HOST (DNS rebinding guard).
  BERTH_ALLOWED_HOSTS: z
    .string()
    .optional()
    .refine((v) => splitHostList(v).every(isValidHostName), 'BERTH_ALLOWED_HOSTS must be host names separated by commas, without scheme, port or path'),
  BERTH_TLS_CERT: z.string().min(1).optional(),
  BERTH_TLS_KEY: z.string().min(1).optional(),
  BERTH_BEHIND_TLS_PROXY: z.enum(['0', '1']).default('0'),
  // The OCI CLI's config file whose profiles the console offers beside Local.
  BERTH_OCI_CONFIG_FILE: z.string().min(1).optional(),
  OCI_CONFIG_FILE: z.string().min(1).optional(),
});

const HOUR_MS = 3_600_000;

export interface BerthConfig {
  dataDir: string;
  dbFile: string;
  host: string;
  port: number;
  region: string;
  provider: 'local';
  artifactsDir: string;
  /** Uploads in progress; an artifact moves to artifactsDir only once complete. */
  uploadsDir: string;
  /** The most the data directory may hold before uploads are refused; null: no quota. */
  dataQuotaBytes: number | null;
  /** The data plane: predictions go to http://127.0.0.1:<gatewayPort>/<deployment OCID>/predict. */
  gatewayPort: number;
  gatewayUrl: string;
  maxArtifactBytes: number;
  /** Refuse a shape larger than this host instead of fitting it to what the host can give. */
  refuseOversizedShapes: boolean;
  /** 0 turns the periodic reconciliation off (tests drive it by hand). */
  reconcileIntervalMs: number;
  startupTimeoutMs: number;
  /** How long the upload's load_model() check may run; 0 turns it off. */
  loadCheckTimeoutMs: number;
  /** The memory shapes are fitted into, when less than the engine's host has (a shared host). */
  hostMemoryBytes: number | null;
  /** The CPUs shapes are fitted into, when fewer than the engine's (fractions allowed). */
  hostCpus: number | null;
  /** The console restarts the gateway process when it dies (0: a harness runs its own gateway). */
  superviseGateway: boolean;
  /**
   * Lowers the console's minimum cooldown and pending duration to this many seconds (null: OCI's
   * 300 s and PT3M). The OCI-compatible API keeps OCI's minimums either way.
   */
  autoscalingMinSeconds: number | null;
  /** How often the scaler evaluates the autoscaling policies; 0 turns it off (tests drive it by hand). */
  autoscalingIntervalMs: number;
  /** How often instance CPU and memory are sampled into metric_points (a minute unless lowered). */
  instanceStatsIntervalMs: number;
  /** How long one-minute points, hourly roll-ups and log records are kept. */
  telemetryRetention: { minuteRetentionMs: number; hourRetentionMs: number; logRetentionMs: number };
  /** How often the deployments' alarms are evaluated; 0 turns it off (tests drive it by hand). */
  alarmIntervalMs: number;
  /** Lowers the idle guard's minimum idle time to this many minutes (null: 5). */
  idleGuardMinMinutes: number | null;
  /** How often the idle guards are evaluated; 0 turns it off (tests drive it by hand). */
  idleGuardIntervalMs: number;
  /** The price table file of the cost views (null: the bundled OCI list prices). */
  priceTablePath: string | null;
  /** Set on the administrator at start while it has no password (automation); null: the first-run link. */
  adminPassword: string | null;
  session: { idleMs: number; absoluteMs: number };
  /** Session cookies carry Secure: the console is served over TLS (here or at a proxy in front). */
  secureCookies: boolean;
  /** Whether the gateway refuses unsigned predict requests (signed) or lets them through (open). */
  predictAuth: 'open' | 'signed';
  /** The per-user token bucket of /20190101 (429 beyond it); null: unlimited. */
  ociApiRateLimit: { perSecond: number; burst: number } | null;
  /** Host header names answered; any other is refused (loopback, BERTH_HOST, BERTH_ALLOWED_HOSTS). */
  allowedHosts: string[];
  /** Plain HTTP on loopback, HTTPS with a certificate, or HTTP behind a proxy that terminates TLS. */
  serving: ServingMode;
  /** OCI profiles: the config file and endpoint overrides (BERTH_OCI_ENDPOINT_<PROFILE>). */
  oci: { configFile: string; endpoints: Record<string, string> };
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
  const serving = servingMode({ host: e.BERTH_HOST, tlsCert: e.BERTH_TLS_CERT && path.resolve(PROJECT_ROOT, e.BERTH_TLS_CERT), tlsKey: e.BERTH_TLS_KEY && path.resolve(PROJECT_ROOT, e.BERTH_TLS_KEY), behindTlsProxy: e.BERTH_BEHIND_TLS_PROXY === '1' });
  if (!serving.ok) throw new Error(`Invalid configuration:\n  BERTH_HOST: ${serving.message}`);
  const dataDir = path.resolve(PROJECT_ROOT, e.BERTH_DATA_DIR ?? '.data');
  return {
    dataDir,
    dbFile: path.join(dataDir, 'berth.sqlite'),
    host: e.BERTH_HOST,
    port: e.PORT,
    region: e.BERTH_REGION,
    provider: e.BERTH_PROVIDER,
    artifactsDir: path.join(dataDir, 'artifacts'),
    uploadsDir: path.join(dataDir, 'uploads'),
    dataQuotaBytes: e.BERTH_DATA_QUOTA_GB > 0 ? Math.round(e.BERTH_DATA_QUOTA_GB * 1024 ** 3) : null,
    gatewayPort: e.BERTH_GATEWAY_PORT,
    gatewayUrl: `http://127.0.0.1:${e.BERTH_GATEWAY_PORT}`,
    maxArtifactBytes: e.BERTH_MAX_ARTIFACT_MB * 1024 * 1024,
    refuseOversizedShapes: e.BERTH_REFUSE_OVERSIZED_SHAPES === 'true',
    reconcileIntervalMs: e.BERTH_RECONCILE_INTERVAL_MS,
    startupTimeoutMs: e.BERTH_STARTUP_TIMEOUT_S * 1000,
    loadCheckTimeoutMs: e.BERTH_LOAD_CHECK_S * 1000,
    hostMemoryBytes: e.BERTH_HOST_MEMORY_MB ? e.BERTH_HOST_MEMORY_MB * 1024 * 1024 : null,
    hostCpus: e.BERTH_HOST_CPUS ?? null,
    superviseGateway: e.BERTH_GATEWAY_SUPERVISE === '1',
    autoscalingMinSeconds: e.BERTH_AUTOSCALING_MIN_SECONDS ?? null,
    autoscalingIntervalMs: e.BERTH_AUTOSCALING_INTERVAL_S * 1000,
    instanceStatsIntervalMs: e.BERTH_INSTANCE_STATS_INTERVAL_S * 1000,
    telemetryRetention: {
      minuteRetentionMs: e.BERTH_METRICS_MINUTE_RETENTION_HOURS * HOUR_MS,
      hourRetentionMs: e.BERTH_METRICS_HOUR_RETENTION_HOURS * HOUR_MS,
      logRetentionMs: e.BERTH_LOG_RETENTION_HOURS * HOUR_MS,
    },
    alarmIntervalMs: e.BERTH_ALARM_INTERVAL_S * 1000,
    idleGuardMinMinutes: e.BERTH_IDLE_GUARD_MIN_MINUTES ?? null,
    idleGuardIntervalMs: e.BERTH_IDLE_GUARD_INTERVAL_S * 1000,
    priceTablePath: e.BERTH_PRICE_TABLE ? path.resolve(PROJECT_ROOT, e.BERTH_PRICE_TABLE) : null,
    adminPassword: e.BERTH_ADMIN_PASSWORD ?? null,
    predictAuth: e.BERTH_PREDICT_AUTH,
    ociApiRateLimit: e.BERTH_OCI_API_RATE_LIMIT > 0 ? { perSecond: e.BERTH_OCI_API_RATE_LIMIT, burst: Math.max(1, Math.round(e.BERTH_OCI_API_RATE_LIMIT * 2)) } : null,
    secureCookies: serving.mode.kind !== 'loopback-http',
    allowedHosts: [...allowedHostNames(e.BERTH_HOST, splitHostList(e.BERTH_ALLOWED_HOSTS))],
    serving: serving.mode,
    session: { idleMs: e.BERTH_SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.BERTH_SESSION_MAX_HOURS * 3_600_000 },
    oci: {
      configFile: e.BERTH_OCI_CONFIG_FILE ?? e.OCI_CONFIG_FILE ?? path.join(os.homedir(), '.oci', 'config'),
      endpoints: Object.fromEntries(Object.entries(env).flatMap(([k, v]) => (k.startsWith('BERTH_OCI_ENDPOINT_') && v ? [[k.slice('BERTH_OCI_ENDPOINT_'.length), v]] : []))),
    },
  };
}
