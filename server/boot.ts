import { startFaultExpiry, startFollowing } from '@/server/providers/local';
import { sweepArtifactLeftovers } from '@/server/providers/local/artifacts/sweep';
import { getAppContext } from '@/server/services/context';
import { applyAdminPassword } from '@/server/services/identity/administrator';
import { startIdentitySweep } from '@/server/services/identity/sweep';
import { startGatewaySupervision } from '@/server/services/gateway-supervision';
import { resumeUpdatePlans } from '@/server/services/update-plans';
import { startRetention } from '@/server/jobs/telemetry-retention';
import { startDockerStats } from '@/server/providers/local/telemetry/docker-stats';
import { startPredictLogs } from '@/server/providers/local/telemetry/predict-logs';

/** Called once per server process from instrumentation: migrate, resume work, then keep Docker in line. */
export function boot(): void {
  const ctx = getAppContext();
  // Before anything can upload: what a stopped console left half written goes.
  const swept = sweepArtifactLeftovers(ctx.db, ctx.config);
  if (swept.removed.length) console.info(`Berth: removed ${swept.removed.length} leftover artifact folder(s): ${swept.removed.slice(0, 5).join(', ')}`);
  void applyAdminPassword(ctx.db, ctx.installation.userId, ctx.config.adminPassword).catch((e: unknown) => console.error('Berth: could not set the administrator password', e));
  startIdentitySweep(ctx.db, ctx.config.session);
  ctx.runner.start();
  ctx.reconciler.start(ctx.config.reconcileIntervalMs);
  ctx.scaler.start(ctx.config.autoscalingIntervalMs);
  ctx.alarms.start(ctx.config.alarmIntervalMs);
  ctx.idleGuard.start(ctx.config.idleGuardIntervalMs);
  startFaultExpiry(ctx.local);
  startFollowing(ctx.local, ctx.runner);
  resumeUpdatePlans(ctx);
  if (ctx.config.superviseGateway) startGatewaySupervision(ctx);
  startDockerStats(ctx.local.docker, ctx.db.$client, ctx.installation.tenancyId, ctx.config.instanceStatsIntervalMs);
  startRetention(ctx.db.$client, ctx.config.telemetryRetention);
  startPredictLogs({ docker: ctx.local.docker, sqlite: ctx.db.$client, installationId: ctx.installation.tenancyId });
  console.info(`Berth: data in ${ctx.config.dataDir}, provider ${ctx.provider.kind}`);
}
