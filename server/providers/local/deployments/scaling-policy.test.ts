import { describe, expect, it } from 'vitest';
import { getModelDeploymentRow, updateModelDeploymentRow } from '@/db/queries/model-deployments';
import type { AutoScalingPolicy } from '@/server/domain/oci-types';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { tempContextPerTest } from '@/tests/support/temp-context';

// An update is validated before the merge, without the deployment's OCID at hand; the provider
// checks the merged policy's custom queries against the real one (real SQLite, runner not started).

const { ctx } = tempContextPerTest();


async function createDeployment() {
  const { md, model } = await createEchoDeployment(ctx());
  updateModelDeploymentRow(ctx().db, md.id, { lifecycleState: 'INACTIVE' });
  return { id: md.id, modelId: model.id };
}

const policyNaming = (resourceId: string): AutoScalingPolicy => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  isEnabled: true,
  autoScalingPolicies: [
    {
      autoScalingPolicyType: 'THRESHOLD',
      minimumInstanceCount: 1,
      maximumInstanceCount: 3,
      initialInstanceCount: 1,
      rules: [
        {
          metricExpressionRuleType: 'CUSTOM_EXPRESSION',
          scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: `CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() > 70` },
          scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: `CpuUtilization[1m]{resourceId = "${resourceId}"}.mean() < 20` },
        },
      ],
    },
  ],
});

const update = (id: string, modelId: string, scalingPolicy: AutoScalingPolicy) =>
  ctx().provider.updateModelDeployment(id, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId, scalingPolicy } } });

const storedPolicy = (id: string) => getModelDeploymentRow(ctx().db, id)?.modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy;

describe('custom scaling queries in an update', () => {
  it("refuses another deployment's OCID, naming the field and the column, and changes nothing", async () => {
    const { id, modelId } = await createDeployment();
    const other = await createDeployment();
    const before = storedPolicy(id);
    const r = await update(id, modelId, policyNaming(other.id));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('InvalidParameter');
    expect(r.error.message).toContain(`must name this deployment exactly: {resourceId = "${id}"} (column 33).`);
    expect(Object.keys(r.error.fieldErrors ?? {})).toEqual(['scalingPolicy.autoScalingPolicies.0.rules.0.scaleInConfiguration.query']);
    expect(storedPolicy(id)).toEqual(before);
  });

  it('accepts its own OCID and the placeholder', async () => {
    const { id, modelId } = await createDeployment();
    const r = await update(id, modelId, policyNaming(id));
    expect(r.ok).toBe(true);
  });
});
