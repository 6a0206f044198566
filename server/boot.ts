import { getAppContext } from '@/server/services/context';

/** Called once per server process from instrumentation: migrate, resume work, then keep Docker in line. */
export function boot(): void {
  const ctx = getAppContext();
  ctx.runner.start();
  ctx.reconciler.start(ctx.config.reconcileIntervalMs);
  console.info(`Berth: data in ${ctx.config.dataDir}, provider ${ctx.provider.kind}`);
}
