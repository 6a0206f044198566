import type { AppContext } from '../context';
import { createIdleGuardService } from './service';

/** The idle guard service as the request's principal uses it. */
export const idleGuardServiceOf = (ctx: AppContext) =>
  createIdleGuardService({ db: ctx.db, provider: ctx.provider, principal: ctx.principal, minMinutes: ctx.config.idleGuardMinMinutes,
    offered: async () => {
      const session = await ctx.session();
      return { idleGuard: session.capabilities.idleGuard, label: session.label };
    },
  });
