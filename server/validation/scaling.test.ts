import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadConfig } from '@/server/config';
import { seriesQueries } from '@/server/domain/autoscaling-evaluator';
import type { MetricExpressionRule } from '@/server/domain/oci-types';
import { parseMql } from '@/server/domain/mql';
import { consoleDeploymentSchemas, createModelDeploymentDetailsSchema, updateModelDeploymentDetailsSchema } from './deployment';
import { autoscalingLimits, makeScalingPolicySchema, OCI_AUTOSCALING_LIMITS, scalingPolicySchema, scalingQueryIssue } from './scaling';

const MD = 'ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaaexample';
const OTHER = 'ocid1.datasciencemodeldeployment.oc1.iad.amaaaaaaother';

const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

const threshold = (t: number, over: Record<string, unknown> = {}) => ({ scalingConfigurationType: 'THRESHOLD', threshold: t, pendingDuration: 'PT3M', instanceCountAdjustment: 1, ...over });
const query = (q: string, over: Record<string, unknown> = {}) => ({ scalingConfigurationType: 'QUERY', query: q, ...over });
const cpu = (inn: Record<string, unknown> = threshold(30), out: Record<string, unknown> = threshold(70)) => ({
  metricExpressionRuleType: 'PREDEFINED_EXPRESSION',
  metricType: 'CPU_UTILIZATION',
  scaleInConfiguration: inn,
  scaleOutConfiguration: out,
});
const custom = (out: string, inn: string) => ({ metricExpressionRuleType: 'CUSTOM_EXPRESSION', scaleInConfiguration: query(inn), scaleOutConfiguration: query(out) });
const policy = (over: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  isEnabled: true,
  autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', minimumInstanceCount: 1, maximumInstanceCount: 4, initialInstanceCount: 1, rules: [cpu()], ...over }],
  ...top,
});
const P = 'autoScalingPolicies.0';
const R = `${P}.rules.0`;
const cpuOut = (id = 'MODEL_DEPLOYMENT_OCID', t = 70) => `CpuUtilization[1m]{resourceId = "${id}"}.grouping().mean() > ${t}`;
const cpuIn = (id = 'MODEL_DEPLOYMENT_OCID', t = 30) => `CpuUtilization[1m]{resourceId = "${id}"}.grouping().mean() < ${t}`;

