import crypto from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { auditEvents, updatePlans } from '@/db/schema';
import type { Principal } from '@/server/domain/principal';
import type { AppContext } from '@/server/services/context';
import { authzContextPerTest } from '@/tests/support/authz-context';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { createDeploymentChecks } from '../deployment-checks';
import { revealDeploymentSecret } from '../deployment-secrets';
import { startRuntimeImageRebuild } from '../image-builds';
import { readUpdatePlan, startUpdatePlan } from '../update-plans';
import { accessIn, authorizeDeployment, principalIsOps } from './access';

// The paths that reach a deployment without the authorizing provider, on a real SQLite file with
// real users: secret reveal (manage), invoke (use), update plans (use to start, read to follow),
// image rebuilds (ops). The runner is not started: work requests stay queued.

const authz = authzContextPerTest();
let ctx: AppContext;
let users: Record<'ds' | 'viewer' | 'ops', Principal>;

beforeEach(() => {
  ctx = authz.ctx();
  users = authz.users();
});

/** An echo deployment with a secret, made by the person at the machine (the unchecked provider). */
async function seedDeployment(compartmentId?: string) {
  const { md } = await createEchoDeployment({ ...ctx, provider: ctx.system }, { config: { environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { DB_PASSWORD: 'hunter2-secret' } } } });
  // Still CREATING (no runner), so it cannot be moved; it is put there as a row.
  if (compartmentId) updateModelDeploymentRow(ctx.db, md.id, { compartmentId });
  return md;
}

const lastAudit = () => ctx.db.select().from(auditEvents).all().map((e) => [e.principalName, e.action, e.outcome]).at(-1);

describe('secret reveal', () => {
  it('needs manage on the deployment: a viewer gets the not-found of a missing one, audited', async () => {
    const md = await seedDeployment();
    authz.as(users.viewer);
    const refused = await revealDeploymentSecret(ctx, md.id, 'DB_PASSWORD');
    expect(refused).toEqual({ ok: false, error: { code: 'NotAuthorizedOrNotFound', message: `Model deployment ${md.id} was not found.` } });
    expect(lastAudit()).toEqual(['vic', 'RevealSecret', 'DENIED']);
  });

  it('shows the value to a data scientist in the compartment, audited with the variable, never the value', async () => {
    const md = await seedDeployment();
    authz.as(users.ds);
    expect(await revealDeploymentSecret(ctx, md.id, 'DB_PASSWORD')).toMatchObject({ ok: true, data: { value: 'hunter2-secret' } });
    const events = ctx.db.select().from(auditEvents).all();
    expect(events.map((e) => [e.principalName, e.action, e.outcome, e.detail])).toEqual([['dana', 'RevealSecret', 'SUCCEEDED', 'DB_PASSWORD']]);
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('hides a deployment of another compartment from a data scientist', async () => {
    const md = await seedDeployment(authz.other());
    authz.as(users.ds);
    expect(await revealDeploymentSecret(ctx, md.id, 'DB_PASSWORD')).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});

describe('invoke (use) and access for the UI', () => {
  it('lets a data scientist and ops use a deployment, not a viewer', async () => {
    const md = await seedDeployment();
    for (const [who, ok] of [[users.ds, true], [users.ops, true], [users.viewer, false]] as const) {
      authz.as(who);
      expect((await authorizeDeployment(ctx, 'use', md.id)).ok).toBe(ok);
      // The provider's predict is gated the same: a viewer's never leaves the console.
      const predicted = await ctx.provider.predictModelDeployment(md.id, { body: '{"x":[1]}', requestId: 'access-test', timeoutMs: 2000 });
      expect(!predicted.ok && predicted.error.code === 'NotAuthorizedOrNotFound').toBe(!ok);
    }
  });

  it('offers a viewer nothing to change and ops everything', async () => {
    const compartment = ctx.installation.defaultCompartmentId;
    authz.as(users.viewer);
    expect(await accessIn(ctx, compartment, 'data-science-model-deployments')).toMatchObject({ canCreate: false, canUpdate: false, canDelete: false, isOps: false });
    expect(await principalIsOps(ctx)).toBe(false);
    authz.as(users.ops);
    expect(await accessIn(ctx, authz.other(), 'data-science-model-deployments')).toMatchObject({ canCreate: true, canUpdate: true, canDelete: true, canRevealSecrets: true, isOps: true });
    expect(await principalIsOps(ctx)).toBe(true);
  });
});

describe('update plans', () => {
  it('refuses a viewer to start one, as UpdateModelDeployment would, and audits it', async () => {
    const md = await seedDeployment();
    authz.as(users.viewer);
    expect(await startUpdatePlan(ctx, md.id, { displayName: 'renamed' })).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(lastAudit()).toEqual(['vic', 'UpdateModelDeployment', 'DENIED']);
  });

  it('shows a plan only to who may read its deployment', async () => {
    const md = await seedDeployment(authz.other());
    const id = crypto.randomUUID();
    ctx.db.insert(updatePlans).values({ id, modelDeploymentId: md.id, compartmentId: authz.other(), status: 'SUCCEEDED', request: { displayName: 'x' }, steps: [], message: null, timeCreated: new Date().toISOString(), timeFinished: null }).run();
    authz.as(users.viewer);
    expect(await readUpdatePlan(ctx, id)).toMatchObject({ ok: true, data: { id } });
    authz.as(users.ds);
    expect(await readUpdatePlan(ctx, id)).toEqual({ ok: false, error: { code: 'NotAuthorizedOrNotFound', message: `Update plan ${id} was not found.` } });
  });
});

describe('runtime image rebuilds', () => {
  it('are the ops role’s: a data scientist is refused before anything reaches Docker', async () => {
    authz.as(users.ds);
    expect(await startRuntimeImageRebuild(ctx, 'python')).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(lastAudit()).toEqual(['dana', 'RebuildRuntimeImage', 'DENIED']);
  });
});

describe('check before create', () => {
  it("needs the create's right in the model's compartment: a viewer who reads the model is refused before a container runs", async () => {
    const md = await seedDeployment();
    const modelId = md.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId ?? '';
    authz.as(users.viewer);
    expect(await ctx.provider.getModel(modelId)).toMatchObject({ ok: true });
    const checks = createDeploymentChecks(ctx.provider, { mayDeployIn: async (c) => (await accessIn(ctx, c, 'data-science-model-deployments')).canCreate });
    const config = { deploymentType: 'SINGLE_MODEL' as const, modelConfigurationDetails: { modelId, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex' } } };
    const steps: string[] = [];
    const refused = await checks.run({ modelDeploymentConfigurationDetails: config }, { plan: () => steps.push('plan'), step: (m) => steps.push(m), item: () => steps.push('item') });
    expect(refused).toEqual({ ok: false, error: { code: 'NotAuthorizedOrNotFound', message: `Model ${modelId} was not found.` } });
    expect(steps).toEqual([]);
  });
});
