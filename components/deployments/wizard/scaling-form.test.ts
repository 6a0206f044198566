import { describe, expect, it } from 'vitest';
import type { ModelOption } from '@/server/domain/editor-options';
import type { AutoScalingPolicy, ModelDeployment } from '@/server/domain/oci-types';
import { describeScalingPolicy } from '@/server/domain/scaling-summary';
import { applyModelDeploymentUpdate, diffModelDeployment } from '@/server/domain/shallow-merge';
import { classifyUpdate } from '@/server/domain/update-groups';
import { buildUpdateRequest } from '@/server/domain/update-request';
import { changeRows } from './change-labels';
import { defaultFormValues, formValuesFromDeployment, toCreateDetails, toEditedDeployment, type FormValues } from './form-model';
import { fieldOfPath, validateForm } from './form-validation';
import { customQuery, newRule, scalingValuesFromPolicy, toAutoScalingPolicy, type ScalingValues } from './scaling-form';

// The wizard's scaling choice: the SDK's AutoScalingPolicy it produces, the server's own messages
// on the fields that show them, and an edit that shows (and sends) only what changed.

const PROJECT = { id: 'ocid1.datascienceproject.oc1.test.aaaaaaaaproject', compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment' };
const MODEL = 'ocid1.datasciencemodel.oc1.test.aaaaaaaamodel';
const MD_ID = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaamd';
const CONDA = { kind: 'conda', slug: 'minimal_p311_cpu_v1', name: 'Minimal', pythonVersion: '3.11', source: 'runtime.yaml' } as const;
const models: ModelOption[] = [{ id: MODEL, displayName: 'doubler', lifecycleState: 'ACTIVE', timeCreated: '', runtime: CONDA, checks: { outcome: 'pass', failures: [] } }];
const ctx = { project: PROJECT, models };

/** OCI-SPEC section I's example policy. */
const OCI_EXAMPLE: AutoScalingPolicy = {
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  isEnabled: true,
  autoScalingPolicies: [
    {
      autoScalingPolicyType: 'THRESHOLD',
      minimumInstanceCount: 1,
      maximumInstanceCount: 4,
      initialInstanceCount: 1,
      rules: [
        {
          metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
          metricType: 'CPU_UTILIZATION',
          scaleInConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 30, pendingDuration: 'PT3M', instanceCountAdjustment: 1 },
          scaleOutConfiguration: { scalingConfigurationType: 'THRESHOLD', threshold: 70, pendingDuration: 'PT3M', instanceCountAdjustment: 1 },
        },
      ],
    },
  ],
};

const autoscaled = (patch: Partial<ScalingValues> = {}): FormValues => {
  const v = defaultFormValues(MODEL);
  return { ...v, scaling: { ...v.scaling, mode: 'AUTOSCALING', ...patch } };
};

const policyOf = (v: FormValues) => toCreateDetails(v, PROJECT).modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy;

function deployed(v: FormValues): ModelDeployment {
  const details = toCreateDetails(v, PROJECT);
  return {
    ...details,
    id: MD_ID,
    displayName: 'md',
    timeCreated: '2025-01-01T00:00:00.000Z',
    createdBy: 'ocid1.user.oc1..aaaaaaaauser',
    modelDeploymentUrl: 'http://127.0.0.1/md',
    lifecycleState: 'ACTIVE',
  };
}