describe('scalingPolicySchema (OCI limits)', () => {
  it('accepts the OCI-SPEC example, a disabled policy, defaults, and custom queries', () => {
    for (const ok of [
      policy(),
      policy({}, { isEnabled: false }),
      policy({}, { coolDownInSeconds: undefined, isEnabled: undefined }),
      policy({ rules: [cpu(threshold(30, { pendingDuration: undefined, instanceCountAdjustment: undefined }), threshold(70, { pendingDuration: 'PT1H' }))] }),
      policy({ rules: [custom(cpuOut(), cpuIn()), custom(`PredictRequestCount[5m]{resourceId = "${MD}"}.sum() >= 600`, `PredictLatency[1h]{resourceId = "${MD}"}.p95() < 50`)] }),
      policy({ minimumInstanceCount: 2, initialInstanceCount: 4, maximumInstanceCount: 4 }),
    ]) {
      expect(issues(scalingPolicySchema, ok)).toEqual([]);
    }
  });

  // [name, policy, the issue: path and message (a substring)]
  const cases: [string, unknown, { path: string; message: string }][] = [
    ['minimum above maximum', policy({ minimumInstanceCount: 5 }), { path: `${P}.minimumInstanceCount`, message: 'must not exceed the maximum' }],
    ['initial below minimum', policy({ minimumInstanceCount: 2, initialInstanceCount: 1 }), { path: `${P}.initialInstanceCount`, message: 'between the minimum and the maximum' }],
    ['initial above maximum', policy({ initialInstanceCount: 5 }), { path: `${P}.initialInstanceCount`, message: 'between the minimum and the maximum' }],
    ['a count out of range', policy({ maximumInstanceCount: 101 }), { path: `${P}.maximumInstanceCount`, message: 'between 1 and 100' }],
    ['cooldown under 300 s', policy({}, { coolDownInSeconds: 299 }), { path: 'coolDownInSeconds', message: 'Cooldown must be at least 300 seconds.' }],
    ['cooldown not whole', policy({}, { coolDownInSeconds: 300.5 }), { path: 'coolDownInSeconds', message: 'whole number of seconds' }],
    ['isEnabled not boolean', policy({}, { isEnabled: 'yes' }), { path: 'isEnabled', message: 'isEnabled must be true or false.' }],
    ['pending PT2M', policy({ rules: [cpu(threshold(30), threshold(70, { pendingDuration: 'PT2M' }))] }), { path: `${R}.scaleOutConfiguration.pendingDuration`, message: 'PT3M to PT1H' }],
    ['pending PT61M', policy({ rules: [cpu(threshold(30, { pendingDuration: 'PT61M' }))] }), { path: `${R}.scaleInConfiguration.pendingDuration`, message: 'PT3M to PT1H' }],
    ['pending not ISO-8601', policy({ rules: [cpu(threshold(30, { pendingDuration: '5 minutes' }))] }), { path: `${R}.scaleInConfiguration.pendingDuration`, message: 'ISO-8601' }],
    ['adjustment 0', policy({ rules: [cpu(threshold(30), threshold(70, { instanceCountAdjustment: 0 }))] }), { path: `${R}.scaleOutConfiguration.instanceCountAdjustment`, message: 'at least 1' }],
    ['adjustment fractional', policy({ rules: [cpu(threshold(30, { instanceCountAdjustment: 1.5 }))] }), { path: `${R}.scaleInConfiguration.instanceCountAdjustment`, message: 'whole number' }],
    ['threshold over 100', policy({ rules: [cpu(threshold(30), threshold(120))] }), { path: `${R}.scaleOutConfiguration.threshold`, message: 'from 0 to 100' }],
    ['scale-in not below scale-out', policy({ rules: [cpu(threshold(70), threshold(70))] }), { path: `${R}.scaleInConfiguration.threshold`, message: 'lower than the scale-out threshold' }],
    ['unknown metric type', policy({ rules: [{ ...cpu(), metricType: 'GPU_UTILIZATION' }] }), { path: `${R}.metricType`, message: 'CPU_UTILIZATION or MEMORY_UTILIZATION' }],
    ['no rules', policy({ rules: [] }), { path: `${P}.rules`, message: 'at least one scaling rule' }],
    ['two policies', policy({}, { autoScalingPolicies: [policy().autoScalingPolicies[0], policy().autoScalingPolicies[0]] }), { path: 'autoScalingPolicies', message: 'exactly one autoscaling policy' }],
    ['a query with a predefined configuration type', policy({ rules: [{ ...custom(cpuOut(), cpuIn()), scaleInConfiguration: { ...query(cpuIn()), scalingConfigurationType: 'THRESHOLD' } }] }), { path: `${R}.scaleInConfiguration.scalingConfigurationType`, message: 'scalingConfigurationType QUERY' }],
    ['a query that does not parse', policy({ rules: [custom('CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() >', cpuIn())] }), { path: `${R}.scaleOutConfiguration.query`, message: 'Expected a number after the comparison at column 66' }],
    ['a query without resourceId', policy({ rules: [custom('CpuUtilization[1m].mean() > 70', cpuIn())] }), { path: `${R}.scaleOutConfiguration.query`, message: 'must name the deployment with {resourceId = "MODEL_DEPLOYMENT_OCID"} (column 19).' }],
    ['a query naming another kind of resource', policy({ rules: [custom(cpuOut(), cpuIn('ocid1.datasciencemodel.oc1.iad.amaaaaaaexample'))] }), { path: `${R}.scaleInConfiguration.query`, message: 'must name this deployment exactly: {resourceId = "MODEL_DEPLOYMENT_OCID"} (column 33).' }],
    ['a query matching resourceId by pattern', policy({ rules: [custom('CpuUtilization[1m]{resourceId =~ "ocid1.*"}.mean() > 70', cpuIn())] }), { path: `${R}.scaleOutConfiguration.query`, message: 'must name this deployment exactly: {resourceId = "MODEL_DEPLOYMENT_OCID"} (column 34).' }],
    ['a metric Berth does not record', policy({ rules: [custom('DiskUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() > 70', cpuIn())] }), { path: `${R}.scaleOutConfiguration.query`, message: 'Unknown metric "DiskUtilization"' }],
    ['an interval over an hour', policy({ rules: [custom(cpuOut().replace('[1m]', '[2h]'), cpuIn())] }), { path: `${R}.scaleOutConfiguration.query`, message: 'Interval "2h" must be from 1m to 60m (or 1h) (column 16).' }],
    ['custom scale-in at or above scale-out on the same series', policy({ rules: [custom(cpuOut(undefined, 70), cpuIn(undefined, 80))] }), { path: `${R}.scaleInConfiguration.query`, message: 'scale-in threshold (80) must be lower than the scale-out threshold (70)' }],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    const found = issues(scalingPolicySchema, value);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(expected.path);
    expect(found[0]?.message).toContain(expected.message);
  });

  it('carries the token index of a query issue for the form to place the caret', () => {
    const r = scalingPolicySchema.safeParse(policy({ rules: [custom('CpuUtilization[1m].mean() > 70', cpuIn())] }));
    const issue = r.error?.issues[0];
    expect(issue && 'params' in issue ? issue.params : undefined).toEqual({ index: 18 });
  });

  const createBody = (scalingPolicy: unknown) => ({
    projectId: 'ocid1.datascienceproject.oc1.iad.amaaaaaaexample',
    compartmentId: 'ocid1.compartment.oc1..amaaaaaaexample',
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: 'ocid1.datasciencemodel.oc1.iad.amaaaaaaexample',
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } },
        scalingPolicy,
      },
    },
  });
  const SP = 'modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy';

  it('a create can name its deployment only by the placeholder, since its OCID does not exist yet', () => {
    expect(issues(createModelDeploymentDetailsSchema, createBody(policy({ rules: [custom(cpuOut(), cpuIn())] })))).toEqual([]);
    expect(issues(createModelDeploymentDetailsSchema, createBody(policy({ rules: [custom(cpuOut(MD), cpuIn())] })))).toEqual([
      { path: `${SP}.${R}.scaleOutConfiguration.query`, message: 'The query must name this deployment exactly: {resourceId = "MODEL_DEPLOYMENT_OCID"} (column 33).' },
    ]);
    // An update request is checked again after the merge, against the deployment's own OCID.
    const updateBody = { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: 'ocid1.datasciencemodel.oc1.iad.amaaaaaaexample', scalingPolicy: policy({ rules: [custom(cpuOut(MD), cpuIn())] }) } } };
    expect(issues(updateModelDeploymentDetailsSchema, updateBody)).toEqual([]);
  });

  it("the console's schemas take the local minimums; the OCI-compatible ones keep OCI's", () => {
    const quick = createBody(policy({}, { coolDownInSeconds: 60 }));
    expect(issues(consoleDeploymentSchemas(60).createModelDeploymentDetailsSchema, quick)).toEqual([]);
    expect(consoleDeploymentSchemas(60)).toBe(consoleDeploymentSchemas(60));
    expect(consoleDeploymentSchemas(null).createModelDeploymentDetailsSchema).toBe(createModelDeploymentDetailsSchema);
    expect(issues(consoleDeploymentSchemas(null).createModelDeploymentDetailsSchema, quick).map((i) => i.path)).toEqual([`${SP}.coolDownInSeconds`]);
  });

  it('reaches the create request with the full field path', () => {
    const body = {
      projectId: 'ocid1.datascienceproject.oc1.iad.amaaaaaaexample',
      compartmentId: 'ocid1.compartment.oc1..amaaaaaaexample',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: 'ocid1.datasciencemodel.oc1.iad.amaaaaaaexample',
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } },
          scalingPolicy: policy({}, { coolDownInSeconds: 60 }),
        },
      },
    };
    expect(issues(createModelDeploymentDetailsSchema, body)).toEqual([
      { path: 'modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy.coolDownInSeconds', message: 'Cooldown must be at least 300 seconds.' },
    ]);
  });
});

