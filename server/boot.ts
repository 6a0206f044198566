import { getAppContext } from '@/server/services/context';

/** Called once per server process from instrumentation: migrate, then reconcile and run work. */
export function boot(): void {
  const ctx = getAppContext();
  ctx.runner.start();
  console.info(`Berth: data in ${ctx.config.dataDir}, provider ${ctx.provider.kind}`);
}
