import type { Db } from '@/db/client';
import { getIdleGuardRow, saveIdleGuardRow } from '@/db/queries/idle-guards';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { compartmentParents } from '@/db/queries/users';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { isAllowed } from '@/server/domain/iam';
import { describeIdleGuard, type IdleGuardSettings } from '@/server/domain/idle-guard';
import type { Principal } from '@/server/domain/principal';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider } from '@/server/providers/types';
import { idleGuardMinMinutes, makeIdleGuardSchema } from '@/server/validation/idle-guard';
import { recordAudit } from '../identity/audit';
import { idleFactsOf, settingsOf } from './engine';

// A deployment's idle guard for the console: read with the deployment (read on it), saved with use
// on it (as a deactivation is an action on it), every save in the audit log. Input is validated
// here with the installation's minimum, so the form's field errors come back keyed by its fields.

export interface IdleGuardServiceDeps {
  db: Db;
  /** The provider as the caller may use it: a deployment it cannot read is not found. */
  provider: Pick<DataScienceProvider, 'getModelDeployment'>;
  principal: () => Promise<Principal | null>;
  /** BERTH_IDLE_GUARD_MIN_MINUTES: the lowered minimum, or null for 5 minutes. */
  minMinutes: number | null;
  /**
   * The context's `idleGuard` capability: where its provider has none, a guard would be saved and
   * never act, so reads and saves are refused. Omitted: offered (the local provider's own use).
   */
  offered?: () => Promise<{ idleGuard: boolean; label: string }>;
  now?: () => Date;
}

export interface IdleGuardView {
  deploymentId: string;
  /** As saved, or the defaults a first save starts from (off, 30 minutes, no schedule). */
  settings: IdleGuardSettings;
  saved: boolean;
  /** What the guard does, in words. */
  words: string[];
  minMinutes: number;
  /** The minimum is lowered by BERTH_IDLE_GUARD_MIN_MINUTES. */
  lowered: boolean;
}

const RESOURCE_TYPE = 'data-science-model-deployments';
export const DEFAULT_IDLE_GUARD: IdleGuardSettings = { isEnabled: false, idleMinutes: 30, schedule: null };

// A wrong day names the days field, whichever of them it is.
const idleGuardFieldOf = (path: readonly string[]) => path[0];

export function createIdleGuardService(deps: IdleGuardServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function gate(deploymentId: string, verb: 'read' | 'use'): Promise<Result<{ compartmentId: string }, DomainError>> {
    const offered = deps.offered ? await deps.offered() : null;
    if (offered && !offered.idleGuard) return err(domainError('NotImplemented', `The idle guard is not offered in the ${offered.label} context.`));
    const md = await deps.provider.getModelDeployment(deploymentId);
    if (!md.ok) return md;
    const principal = await deps.principal();
    if (verb === 'use' && principal && !isAllowed(principal.grants, 'use', RESOURCE_TYPE, md.data.compartmentId, compartmentParents(db))) {
      recordAudit(db, principal, { action: 'UpdateIdleGuard', resourceType: RESOURCE_TYPE, resourceId: deploymentId, compartmentId: md.data.compartmentId, outcome: 'DENIED', detail: 'NotAuthorizedOrNotFound' });
      return err(domainError('NotAuthorizedOrNotFound', `Model deployment ${deploymentId} was not found.`));
    }
    return ok({ compartmentId: md.data.compartmentId });
  }

  function view(deploymentId: string): IdleGuardView {
    const guard = getIdleGuardRow(db, deploymentId);
    const row = getModelDeploymentRow(db, deploymentId);
    const settings = guard ? settingsOf(guard) : DEFAULT_IDLE_GUARD;
    const words = guard && row ? describeIdleGuard({ settings, state: row.lifecycleState, now: now().getTime(), facts: idleFactsOf(db, guard, row) }) : ['Off: the deployment serves until it is deactivated by hand.'];
    return { deploymentId, settings, saved: !!guard, words, minMinutes: idleGuardMinMinutes(deps.minMinutes), lowered: deps.minMinutes !== null && deps.minMinutes < idleGuardMinMinutes(null) };
  }

  return {
    async get(deploymentId: string): Promise<Result<IdleGuardView, DomainError>> {
      const g = await gate(deploymentId, 'read');
      return g.ok ? ok(view(deploymentId)) : g;
    },

    async save(deploymentId: string, input: unknown): Promise<Result<IdleGuardView, DomainError>> {
      const g = await gate(deploymentId, 'use');
      if (!g.ok) return g;
      const parsed = makeIdleGuardSchema(deps.minMinutes).safeParse(input);
      if (!parsed.success) {
        const [first] = parsed.error.issues;
        return err(domainError('InvalidParameter', first?.message ?? 'The idle guard is not valid.', fieldErrorsOf(parsed.error.issues, { keyOf: idleGuardFieldOf })));
      }
      const s = parsed.data;
      saveIdleGuardRow(db, { modelDeploymentId: deploymentId, isEnabled: s.isEnabled, idleMinutes: s.idleMinutes, schedule: s.schedule, timeUpdated: now().toISOString() });
      const principal = await deps.principal();
      if (principal) {
        const detail = `${s.isEnabled ? 'enabled' : 'disabled'}, ${s.idleMinutes} min${s.schedule ? `, activates ${s.schedule.days.join(',')} ${s.schedule.time} UTC` : ''}`;
        recordAudit(db, principal, { action: 'UpdateIdleGuard', resourceType: RESOURCE_TYPE, resourceId: deploymentId, compartmentId: g.data.compartmentId, outcome: 'SUCCEEDED', detail });
      }
      return ok(view(deploymentId));
    },
  };
}
