// The gateway's public surface: the library (createGateway), the process helper for scripts/start.ts
// and the types the console reads from /_berth/status.
export { createGateway } from './gateway';
export { ensureGatewayRunning } from './ensure-running';
export { loadGatewayConfig } from './config';
export type { Gateway } from './types';
