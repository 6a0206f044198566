import type { PredictAuthenticator } from './predict-auth';
import type { KillInstance } from './fault-injection';
import type { GatewayStatus } from './status-contract';

export interface GatewayOptions {
  /** The console's SQLite file; the gateway only reads `gateway_routes` and `deployment_instances`. */
  dbFile: string;
  /** Loopback only by default: the gateway has no authentication of its own. */
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Active health-check period per instance; env BERTH_HEALTH_INTERVAL_MS in scripts/gateway.ts. */
  healthIntervalMs?: number;
  /** OCI's predict timeout: time to the first response byte, and the longest silence in a response. */
  requestTimeoutMs?: number;
  /** OCI's predict payload limit (413 above it). */
  maxPayloadBytes?: number;
  /** How often the routes table is checked for a change; POST /_berth/reload applies one at once. */
  pollIntervalMs?: number;
  /** Slow clients: the longest a request head, and a whole request with its body, may take to arrive. */
  clientHeadersTimeoutMs?: number;
  clientBodyTimeoutMs?: number;
  /** How long close() waits for requests in flight before cutting them. */
  drainTimeoutMs?: number;
  /** Wall clock in epoch ms; injectable so the bandwidth bucket can be tested without waiting. */
  now?: () => number;
  /** Called after each predict request, batched off the request path (metrics, access logs). */
  onRequestDone?: (record: RequestRecord) => void;
  /** OCI's predict requests per second per tenancy, over all deployments (429 above); 0 or absent: no limit. */
  predictRequestsPerSecond?: number;
  /** Which code this gateway runs (code-version.ts), reported by /_berth/health. */
  codeVersion?: string;
  /** Fault injection's dice; injectable so tests can seed them. Math.random by default. */
  random?: () => number;
  /** How a CRASH_AFTER fault kills an instance; SIGKILL through the Docker engine by default. */
  killInstance?: KillInstance;
  /** Checks each predict request's signature and the caller's grant (BERTH_PREDICT_AUTH). */
  predictAuth?: PredictAuthenticator;
}

export interface RequestRecord {
  modelDeploymentId: string;
  /** The instance that answered (or last failed); absent when the gateway answered by itself. */
  instanceId?: string;
  /** HTTP status sent to the client; 499 when the client went away first (nginx's convention). */
  status: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  opcRequestId: string;
  /** Epoch ms when the request arrived. */
  timestamp: number;
}

// What /_berth/status answers: the contract the console parses with the same schema.
export type { GatewayStatus, InstanceStatus, RouteStatus } from './status-contract';

export interface Gateway {
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
  status(): GatewayStatus;
  /** Re-reads the routes now; returns the version loaded. */
  reload(): number;
}
