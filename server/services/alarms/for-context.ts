import type { AppContext } from '../context';
import { createAlarmsService } from './alarms';
import type { ConsoleAlarms } from './console-alarms';
import { createOciAlarmsService } from './oci-alarms';

/**
 * The alarms of the request's context: OCI Monitoring's where its provider has them, else the
 * console's own (the local provider), as the request's principal uses them.
 */
export async function alarmsServiceOf(ctx: AppContext): Promise<ConsoleAlarms> {
  const session = await ctx.session();
  const oci = session.provider.monitoringAlarms;
  if (oci) return createOciAlarmsService({ provider: session.provider, alarms: oci });
  return createAlarmsService({ db: ctx.db, provider: ctx.provider, principal: ctx.principal, region: ctx.config.region, minSeconds: ctx.config.autoscalingMinSeconds });
}
