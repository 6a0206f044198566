import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deploymentToDetails, detailsToYaml } from '@/server/domain/deployment-yaml-export';
import type { CreateModelDeploymentDetails, ModelDeployment } from '@/server/domain/oci-types';
import { createModelDeploymentDetailsSchema } from './deployment';
import { parseDeploymentYaml } from './deployment-yaml';

// Export then import gives the same CreateModelDeploymentDetails, for any details the console
// accepts: generated below and passed through the details schema, as the console stores them.

const unique = fc.stringMatching(/^[a-z0-9]{6,20}$/);
const ocid = (type: string, region = 'iad') => unique.map((u) => `ocid1.${type}.oc1.${region}.aaaaaaaa${u}`);
// Text YAML would misread if written carelessly: booleans, nulls, numbers, comments, indicators.
const tricky = fc.constantFrom('yes', 'no', 'null', '~', '0x1F', '1e3', '007', '3.10', '- item', '# note', 'a: b', '"quoted"', "it's", ' lead', 'trail ', 'multi\nline', '<b>', '{x}', '[y]', '*ref', '&anchor', '!tag', '@', '`', '');
const text = fc.oneof(tricky, fc.string({ maxLength: 40 }), fc.string({ maxLength: 20, unit: 'grapheme' }));
const envKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,18}[A-Za-z0-9]$/);
const envVars = fc.dictionary(envKey, text, { maxKeys: 5 });
const port = fc.integer({ min: 1024, max: 65535 }).filter((p) => ![24224, 8446, 8447].includes(p));
const log = fc.record({ logGroupId: ocid('loggroup'), logId: ocid('log') });

const instanceConfiguration = fc.oneof(
  fc.record({
    instanceShapeName: fc.constant('VM.Standard.E4.Flex'),
    modelDeploymentInstanceShapeConfigDetails: fc.record({ ocpus: fc.integer({ min: 1, max: 64 }), memoryInGBs: fc.integer({ min: 6, max: 1024 }) }),
  }),
  fc.record({ instanceShapeName: fc.constantFrom('VM.Standard2.1', 'VM.Standard2.4') }),
  fc.record(
    {
      instanceShapeName: fc.constant('VM.Standard.E3.Flex'),
      modelDeploymentInstanceShapeConfigDetails: fc.record({ ocpus: fc.constantFrom(1, 2.5, 4), memoryInGBs: fc.constantFrom(16, 32.5) }),
      subnetId: ocid('subnet'),
      networkAccessType: fc.constant('CUSTOM_NETWORKING' as const),
      privateEndpointId: ocid('datasciencemodeldeploymentprivateendpoint'),
    },
    { requiredKeys: ['instanceShapeName', 'modelDeploymentInstanceShapeConfigDetails'] },
  ),
);

const threshold = (t: number) => ({ scalingConfigurationType: 'THRESHOLD' as const, threshold: t, pendingDuration: 'PT5M', instanceCountAdjustment: 1 });
const scalingPolicy = fc.oneof(
  fc.record({ policyType: fc.constant('FIXED_SIZE' as const), instanceCount: fc.integer({ min: 1, max: 100 }) }),
  fc.record({
    policyType: fc.constant('AUTOSCALING' as const),
    coolDownInSeconds: fc.integer({ min: 300, max: 900 }),
    isEnabled: fc.boolean(),
    autoScalingPolicies: fc.constant([
      {
        autoScalingPolicyType: 'THRESHOLD' as const,
        rules: [{ metricExpressionRuleType: 'PREDEFINED_EXPRESSION' as const, metricType: 'CPU_UTILIZATION' as const, scaleInConfiguration: threshold(20), scaleOutConfiguration: threshold(80) }],
        minimumInstanceCount: 1,
        maximumInstanceCount: 3,
        initialInstanceCount: 1,
      },
    ]),
  }),
);

const bandwidth = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 10, max: 4000 }).map((b) => ({ bandwidthMbps: b })),
  fc.integer({ min: 10, max: 4000 }).chain((b) => fc.integer({ min: b + 1, max: 2 * b }).map((m) => ({ bandwidthMbps: b, maximumBandwidthMbps: m }))),
);