describe('the wizard’s autoscaling policy', () => {
  it('starts from OCI’s example and produces it as the SDK’s JSON', () => {
    const v = autoscaled();
    expect(policyOf(v)).toEqual(OCI_EXAMPLE);
    expect(validateForm(v, ctx)).toEqual({});
  });

  it('maps a custom query pair and a memory rule, leaving out what the user left empty', () => {
    const custom = { ...newRule('CUSTOM_EXPRESSION') };
    custom.scaleOut = { ...custom.scaleOut, query: customQuery('PredictRequestCount', '>', 600), pendingDuration: 'pt5m', instanceCountAdjustment: '2' };
    custom.scaleIn = { ...custom.scaleIn, pendingDuration: '', instanceCountAdjustment: '' };
    const memory = { ...newRule(), metricType: 'MEMORY_UTILIZATION' as const };
    const policy = toAutoScalingPolicy({ ...autoscaled().scaling, minimum: '2', initial: '3', maximum: '6', coolDownInSeconds: '', rules: [custom, memory] });
    expect(policy).not.toHaveProperty('coolDownInSeconds');
    expect(policy.autoScalingPolicies[0]).toMatchObject({ minimumInstanceCount: 2, initialInstanceCount: 3, maximumInstanceCount: 6 });
    expect(policy.autoScalingPolicies[0]?.rules).toEqual([
      {
        metricExpressionRuleType: 'CUSTOM_EXPRESSION',
        scaleOutConfiguration: {
          scalingConfigurationType: 'QUERY',
          query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() > 600',
          pendingDuration: 'PT5M',
          instanceCountAdjustment: 2,
        },
        scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: 'CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() < 30' },
      },
      expect.objectContaining({ metricExpressionRuleType: 'PREDEFINED_EXPRESSION', metricType: 'MEMORY_UTILIZATION' }),
    ]);
  });

  it('shows the server’s messages on the fields that caused them', () => {
    const errors = validateForm(autoscaled({ minimum: '3', initial: '2', maximum: '2', coolDownInSeconds: '60' }), ctx);
    expect(errors['scaling.minimum']).toBe('The minimum number of instances must not exceed the maximum.');
    expect(errors['scaling.coolDownInSeconds']).toBe('Cooldown must be at least 300 seconds.');

    const rule = newRule();
    rule.scaleIn = { ...rule.scaleIn, threshold: '80', pendingDuration: 'PT1M' };
    rule.scaleOut = { ...rule.scaleOut, threshold: '', instanceCountAdjustment: '0' };
    expect(validateForm(autoscaled({ initial: '9' }), ctx)['scaling.initial']).toBe('The initial number of instances must be between the minimum and the maximum.');
    const more = validateForm(autoscaled({ rules: [rule] }), ctx);
    expect(more['scaling.rules.0.scaleIn.pendingDuration']).toBe('Pending duration must be an ISO-8601 duration from PT3M to PT1H, for example PT5M.');
    expect(more['scaling.rules.0.scaleOut.threshold']).toBe('Threshold is required.');
    expect(more['scaling.rules.0.scaleOut.instanceCountAdjustment']).toBe('Instance count adjustment must be at least 1.');

    const off = newRule('CUSTOM_EXPRESSION');
    off.scaleOut = { ...off.scaleOut, query: 'CpuUtilization[1m]{resourceId = "ocid1.datasciencemodeldeployment.oc1.test.other"}.mean() > 70' };
    const custom = validateForm(autoscaled({ rules: [off] }), ctx);
    expect(custom['scaling.rules.0.scaleOut.query']).toMatch(/^The query must name this deployment exactly: \{resourceId = "MODEL_DEPLOYMENT_OCID"\} \(column 33\)\.$/);

    expect(validateForm(autoscaled({ rules: [] }), ctx)['scaling.rules']).toBe('Add at least one scaling rule.');
  });

  it('takes the console’s lower minimums when BERTH_AUTOSCALING_MIN_SECONDS is set, as its actions do', () => {
    const rule = newRule();
    rule.scaleOut = { ...rule.scaleOut, pendingDuration: 'PT10S' };
    const v = autoscaled({ coolDownInSeconds: '10', rules: [rule] });
    expect(Object.keys(validateForm(v, ctx))).toEqual(['scaling.coolDownInSeconds', 'scaling.rules.0.scaleOut.pendingDuration']);
    expect(validateForm(v, { ...ctx, autoscalingMinSeconds: 10 })).toEqual({});
    expect(validateForm(autoscaled({ coolDownInSeconds: '5' }), { ...ctx, autoscalingMinSeconds: 10 })['scaling.coolDownInSeconds']).toBe('Cooldown must be at least 10 seconds.');
  });
});

