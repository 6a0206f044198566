import type Database from 'better-sqlite3';
import type Docker from 'dockerode';
import { startDockerStats } from './docker-stats';
import { startRetention } from './retention';

export { createTelemetryRecorder, type TelemetryRecorder } from './recorder';
export { summarizeMetricsData } from './query';
export { MODEL_DEPLOY_NAMESPACE } from './points';

let started = false;

/** The console process's telemetry jobs: instance stats every minute, retention every hour. */
export function startConsoleTelemetry(deps: { docker: Docker; sqlite: Database.Database; installationId: string; statsIntervalMs?: number }): void {
  if (started) return;
  started = true;
  startDockerStats(deps.docker, deps.sqlite, deps.installationId, deps.statsIntervalMs);
  startRetention(deps.sqlite);
}
