import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/db/queries/audit';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { adminPrincipal, asPrincipal, memberOf } from '@/tests/support/principals';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { revealDeploymentSecret } from './deployment-secrets';

// A secret's reveal as a signed-in user asks for it: allowed with use on the deployment, refused
// to a viewer as if the deployment were not there, and each attempt in the audit log without the value.

const { ctx } = tempContextPerTest();
const SECRET = 'hunter2-very-secret';

const reveals = () => listAuditEvents(ctx().db, { action: 'RevealSecret' }, { limit: 10, offset: 0 }).rows;

describe('revealing a secret environment variable', () => {
  it('shows the value to a user who may use the deployment and records RevealSecret', async () => {
    const admin = asPrincipal(ctx(), adminPrincipal(ctx()));
    const { md } = await createEchoDeployment(admin, { config: { environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { DB_PASSWORD: SECRET } } } });
    expect(await revealDeploymentSecret(admin, md.id, 'DB_PASSWORD')).toMatchObject({ ok: true, data: { value: SECRET } });
    expect(reveals()).toMatchObject([{ principalName: 'admin', resourceId: md.id, compartmentId: md.compartmentId, outcome: 'SUCCEEDED', detail: 'DB_PASSWORD' }]);

    // A name that is no secret fails, and says so in the log too.
    expect(await revealDeploymentSecret(admin, md.id, 'NOPE')).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    expect(reveals()[0]).toMatchObject({ outcome: 'FAILED', detail: 'NOPE: InvalidParameter' });
    expect(JSON.stringify(ctx().db.$client.prepare('SELECT * FROM audit_events').all())).not.toContain(SECRET);
  });

  it('refuses a viewer, who may read the deployment but not use it, as not found, and records the refusal', async () => {
    const admin = asPrincipal(ctx(), adminPrincipal(ctx()));
    const { md } = await createEchoDeployment(admin, { config: { environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { DB_PASSWORD: SECRET } } } });
    const viewer = asPrincipal(ctx(), memberOf(ctx(), 'vera', 'Viewers'));
    expect((await viewer.provider.getModelDeployment(md.id)).ok).toBe(true);
    const refused = await revealDeploymentSecret(viewer, md.id, 'DB_PASSWORD');
    expect(refused).toEqual({ ok: false, error: { code: 'NotAuthorizedOrNotFound', message: `Model deployment ${md.id} was not found.` } });
    expect(reveals()).toMatchObject([{ principalName: 'vera', resourceId: md.id, outcome: 'DENIED', detail: 'DB_PASSWORD: NotAuthorizedOrNotFound' }]);
  });

  it('answers NotAuthenticated outside a signed-in request', async () => {
    const { md } = await createEchoDeployment(ctx());
    expect(await revealDeploymentSecret(ctx(), md.id, 'DB_PASSWORD')).toMatchObject({ ok: false, error: { code: 'NotAuthenticated' } });
    expect(reveals()).toEqual([]);
  });
});