describe('editing a deployment’s scaling', () => {
  it('reads an autoscaled deployment back unchanged, even a policy written without the defaults', () => {
    const md = deployed(autoscaled());
    const sparse: ModelDeployment = structuredClone(md);
    const mc = sparse.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
    if (!mc) throw new Error('no configuration');
    mc.scalingPolicy = { ...OCI_EXAMPLE, coolDownInSeconds: undefined, isEnabled: undefined };
    delete (mc.scalingPolicy as Partial<AutoScalingPolicy>).coolDownInSeconds;
    delete (mc.scalingPolicy as Partial<AutoScalingPolicy>).isEnabled;
    for (const d of [md, sparse]) {
      const v = formValuesFromDeployment(d);
      expect(v.scaling.mode).toBe('AUTOSCALING');
      expect(buildUpdateRequest(d, toEditedDeployment(d, v))).toEqual({});
    }
    expect(scalingValuesFromPolicy(mc.scalingPolicy).coolDownInSeconds).toBe('');
  });

  it('makes fixed size to autoscaling its own update group, with the diff in words', () => {
    const md = deployed(defaultFormValues(MODEL));
    const v = formValuesFromDeployment(md);
    const edited = toEditedDeployment(md, { ...v, scaling: { ...v.scaling, mode: 'AUTOSCALING', maximum: '3' } });
    const request = buildUpdateRequest(md, edited);
    expect(classifyUpdate(md, request)).toEqual(['scaling']);
    const applied = applyModelDeploymentUpdate(md, request);
    if (!applied.ok) throw new Error(applied.error.message);
    const rows = changeRows(diffModelDeployment(md, applied.data)).map((r) => [r.label, r.before, r.after]);
    expect(rows).toEqual([
      ['Scaling policy', 'Fixed size', 'Autoscaling'],
      ['Number of instances', '1', '—'],
      ['Cooldown (seconds)', '—', '300'],
      ['Autoscaling enabled', '—', 'Yes'],
      ['Autoscaling bounds and rules', '—', '1 to 3 instances, starting at 1; CPU utilization: out by 1 at >= 70 % for 3m, in by 1 below 30 % for 3m.'],
    ]);
    // A shape change beside it runs as two updates of a serving deployment.
    const both = toEditedDeployment(md, { ...v, ocpus: '2', scaling: { ...v.scaling, mode: 'AUTOSCALING' } });
    expect(classifyUpdate(md, buildUpdateRequest(md, both))).toEqual(['compute', 'scaling']);
  });

  it('describes the policy in words for the review', () => {
    expect(describeScalingPolicy(OCI_EXAMPLE)).toEqual([
      'Autoscaling: 1 to 4 instances, starting at 1, cooldown 5m after each scaling.',
      'CPU utilization: out by 1 at >= 70 % for 3m, in by 1 below 30 % for 3m',
    ]);
    expect(describeScalingPolicy({ policyType: 'FIXED_SIZE', instanceCount: 2 })).toEqual(['Fixed size: 2 instances, whatever the load.']);
  });
});

describe('editing a custom rule', () => {
  it('accepts the deployment’s own OCID in a query, and names another one', () => {
    const rule = newRule('CUSTOM_EXPRESSION');
    const md = deployed(autoscaled({ rules: [rule] }));
    const v = formValuesFromDeployment(md);
    const own = v.scaling.rules.map((r) => ({ ...r, scaleOut: { ...r.scaleOut, query: customQuery('CpuUtilization', '>', 80).replace('MODEL_DEPLOYMENT_OCID', MD_ID) } }));
    expect(validateForm({ ...v, scaling: { ...v.scaling, rules: own } }, { ...ctx, current: md })).toEqual({});
    const other = v.scaling.rules.map((r) => ({ ...r, scaleOut: { ...r.scaleOut, query: customQuery('CpuUtilization', '>', 80).replace('MODEL_DEPLOYMENT_OCID', `${MD_ID}x`) } }));
    expect(validateForm({ ...v, scaling: { ...v.scaling, rules: other } }, { ...ctx, current: md })['scaling.rules.0.scaleOut.query']).toMatch(/must name this deployment exactly/);
  });
});

describe('fieldOfPath under the scaling policy', () => {
  const at = (rest: string) => fieldOfPath(`modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy${rest}`);
  it('points each server path at the field that shows it', () => {
    expect(at('.instanceCount')).toBe('instanceCount');
    expect(at('.coolDownInSeconds')).toBe('scaling.coolDownInSeconds');
    expect(at('.autoScalingPolicies.0.maximumInstanceCount')).toBe('scaling.maximum');
    expect(at('.autoScalingPolicies.0.rules')).toBe('scaling.rules');
    expect(at('.autoScalingPolicies.0.rules.2.metricType')).toBe('scaling.rules.2.metricType');
    expect(at('.autoScalingPolicies.0.rules.1.scaleInConfiguration.query')).toBe('scaling.rules.1.scaleIn.query');
    expect(at('.autoScalingPolicies.0.rules.1.scaleOutConfiguration.scalingConfigurationType')).toBe('scaling.rules.1');
    expect(at('.autoScalingPolicies')).toBe('scaling');
    expect(at('')).toBe('scaling');
  });
});
