import { inspected, UNINSPECTED } from './artifact-introspection';
import { describe, expect, it } from 'vitest';
import type { Model, ModelDeployment, ModelDeploymentEnvironmentConfigurationDetails } from './oci-types';
import { definedTagKeysOf, PROMOTED_FROM_TAG, promotedDeploymentDetails, promotedModelDetails } from './promotion-mapping';
import { preflightBlocks, promotionPreflight, type PromotionPreflightInput, type PromotionTarget } from './promotion-preflight';
import { SECRET_MASK } from './secrets';
import { SHAPES, toShapeSummary } from './shapes';

const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaatarget';
const PROJECT = 'ocid1.datascienceproject.oc1.iad.aaaaaaaaproject';
const LOCAL_MD = 'ocid1.datasciencemodeldeployment.local.aaaa.md';

const deployment = (over: Partial<ModelDeployment> = {}, env?: ModelDeploymentEnvironmentConfigurationDetails): ModelDeployment => ({
  id: LOCAL_MD,
  timeCreated: '2026-01-01T00:00:00.000Z',
  displayName: 'iris',
  projectId: 'ocid1.datascienceproject.local.aaaa.p',
  createdBy: 'ocid1.user.local..aaaa',
  compartmentId: 'ocid1.compartment.local..aaaa',
  modelDeploymentUrl: 'http://127.0.0.1:3080/md',
  lifecycleState: 'ACTIVE',
  freeformTags: { team: 'ml' },
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: 'ocid1.datasciencemodel.local.aaaa.m',
      instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
    ...(env ? { environmentConfigurationDetails: env } : {}),
  },
  ...over,
});

const target = (over: Partial<PromotionTarget> = {}): PromotionTarget => ({
  contextLabel: 'CLOUD',
  region: 'us-ashburn-1',
  compartment: { id: COMPARTMENT, name: 'team-a' },
  project: { id: PROJECT, displayName: 'prod', compartmentId: COMPARTMENT, lifecycleState: 'ACTIVE' },
  shapes: SHAPES.map(toShapeSummary),
  ocir: false,
  ...over,
});

const input = (over: Partial<PromotionPreflightInput> = {}): PromotionPreflightInput => ({
  deployment: deployment(),
  artifact: { sizeInBytes: 2048, introspection: inspected({ fileCount: 1, scoreDir: '', runtime: { slug: 'minimal_p311_cpu_v1', type: 'data_science', pythonVersion: '3.11' } }) },
  definedTagKeys: [],
  target: target(),
  promoted: null,
  ...over,
});

