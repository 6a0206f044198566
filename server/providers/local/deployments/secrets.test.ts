import { describe, expect, it } from 'vitest';
import { getModelDeploymentRow, updateModelDeploymentRow } from '@/db/queries/model-deployments';
import { listSecretRows } from '@/db/queries/secrets';
import { listWorkRequestLogRows, listWorkRequestRows } from '@/db/queries/work-requests';
import { SECRET_MASK, isSecretRef } from '@/server/domain/secrets';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { pruneSecrets, revealSecret, sealVariables, unsealConfiguration, unsealVariables } from './secrets';

// Secret variables through the real provider on a real SQLite file (the runner is not started:
// work requests stay queued, so what is stored is read before any container would start).

const { ctx } = tempContextPerTest();


const createWithEnv = (vars: Record<string, string>, secretEnvironmentVariables?: string[]) =>
  createEchoDeployment(ctx(), {
    config: { environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: vars } },
    ...(secretEnvironmentVariables ? { secretEnvironmentVariables } : {}),
  });

const storedVars = (id: string) => getModelDeploymentRow(ctx().db, id)?.modelDeploymentConfigurationDetails.environmentConfigurationDetails?.environmentVariables ?? {};

describe('secret environment variables in the local provider', () => {
  it('stores secrets apart, masks them in every answer, and gives the container the real values', async () => {
    const { md, workRequestId } = await createWithEnv({ DB_PASSWORD: 'hunter2-very-secret', GREETING: 'hello', INTERNAL_NOTE: 'marked-by-user' }, ['INTERNAL_NOTE']);
    const stored = storedVars(md.id);
    expect(stored.GREETING).toBe('hello');
    expect(isSecretRef(stored.DB_PASSWORD ?? '')).toBe(true);
    expect(isSecretRef(stored.INTERNAL_NOTE ?? '')).toBe(true);
    // Nowhere in the configuration or the work request: only in the secrets table.
    const row = getModelDeploymentRow(ctx().db, md.id);
    expect(JSON.stringify(row)).not.toContain('hunter2');
    expect(JSON.stringify(listWorkRequestRows(ctx().db, { resourceId: md.id, limit: 10, offset: 0 }))).not.toContain('hunter2');
    expect(listSecretRows(ctx().db, md.id).map((r) => [r.name, r.value]).sort()).toEqual([
      ['DB_PASSWORD', 'hunter2-very-secret'],
      ['INTERNAL_NOTE', 'marked-by-user'],
    ]);

    for (const answer of [md, await ctx().provider.getModelDeployment(md.id).then((r) => (r.ok ? r.data : null))]) {
      expect(answer?.modelDeploymentConfigurationDetails?.environmentConfigurationDetails?.environmentVariables).toEqual({
        DB_PASSWORD: SECRET_MASK,
        GREETING: 'hello',
        INTERNAL_NOTE: SECRET_MASK,
      });
    }
    const listed = await ctx().provider.listModelDeployments({ compartmentId: md.compartmentId });
    expect(JSON.stringify(listed)).not.toContain('hunter2');
    expect(workRequestId).toBeTruthy();

    const unsealed = unsealConfiguration(ctx().db, row!.modelDeploymentConfigurationDetails);
    expect(unsealed.environmentConfigurationDetails?.environmentVariables).toEqual({ DB_PASSWORD: 'hunter2-very-secret', GREETING: 'hello', INTERNAL_NOTE: 'marked-by-user' });
  });

  it('keeps a secret that comes back masked in an update, and stores a new value as a new secret', async () => {
    const { md } = await createWithEnv({ API_KEY: 'first-key-value', MODE: 'a' });
    updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'ACTIVE' });
    const before = storedVars(md.id).API_KEY;

    const masked = await ctx().provider.getModelDeployment(md.id);
    if (!masked.ok) throw new Error(masked.error.message);
    const env = masked.data.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
    const sameKey = await ctx().provider.updateModelDeployment(md.id, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { ...env?.environmentVariables, MODE: 'b' } },
      },
    });
    if (!sameKey.ok) throw new Error(sameKey.error.message);
    const queued = listWorkRequestRows(ctx().db, { resourceId: md.id, limit: 10, offset: 0 }).find((w) => w.id === sameKey.data.workRequestId);
    const mergedVars = (queued?.payload.merged as { modelDeploymentConfigurationDetails: { environmentConfigurationDetails: { environmentVariables: Record<string, string> } } })
      .modelDeploymentConfigurationDetails.environmentConfigurationDetails.environmentVariables;
    expect(mergedVars).toEqual({ API_KEY: before, MODE: 'b' });

    updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'ACTIVE' });
    const newKey = await ctx().provider.updateModelDeployment(md.id, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { API_KEY: 'second-key-value', MODE: 'a' } },
      },
    });
    if (!newKey.ok) throw new Error(newKey.error.message);
    const payload = JSON.stringify(listWorkRequestRows(ctx().db, { resourceId: md.id, limit: 10, offset: 0 }).map((w) => w.payload));
    expect(payload).not.toContain('second-key-value');
    expect(listSecretRows(ctx().db, md.id).map((r) => r.value).sort()).toEqual(['first-key-value', 'second-key-value']);
  });

  it('moves a secret stored in the configuration before the table existed into it, keeping its value', () => {
    const sealed = sealVariables(ctx().db, 'ocid1.datasciencemodeldeployment.oc1.test.legacy', { DB_PASSWORD: SECRET_MASK, MODE: 'x' }, {
      current: { DB_PASSWORD: 'legacy-plain-value', MODE: 'x' },
      now: new Date().toISOString(),
    });
    expect(isSecretRef(sealed.DB_PASSWORD ?? '')).toBe(true);
    expect(unsealVariables(ctx().db, sealed)).toEqual({ DB_PASSWORD: 'legacy-plain-value', MODE: 'x' });
  });

  it('prunes secret values that neither the configuration nor pending work refers to', async () => {
    const { md } = await createWithEnv({ TOKEN: 'token-one' });
    // An orphan, as a failed update leaves behind once its work request has ended.
    const stored = storedVars(md.id);
    updateModelDeploymentRow(ctx().db, md.id, {
      modelDeploymentConfigurationDetails: {
        ...getModelDeploymentRow(ctx().db, md.id)!.modelDeploymentConfigurationDetails,
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: {} },
      },
    });
    // The create is still queued, but it carries no configuration: nothing refers to the value now.
    expect(stored.TOKEN).toBeTruthy();
    expect(pruneSecrets(ctx().db, md.id)).toBe(1);
    expect(listSecretRows(ctx().db, md.id)).toEqual([]);
  });

  it('reveals a value on request and records who revealed which variable, never the value', async () => {
    const { md } = await createWithEnv({ DB_PASSWORD: 'hunter2-very-secret', GREETING: 'hello' });
    const c = ctx();
    const deps = { db: c.db, region: c.config.region, userId: c.installation.userId, now: () => new Date() };
    const revealed = revealSecret(deps, md.id, 'DB_PASSWORD');
    expect(revealed).toMatchObject({ ok: true, data: { name: 'DB_PASSWORD', value: 'hunter2-very-secret' } });
    if (!revealed.ok) return;
    const wr = listWorkRequestRows(c.db, { resourceId: md.id, limit: 10, offset: 0 }).find((w) => w.id === revealed.data.workRequestId);
    expect(wr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_SECRET_REVEAL', status: 'SUCCEEDED', percentComplete: 100 });
    const logs = listWorkRequestLogRows(c.db, revealed.data.workRequestId, 10, 0).map((l) => l.message);
    expect(logs).toEqual([`The value of secret environment variable DB_PASSWORD was revealed in the console by ${c.installation.userId}.`]);
    expect(JSON.stringify(wr)).not.toContain('hunter2');

    expect(revealSecret(deps, md.id, 'GREETING')).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(revealSecret(deps, md.id, 'NOPE')).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(revealSecret(deps, 'ocid1.datasciencemodeldeployment.oc1.test.nope', 'DB_PASSWORD')).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});