describe('scalingQueryIssue with the deployment known', () => {
  it.each([
    [cpuOut(MD), null],
    [cpuOut(), null],
    [cpuOut(OTHER), 'must name this deployment exactly: {resourceId = "' + MD + '"}'],
  ])('%s', (q, expected) => {
    const issue = scalingQueryIssue(q, MD);
    if (expected === null) expect(issue).toBeNull();
    else expect(issue?.message).toContain(expected);
  });

  it('an update schema for a known deployment refuses another deployment\'s OCID', () => {
    const schema = makeScalingPolicySchema({ resourceId: MD });
    expect(issues(schema, policy({ rules: [custom(cpuOut(MD), cpuIn(MD))] }))).toEqual([]);
    expect(issues(schema, policy({ rules: [custom(cpuOut(MD), cpuIn(OTHER))] })).map((i) => i.path)).toEqual([`${R}.scaleInConfiguration.query`]);
  });
});

describe('local minimums (BERTH_AUTOSCALING_MIN_SECONDS)', () => {
  it('lowers the cooldown and pending minimums only where the setting is given', () => {
    expect(autoscalingLimits(null)).toBe(OCI_AUTOSCALING_LIMITS);
    expect(autoscalingLimits(30)).toEqual({ minCoolDownSeconds: 30, minPendingSeconds: 30, maxPendingSeconds: 3600 });
    expect(autoscalingLimits(240)).toEqual({ minCoolDownSeconds: 240, minPendingSeconds: 180, maxPendingSeconds: 3600 });
    const local = makeScalingPolicySchema({ limits: autoscalingLimits(30) });
    const quick = policy({ rules: [cpu(threshold(30, { pendingDuration: 'PT30S' }), threshold(70, { pendingDuration: 'PT1M' }))] }, { coolDownInSeconds: 30 });
    expect(issues(local, quick)).toEqual([]);
    expect(issues(local, policy({}, { coolDownInSeconds: 29 }))).toEqual([{ path: 'coolDownInSeconds', message: 'Cooldown must be at least 30 seconds.' }]);
    expect(issues(local, policy({ rules: [cpu(threshold(30, { pendingDuration: 'PT20S' }))] }))[0]?.message).toContain('from PT30S to PT1H');
    // The OCI-compatible schema is unchanged.
    expect(issues(scalingPolicySchema, quick).map((i) => i.path).sort()).toEqual([`${R}.scaleInConfiguration.pendingDuration`, `${R}.scaleOutConfiguration.pendingDuration`, 'coolDownInSeconds']);
  });

  it('is read from the environment and bounded', () => {
    expect(loadConfig({}).autoscalingMinSeconds).toBeNull();
    expect(loadConfig({ BERTH_AUTOSCALING_MIN_SECONDS: '30' }).autoscalingMinSeconds).toBe(30);
    expect(() => loadConfig({ BERTH_AUTOSCALING_MIN_SECONDS: '0' })).toThrow(/BERTH_AUTOSCALING_MIN_SECONDS/);
    expect(() => loadConfig({ BERTH_AUTOSCALING_MIN_SECONDS: '301' })).toThrow(/BERTH_AUTOSCALING_MIN_SECONDS/);
  });
});