const byId = (items: ReturnType<typeof promotionPreflight>) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('promotion pre-flight', () => {
  it('passes a conda deployment that fits the target, warning only where it cannot check', () => {
    const items = promotionPreflight(input());
    expect(items.map((i) => [i.id, i.verdict])).toEqual([
      ['target', 'pass'],
      ['shape', 'pass'],
      ['conda', 'pass'],
      ['artifact-size', 'pass'],
      ['bandwidth', 'pass'],
      ['logging', 'warn'],
      ['tags', 'pass'],
      ['policies', 'warn'],
    ]);
    expect(preflightBlocks(items)).toBe(false);
    const i = byId(items);
    expect(i.target?.detail).toBe(`The model and deployment go to project prod (${PROJECT}) in compartment team-a (${COMPARTMENT}), CLOUD.`);
    expect(i.conda?.detail).toContain('minimal_p311_cpu_v1');
    expect(i.policies?.detail).toContain('allow group <your group> to manage data-science-family in compartment team-a');
    expect(i.shape?.detail).toContain('service limit');
  });

  it('fails a shape the target does not offer, naming those it does', () => {
    const items = promotionPreflight(input({ target: target({ shapes: [toShapeSummary(SHAPES.find((s) => s.name === 'VM.Standard2.1')!)] }) }));
    expect(byId(items).shape).toMatchObject({ verdict: 'fail', detail: 'CLOUD (us-ashburn-1) offers no VM.Standard.E4.Flex for model deployments. It offers: VM.Standard2.1. Edit the deployment to one of them first.' });
    expect(preflightBlocks(items)).toBe(true);
  });

  it('fails a shape config larger than the target shape, and a shape list that could not be read', () => {
    const small = [{ name: 'VM.Standard.E4.Flex', coreCount: 8, memoryInGBs: 128, shapeSeries: 'AMD_ROME' as const }];
    const big = deployment();
    big.modelDeploymentConfigurationDetails!.modelConfigurationDetails.instanceConfiguration.modelDeploymentInstanceShapeConfigDetails = { ocpus: 16, memoryInGBs: 64 };
    expect(byId(promotionPreflight(input({ deployment: big, target: target({ shapes: small }) }))).shape?.verdict).toBe('fail');
    expect(byId(promotionPreflight(input({ target: target({ shapes: { error: 'HTTP 500' } }) }))).shape?.detail).toBe('The shapes of us-ashburn-1 cannot be listed: HTTP 500');
  });

  it('fails a project in another compartment, a missing one, and a compartment the target does not list', () => {
    expect(byId(promotionPreflight(input({ target: target({ project: { id: PROJECT, displayName: 'prod', compartmentId: 'ocid1.compartment.oc1..other', lifecycleState: 'ACTIVE' } }) }))).target?.verdict).toBe('fail');
    expect(byId(promotionPreflight(input({ target: target({ project: { error: 'Not found (OCI NotAuthorizedOrNotFound, HTTP 404)' } }) }))).target?.detail).toContain('cannot be read in CLOUD');
    expect(byId(promotionPreflight(input({ target: target({ compartment: null }) }))).target?.verdict).toBe('fail');
  });

  it('fails a local container image, and says what cannot be checked of an OCIR one', () => {
    const local = promotionPreflight(input({ deployment: deployment({}, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'my-model:1', imageDigest: 'sha256:abc' }) }));
    expect(byId(local).image).toMatchObject({ verdict: 'fail', label: 'Container image my-model:1' });
    expect(byId(local).image?.detail).toContain('OCI pulls custom containers from OCIR only');
    expect(byId(local).conda).toBeUndefined();
    const ocir = byId(promotionPreflight(input({ deployment: deployment({}, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/ns/my-model:1', imageDigest: 'sha256:abc' }) }))).image;
    expect(ocir?.verdict).toBe('warn');
    expect(ocir?.detail).toContain('cannot be checked: this console does not read OCIR (oci-artifacts)');
    expect(ocir?.detail).toContain('sha256:abc');
    expect(byId(promotionPreflight(input({ deployment: deployment({}, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/ns/m:1' }) }))).policies?.detail).toContain('read repos');
  });

  it('judges the conda environment: published warns, no score.py or no artifact fails', () => {
    expect(byId(promotionPreflight(input({ artifact: { sizeInBytes: 10, introspection: inspected({ fileCount: 1, scoreDir: '', runtime: { slug: 'mine', type: 'published', path: 'oci://b@ns/envs/mine' } }) } }))).conda).toMatchObject({ verdict: 'warn' });
    expect(byId(promotionPreflight(input({ artifact: { sizeInBytes: 10, introspection: inspected({ fileCount: 1, scoreDir: null, runtime: null }) } }))).conda?.verdict).toBe('fail');
    expect(byId(promotionPreflight(input({ artifact: { sizeInBytes: 10, introspection: inspected({ fileCount: 1, scoreDir: '', runtime: null }) } }))).conda?.verdict).toBe('warn');
    expect(byId(promotionPreflight(input({ artifact: { sizeInBytes: 10, introspection: { state: 'unreadable', reason: 'it is damaged' } } }))).conda).toMatchObject({ verdict: 'warn', detail: "The artifact's environment cannot be judged: it is damaged." });
    expect(byId(promotionPreflight(input({ artifact: { sizeInBytes: 10, introspection: UNINSPECTED } }))).conda).toMatchObject({ verdict: 'warn', detail: expect.stringContaining('OCI reads its runtime.yaml') });
    const none = byId(promotionPreflight(input({ artifact: null })));
    expect([none.conda?.verdict, none['artifact-size']?.verdict]).toEqual(['fail', 'fail']);
  });

  it("judges the artifact's size against OCI's limits", () => {
    const size = (n: number) => byId(promotionPreflight(input({ artifact: { sizeInBytes: n, introspection: inspected({ fileCount: 1, scoreDir: '', runtime: null }) } })))['artifact-size']?.verdict;
    expect([size(1_999_000_000), size(3_000_000_000), size(7_000_000_000)]).toEqual(['pass', 'warn', 'fail']);
  });

  it("judges bandwidth against OCI's range and the twice-the-minimum rule", () => {
    const bw = (min: number, max?: number) => {
      const d = deployment();
      const mc = d.modelDeploymentConfigurationDetails!.modelConfigurationDetails;
      mc.bandwidthMbps = min;
      if (max !== undefined) mc.maximumBandwidthMbps = max;
      return byId(promotionPreflight(input({ deployment: d }))).bandwidth?.verdict;
    };
    expect([bw(10), bw(5), bw(9000), bw(100, 200), bw(100, 201)]).toEqual(['pass', 'fail', 'fail', 'pass', 'fail']);
  });

  it('refuses a second promotion, warns on secrets, defined tags, a short cool-down and carried logs', () => {
    const d = deployment({ categoryLogDetails: { access: { logId: 'ocid1.log.oc1..a', logGroupId: 'ocid1.loggroup.oc1..g' } } }, { environmentConfigurationType: 'DEFAULT', environmentVariables: { API_KEY: SECRET_MASK, MODE: 'fast' } });
    d.modelDeploymentConfigurationDetails!.modelConfigurationDetails.scalingPolicy = { policyType: 'AUTOSCALING', coolDownInSeconds: 30, autoScalingPolicies: [] };
    const i = byId(promotionPreflight(input({ deployment: d, definedTagKeys: ['Operations.CostCenter'], promoted: { contextLabel: 'CLOUD', targetDeploymentId: 'ocid1.datasciencemodeldeployment.oc1.iad.x' } })));
    expect(i.promoted).toMatchObject({ verdict: 'fail', detail: 'Promoted already to CLOUD: ocid1.datasciencemodeldeployment.oc1.iad.x.' });
    expect(i.variables).toMatchObject({ verdict: 'warn', detail: expect.stringMatching(/^API_KEY is not carried/) });
    expect(i.tags).toMatchObject({ verdict: 'warn', detail: expect.stringContaining('Operations.CostCenter') });
    expect(i.scaling).toMatchObject({ verdict: 'warn', detail: expect.stringContaining('raised to 300 s') });
    expect(i.logging?.detail).toContain('access ocid1.log.oc1..a');
    expect(i.policies?.detail).toContain('use log-content');
  });

  it('warns that a followed version label is not followed in OCI', () => {
    const d = deployment({ berthFollow: { modelVersionSetId: 'ocid1.datasciencemodelversionset.local.aaaa.s', modelVersionSetName: 'iris-set', versionLabel: 'prod' } });
    expect(byId(promotionPreflight(input({ deployment: d }))).follow).toMatchObject({ verdict: 'warn', detail: expect.stringContaining('follows the label prod of iris-set') });
  });
});

describe('promotion mapping', () => {
  const place = { compartmentId: COMPARTMENT, projectId: PROJECT };

  it('carries the deployment configuration, links it by tag, and leaves out secrets and the local digest', () => {
    const d = deployment({}, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/ns/m:1', imageDigest: 'sha256:local', environmentVariables: { DB_PASSWORD: SECRET_MASK, MODE: 'fast' }, defaultEnvironmentVariables: { X: '1' }, serverPort: 8080 });
    d.modelDeploymentConfigurationDetails!.modelConfigurationDetails.scalingPolicy = { policyType: 'AUTOSCALING', coolDownInSeconds: 30, autoScalingPolicies: [] };
    const out = promotedDeploymentDetails(d, place, 'ocid1.datasciencemodel.oc1.iad.new', 'local');
    expect(out.freeformTags).toEqual({ team: 'ml', [PROMOTED_FROM_TAG]: LOCAL_MD, 'berth-promoted-from-region': 'local' });
    expect(out.modelDeploymentConfigurationDetails.modelConfigurationDetails).toMatchObject({ modelId: 'ocid1.datasciencemodel.oc1.iad.new', bandwidthMbps: 10, scalingPolicy: { coolDownInSeconds: 300 } });
    expect(out.modelDeploymentConfigurationDetails.environmentConfigurationDetails).toEqual({ environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/ns/m:1', serverPort: 8080, environmentVariables: { MODE: 'fast' } });
    expect([out.compartmentId, out.projectId, out.displayName]).toEqual([COMPARTMENT, PROJECT, 'iris']);
  });

  it('carries the model metadata, schemas and freeform tags, not its version set', () => {
    const model: Model = {
      id: 'ocid1.datasciencemodel.local.aaaa.m',
      compartmentId: 'c',
      projectId: 'p',
      displayName: 'iris model',
      lifecycleState: 'ACTIVE',
      timeCreated: '2026-01-01T00:00:00.000Z',
      createdBy: 'u',
      inputSchema: '{"schema":[]}',
      customMetadataList: [{ key: 'owner', value: 'ml', category: 'other' }],
      modelVersionSetId: 'ocid1.datasciencemodelversionset.local.aaaa.s',
      freeformTags: { a: 'b' },
      definedTags: { Operations: { CostCenter: '42' } },
    };
    const out = promotedModelDetails(model, place, 'local');
    expect(out).toEqual({ ...place, displayName: 'iris model', inputSchema: '{"schema":[]}', customMetadataList: [{ key: 'owner', value: 'ml', category: 'other' }], freeformTags: { a: 'b', [PROMOTED_FROM_TAG]: model.id, 'berth-promoted-from-region': 'local' } });
    expect(definedTagKeysOf(model, deployment({ definedTags: { Operations: { Owner: 'x' } } }))).toEqual(['Operations.CostCenter', 'Operations.Owner']);
  });
});
