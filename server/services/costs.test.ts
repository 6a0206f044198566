import { describe, expect, it } from 'vitest';
import { costGroups } from '@/db/queries/cost-groups';
import { insertModelDeploymentRow } from '@/db/queries/model-deployments';
import type { ModelConfigurationDetails, ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { modelDeploymentFixture } from '@/tests/support/model-deployment';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { BILLED_STATES, estimateConfiguration, totalCost } from './costs';

// The operations page's cost total on a real SQLite file: deployments grouped by what their price
// depends on, inactive ones left out, an unknown shape named rather than counted.

const { ctx } = tempContextPerTest();

const e4 = (instances: number): ModelConfigurationDetails => ({
  modelId: 'ocid1.datasciencemodel.oc1.test.m',
  instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 16 } },
  scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: instances },
  bandwidthMbps: 10,
});

let seq = 0;
function put(state: ModelDeploymentLifecycleState, mc: ModelConfigurationDetails) {
  const f = modelDeploymentFixture();
  const id = `${f.id}${++seq}`;
  insertModelDeploymentRow(ctx().db, {
    id,
    compartmentId: f.compartmentId,
    projectId: f.projectId,
    modelId: mc.modelId,
    displayName: `md-${seq}`,
    createdBy: f.createdBy,
    timeCreated: f.timeCreated,
    lifecycleState: state,
    modelDeploymentUrl: `http://127.0.0.1:3080/${id}`,
    modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: mc },
    categoryLogDetails: null,
    currentInstanceCount: 1,
    freeformTags: {},
    definedTags: {},
  });
}

describe('the operations page’s cost total', () => {
  it('adds up the billed deployments, one group per configuration', () => {
    put('ACTIVE', e4(1));
    put('ACTIVE', e4(1));
    put('UPDATING', e4(3));
    put('INACTIVE', e4(5));
    put('ACTIVE', { ...e4(1), instanceConfiguration: { instanceShapeName: 'VM.Unknown.Flex' } });
    const groups = costGroups(ctx().db, BILLED_STATES);
    expect(groups.reduce((n, g) => n + g.deployments, 0)).toBe(4);
    expect(groups).toHaveLength(3);
    const view = totalCost(ctx().config, groups);
    // 0.074 an instance-hour (2 OCPU, 16 GB) and 0.0123 for each load balancer: 1 + 1 + 3 instances.
    expect(view.total.hourly).toEqual({ min: 0.4069, max: 0.4069 });
    expect(view.count).toBe(4);
    expect(view.unpriced).toEqual([{ deployments: 1, reason: expect.stringMatching(/Unknown shape "VM\.Unknown\.Flex"/) }]);
    expect(view).toMatchObject({ currency: 'USD', asOf: '2025-06-01' });
  });

  it('says why a deployment has no estimate when the price table cannot be read', () => {
    const r = estimateConfiguration({ priceTablePath: '/nonexistent/prices.json' }, e4(1));
    expect(r).toEqual({ ok: false, reason: 'BERTH_PRICE_TABLE names /nonexistent/prices.json, which cannot be read (ENOENT).' });
  });
});
