// The gateway's public surface: the library (createGateway), the process helper for scripts/start.ts
// and the types the console reads from /_berth/status.
export { createGateway, GATEWAY_DEFAULTS } from './gateway';
export { ensureGatewayRunning, type EnsureGatewayOptions, type GatewayHandle } from './ensure-running';
export { loadGatewayConfig, DEFAULT_GATEWAY_PORT, type GatewayProcessConfig } from './config';
export type { Gateway, GatewayOptions, GatewayStatus, InstanceStatus, RequestRecord, RouteStatus } from './types';
