import type Database from 'better-sqlite3';
import type Docker from 'dockerode';
import { startDockerStats } from './docker-stats';
import { startRetention } from './retention';

export { createTelemetryRecorder } from './recorder';

let started = false;

/** The console process's telemetry jobs: instance stats every minute, retention every hour. */
export function startConsoleTelemetry(deps: { docker: Docker; sqlite: Database.Database; installationId: string; statsIntervalMs?: number }): void {
  if (started) return;
  started = true;
  startDockerStats(deps.docker, deps.sqlite, deps.installationId, deps.statsIntervalMs);
  startRetention(deps.sqlite);
}
