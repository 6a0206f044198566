import { describe, expect, it } from 'vitest';
import type { CheckReport } from '@/server/domain/deployment-check';
import { ok } from '@/server/domain/result';
import type { DataScienceProvider, DeploymentCheckInput } from '@/server/providers/types';
import { deploymentCheckRequestSchema } from '@/server/validation/deployment-check';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { createDeploymentChecks } from './deployment-checks';

// The service around the provider's capability: which sample goes with the configuration, and
// what a provider without the capability, or a model that cannot be deployed, answers. The
// container side is the integration suite's (tests/integration/deployment-check.test.ts).

const { ctx } = tempContextPerTest();
const noProgress = { plan: () => undefined, step: () => undefined, item: () => undefined };
const SCHEMA = JSON.stringify({ type: 'object', properties: { x: { type: 'array', items: { type: 'number' }, examples: [[1, 2, 3]] } } });

async function model(inputSchema?: string) {
  const c = ctx();
  const p = await c.provider.createProject({ compartmentId: c.installation.defaultCompartmentId, displayName: 'p' });
  if (!p.ok) throw new Error(p.error.message);
  const m = await c.provider.createModel({ compartmentId: c.installation.defaultCompartmentId, projectId: p.data.id, displayName: 'm', ...(inputSchema ? { inputSchema } : {}) });
  if (!m.ok) throw new Error(m.error.message);
  return m.data.id;
}

const request = (modelId: string) =>
  deploymentCheckRequestSchema.parse({
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: { modelId, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } } },
    },
  });

/** The context's provider with its preflight capability recording what it was asked. */
function recording(provider: DataScienceProvider) {
  const asked: DeploymentCheckInput[] = [];
  const report: CheckReport = { kind: 'conda', image: 'img', items: [], outcome: 'pass', seconds: 0.1 };
  const wrapped: DataScienceProvider = {
    ...provider,
    preflight: {
      checkDeployment: async (input) => {
        asked.push(input);
        return ok(report);
      },
      checkModelLoads: async () => ok({ status: 'pass', reason: 'r', time: '' }),
    },
  };
  return { wrapped, asked };
}

describe('deployment checks service', () => {
  it("sends the sample built from the model's input schema, or says it is a generic one", async () => {
    const { wrapped, asked } = recording(ctx().provider);
    const checks = createDeploymentChecks(wrapped);
    expect((await checks.run(request(await model(SCHEMA)), noProgress)).ok).toBe(true);
    expect(asked[0]?.sample).toEqual({ body: { x: [1, 2, 3] }, fromSchema: true });
    await checks.run(request(await model()), noProgress);
    expect(asked[1]?.sample.fromSchema).toBe(false);
  });

  it('answers 501 NotImplemented where the provider has no preflight capability', async () => {
    const { preflight: _none, ...withoutChecks } = ctx().provider;
    const checks = createDeploymentChecks(withoutChecks);
    expect(checks.available()).toBe(false);
    const r = await checks.run(request(await model()), noProgress);
    expect(r).toMatchObject({ ok: false, error: { code: 'NotImplemented' } });
  });

  it('refuses an inactive model and an unknown one, running nothing', async () => {
    const { wrapped, asked } = recording(ctx().provider);
    const id = await model();
    await ctx().provider.deactivateModel(id);
    expect(await createDeploymentChecks(wrapped).run(request(id), noProgress)).toMatchObject({ ok: false, error: { code: 'IncorrectState' } });
    const unknown = await createDeploymentChecks(wrapped).run(request('ocid1.datasciencemodel.oc1.test.nosuchmodel'), noProgress);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
    expect(asked).toEqual([]);
  });
});
