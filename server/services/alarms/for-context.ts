import type { AppContext } from '../context';
import { createAlarmsService } from './alarms';

/** The alarms service as the request's principal uses it. */
export const alarmsServiceOf = (ctx: AppContext) =>
  createAlarmsService({ db: ctx.db, provider: ctx.provider, principal: ctx.principal, region: ctx.config.region, minSeconds: ctx.config.autoscalingMinSeconds });