describe('seriesQueries', () => {
  it('gives the metric store queries its own parser accepts, with the placeholder replaced', () => {
    const rules = [cpu(), { ...cpu(), metricType: 'MEMORY_UTILIZATION' }, custom(cpuOut(), `PredictLatency[5m]{resourceId = "${MD}"}.p95() < 50`)] as MetricExpressionRule[];
    const queries = rules.map((r) => seriesQueries(r, MD));
    expect(queries).toEqual([
      { scaleOut: `CpuUtilization[1m]{resourceId = "${MD}"}.grouping().mean()`, scaleIn: `CpuUtilization[1m]{resourceId = "${MD}"}.grouping().mean()` },
      { scaleOut: `MemoryUtilization[1m]{resourceId = "${MD}"}.grouping().mean()`, scaleIn: `MemoryUtilization[1m]{resourceId = "${MD}"}.grouping().mean()` },
      { scaleOut: `CpuUtilization[1m]{resourceId = "${MD}"}.grouping().mean()`, scaleIn: `PredictLatency[5m]{resourceId = "${MD}"}.p95()` },
    ]);
    for (const q of queries.flatMap((x) => (x ? [x.scaleOut, x.scaleIn] : []))) {
      const parsed = parseMql(q);
      expect(parsed.ok && parsed.data.filters).toEqual([{ dimension: 'resourceId', op: '=', value: MD }]);
    }
    expect(seriesQueries(custom('CpuUtilization[1m] >', cpuIn()) as MetricExpressionRule, MD)).toBeNull();
  });
});