const environment = fc.oneof(
  fc.record({ environmentConfigurationType: fc.constant('DEFAULT' as const), environmentVariables: envVars }, { requiredKeys: ['environmentConfigurationType'] }),
  fc.record(
    {
      environmentConfigurationType: fc.constant('OCIR_CONTAINER' as const),
      image: fc.constantFrom('iad.ocir.io/tenancy/app:1.0', 'localhost:5000/serve', 'busybox'),
      imageDigest: fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}`),
      imageSignatureId: ocid('containerimagesignature'),
      cmd: fc.array(text, { maxLength: 4 }),
      entrypoint: fc.array(text, { maxLength: 3 }),
      serverPort: port,
      healthCheckPort: port,
      environmentVariables: envVars,
      predictApiSpecification: fc.constantFrom('openapi: 3.0.0', 'spec'),
      customHttpEndpoints: fc.array(fc.record({ endpointUriSuffix: fc.constantFrom('/v1/chat', '/score'), httpMethods: fc.subarray(['GET', 'POST'] as const, { minLength: 1 }) }), { maxLength: 2 }),
    },
    { requiredKeys: ['environmentConfigurationType', 'image'] },
  ),
);

const tags = fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), text, { maxKeys: 3 });

const details: fc.Arbitrary<CreateModelDeploymentDetails> = fc
  .record(
    {
      displayName: text,
      description: text,
      projectId: ocid('datascienceproject'),
      compartmentId: ocid('compartment', ''),
      modelId: ocid('datasciencemodel'),
      instanceConfiguration,
      scalingPolicy,
      bandwidth,
      environment,
      // An empty categoryLogDetails means no logs; the spec writes it as no log keys at all.
      logs: fc.oneof(fc.record({ access: log, predict: log }, { requiredKeys: [] }).filter((l) => Object.keys(l).length > 0), log.map((l) => ({ access: l, predict: l }))),
      freeformTags: tags,
      definedTags: fc.dictionary(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), tags, { maxKeys: 2 }),
      secretEnvironmentVariables: fc.array(envKey, { maxLength: 3 }),
    },
    { requiredKeys: ['projectId', 'compartmentId', 'modelId', 'instanceConfiguration', 'bandwidth', 'environment'] },
  )
  .map(({ modelId, instanceConfiguration: ic, scalingPolicy: sp, bandwidth: bw, environment: env, logs, ...rest }) => ({
    ...rest,
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL' as const,
      modelConfigurationDetails: { modelId, instanceConfiguration: ic, ...(sp ? { scalingPolicy: sp } : {}), ...bw },
      environmentConfigurationDetails: env,
    },
    ...(logs ? { categoryLogDetails: logs } : {}),
  }))
  // The details as the console holds them: through the schema, which trims names and drops a blank one.
  .map((d) => createModelDeploymentDetailsSchema.safeParse(d))
  .filter((r) => r.success)
  .map((r) => r.data as CreateModelDeploymentDetails);

describe('YAML export then import', () => {
  it('gives the same CreateModelDeploymentDetails for any details the console accepts', () => {
    fc.assert(
      fc.property(details, (d) => {
        const yaml = detailsToYaml(d);
        const back = parseDeploymentYaml(yaml);
        expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(back.details).toEqual(d);
      }),
      { numRuns: 200 },
    );
    // A generous limit: the runs are synchronous and the machine is shared.
  }, 60_000);

  const deployment: ModelDeployment = {
    id: 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd',
    timeCreated: '2026-01-01T00:00:00.000Z',
    displayName: 'iris-serve',
    description: 'MLflow model behind its own server',
    projectId: 'ocid1.datascienceproject.oc1.iad.aaaaaaaaproject',
    createdBy: 'ocid1.user.oc1..aaaaaaaauser',
    compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment',
    modelDeploymentUrl: 'http://127.0.0.1:1/md',
    lifecycleState: 'ACTIVE',
    lifecycleDetails: 'Model deployment is active.',
    freeformTags: { team: 'ml' },
    modelDeploymentSystemData: { systemInfraType: 'INSTANCE_POOL', currentInstanceCount: 1 },
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel',
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        bandwidthMbps: 10,
      },
      environmentConfigurationDetails: {
        environmentConfigurationType: 'OCIR_CONTAINER',
        image: 'iad.ocir.io/tenancy/mlflow-serve:1.0',
        serverPort: 5001,
        healthCheckPort: 5001,
        environmentVariables: { WEB_CONCURRENCY: '2' },
        defaultEnvironmentVariables: { MODEL_DEPLOYMENT_OCID: 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd' },
      },
    },
  };

  it('writes a deployment as a seed 003 spec without its read-only fields', () => {
    expect(detailsToYaml(deploymentToDetails(deployment))).toBe(`kind: deployment
spec:
  displayName: iris-serve
  description: MLflow model behind its own server
  freeformTags:
    team: ml
  infrastructure:
    kind: infrastructure
    type: modelDeployment
    spec:
      compartmentId: ocid1.compartment.oc1..aaaaaaaacompartment
      projectId: ocid1.datascienceproject.oc1.iad.aaaaaaaaproject
      shapeName: VM.Standard.E4.Flex
      shapeConfigDetails:
        ocpus: 1
        memoryInGBs: 16
      replica: 1
      bandwidthMbps: 10
  runtime:
    kind: runtime
    type: container
    spec:
      modelUri: ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel
      env:
        WEB_CONCURRENCY: "2"
      image: iad.ocir.io/tenancy/mlflow-serve:1.0
      serverPort: 5001
      healthCheckPort: 5001
`);
  });

  it('imports the exported deployment as the details it was created from', () => {
    const exported = deploymentToDetails(deployment);
    const back = parseDeploymentYaml(detailsToYaml(exported));
    expect(back).toMatchObject({ ok: true, problems: [] });
    expect(back.details).toEqual(exported);
  });

  it('a deployment with no environment configuration comes back as DEFAULT, which is what the service assumes', () => {
    const { environmentConfigurationDetails: _none, ...config } = deployment.modelDeploymentConfigurationDetails!;
    const back = parseDeploymentYaml(detailsToYaml(deploymentToDetails({ ...deployment, modelDeploymentConfigurationDetails: config })));
    expect(back.details?.modelDeploymentConfigurationDetails.environmentConfigurationDetails).toEqual({ environmentConfigurationType: 'DEFAULT' });
  });

  it('leaves secret values out of an export, and an import of it refuses them at their line until written', () => {
    const env = deployment.modelDeploymentConfigurationDetails!.environmentConfigurationDetails!;
    const withSecret = {
      ...deployment,
      modelDeploymentConfigurationDetails: {
        ...deployment.modelDeploymentConfigurationDetails!,
        environmentConfigurationDetails: { ...env, environmentVariables: { WEB_CONCURRENCY: '2', DB_PASSWORD: '••••', API_TOKEN: 'berth-secret:abc123' } },
      },
    } as typeof deployment;
    const yaml = detailsToYaml(deploymentToDetails(withSecret));
    expect(yaml).not.toContain('••••');
    expect(yaml).not.toContain('berth-secret:');
    const back = parseDeploymentYaml(yaml);
    expect(back.ok).toBe(false);
    const lineOf = (key: string) => yaml.split('\n').findIndex((l) => l.trim().startsWith(`${key}:`)) + 1;
    expect(back.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', where: 'spec.runtime.spec.env.DB_PASSWORD', line: lineOf('DB_PASSWORD') }),
        expect.objectContaining({ severity: 'error', where: 'spec.runtime.spec.env.API_TOKEN', line: lineOf('API_TOKEN') }),
      ]),
    );
    const filled = yaml.replace(/DB_PASSWORD: .*/, 'DB_PASSWORD: hunter2hunter2').replace(/API_TOKEN: .*/, 'API_TOKEN: t0ken');
    expect(parseDeploymentYaml(filled)).toMatchObject({ ok: true });
  });
});
