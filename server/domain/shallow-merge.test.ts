import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonrepair } from 'jsonrepair';
import { describe, expect, it } from 'vitest';
import type { ModelDeployment, OcirModelDeploymentEnvironmentConfigurationDetails, UpdateModelDeploymentDetails } from './oci-types';
import { applyModelDeploymentUpdate, diffModelDeployment, mergeEnvironmentConfiguration, type EnvConfig } from './shallow-merge';

const MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel';
const DIGEST = `sha256:${'a'.repeat(64)}`;

const ocirEnv = (): OcirModelDeploymentEnvironmentConfigurationDetails => ({
  environmentConfigurationType: 'OCIR_CONTAINER',
  image: 'iad.ocir.io/tenancy/app:1.0',
  imageDigest: DIGEST,
  serverPort: 8080,
  healthCheckPort: 8080,
  cmd: ['serve'],
  environmentVariables: { A: 'b' },
});

const deployment = (env?: EnvConfig): ModelDeployment => ({
  id: 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd',
  timeCreated: '2025-01-01T00:00:00.000Z',
  displayName: 'md',
  description: 'first',
  projectId: 'ocid1.datascienceproject.oc1.iad.aaaaaaaaproject',
  createdBy: 'ocid1.user.oc1..aaaaaaaauser',
  compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment',
  modelDeploymentUrl: 'https://example.test/md',
  lifecycleState: 'ACTIVE',
  freeformTags: { team: 'ml' },
  definedTags: { Operations: { CostCenter: '42' } },
  categoryLogDetails: {
    access: { logId: 'ocid1.log.oc1.iad.access', logGroupId: 'ocid1.loggroup.oc1.iad.g' },
    predict: { logId: 'ocid1.log.oc1.iad.predict', logGroupId: 'ocid1.loggroup.oc1.iad.g' },
  },
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: MODEL,
      instanceConfiguration: {
        instanceShapeName: 'VM.Standard.E4.Flex',
        modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 },
      },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
    ...(env ? { environmentConfigurationDetails: env } : {}),
  },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const merged = (current: EnvConfig | undefined, update: Parameters<typeof mergeEnvironmentConfiguration>[1]) => {
  const r = mergeEnvironmentConfiguration(current, update);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};

const applied = (current: ModelDeployment, update: UpdateModelDeploymentDetails) => {
  const r = applyModelDeploymentUpdate(current, update);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};

const failure = (r: { ok: true } | { ok: false; error: { code: string; message: string } }) => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

const envOf = (md: ModelDeployment) => md.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
const modelConfigOf = (md: ModelDeployment) => md.modelDeploymentConfigurationDetails?.modelConfigurationDetails;

describe('seed 001 worked example', () => {
  const text = readFileSync(path.join(__dirname, '__fixtures__/seed-001-shallow-merge.txt'), 'utf8');
  const block = (name: string): { environmentConfigurationDetails: EnvConfig } => {
    const match = text.match(new RegExp(`^--- ${name} ---\\n([\\s\\S]*?)(?=^--- |(?![\\s\\S]))`, 'm'));
    if (!match?.[1]) throw new Error(`fixture block ${name} missing`);
    const parsed: unknown = JSON.parse(jsonrepair(match[1]));
    return parsed as { environmentConfigurationDetails: EnvConfig };
  };
  const resource = block('resource');
  const request = block('request');
  const result = block('result');

  it('keeps the seed text verbatim, JSON mistakes included', () => {
    expect(text).toContain('"--host","0.0.0.0"]\n"cmd": ["param1"]\n}\n--- request ---');
    expect(() => JSON.parse(text.split('--- request ---')[0]?.replace('--- resource ---', '') ?? '')).toThrow();
  });

  it('merging the request into the resource gives exactly the documented result', () => {
    const current = deepFreeze(resource.environmentConfigurationDetails);
    expect(merged(current, request.environmentConfigurationDetails)).toStrictEqual(result.environmentConfigurationDetails);
  });

  it('gives the same result through a whole deployment update', () => {
    const md = deepFreeze(deployment(resource.environmentConfigurationDetails));
    const next = applied(md, {
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', environmentConfigurationDetails: request.environmentConfigurationDetails },
    });
    expect(envOf(next)).toStrictEqual(result.environmentConfigurationDetails);
    expect(modelConfigOf(next)).toStrictEqual(modelConfigOf(md));
  });
});

describe('mergeEnvironmentConfiguration', () => {
  it('keeps fields that are absent or null', () => {
    expect(merged(ocirEnv(), { serverPort: null, image: null, cmd: undefined })).toStrictEqual(ocirEnv());
  });

  it('replaces a present map or list whole, never merging inside', () => {
    const next = merged(ocirEnv(), { environmentVariables: { X: 'y' }, cmd: ['a', 'b'] });
    expect(next).toMatchObject({ environmentVariables: { X: 'y' }, cmd: ['a', 'b'] });
    expect(next && 'environmentVariables' in next ? Object.keys(next.environmentVariables ?? {}) : []).toEqual(['X']);
  });

  it('erases a map with {} and a list with []', () => {
    expect(merged(ocirEnv(), { environmentVariables: {}, cmd: [] })).toMatchObject({ environmentVariables: {}, cmd: [] });
  });

  it('changes nothing for a null or empty block', () => {
    expect(merged(ocirEnv(), null)).toStrictEqual(ocirEnv());
    expect(merged(ocirEnv(), {})).toStrictEqual(ocirEnv());
    const md = deployment(ocirEnv());
    expect(applied(md, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', environmentConfigurationDetails: null } })).toStrictEqual(md);
    expect(applied(md, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', environmentConfigurationDetails: {} } })).toStrictEqual(md);
  });

  it('refuses to erase image or imageDigest, naming the field', () => {
    for (const field of ['image', 'imageDigest'] as const) {
      const e = failure(mergeEnvironmentConfiguration(ocirEnv(), { [field]: '' }));
      expect(e.code).toBe('InvalidParameter');
      expect(e.message).toMatch(new RegExp(`^${field} cannot be erased`));
    }
  });

  it('drops the old digest when the image changes without a new digest', () => {
    const next = merged(ocirEnv(), { image: 'iad.ocir.io/tenancy/app:2.0' });
    expect(next).toMatchObject({ image: 'iad.ocir.io/tenancy/app:2.0' });
    expect(next && 'imageDigest' in next).toBe(false);
  });

  it('keeps or sets the digest when the image stays or a digest is sent', () => {
    expect(merged(ocirEnv(), { image: 'iad.ocir.io/tenancy/app:1.0' })).toMatchObject({ imageDigest: DIGEST });
    const newDigest = `sha256:${'b'.repeat(64)}`;
    expect(merged(ocirEnv(), { image: 'iad.ocir.io/tenancy/app:2.0', imageDigest: newDigest })).toMatchObject({ imageDigest: newDigest });
  });

  it('replaces the whole block when switching DEFAULT to OCIR_CONTAINER, and requires an image', () => {
    const current: EnvConfig = { environmentConfigurationType: 'DEFAULT', environmentVariables: { OLD: '1' } };
    expect(merged(current, { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/t/app:1', serverPort: 5000 })).toStrictEqual({
      environmentConfigurationType: 'OCIR_CONTAINER',
      image: 'iad.ocir.io/t/app:1',
      serverPort: 5000,
    });
    const e = failure(mergeEnvironmentConfiguration(current, { environmentConfigurationType: 'OCIR_CONTAINER', serverPort: 5000 }));
    expect(e.message).toBe('image is required when switching environmentConfigurationType to OCIR_CONTAINER.');
  });

  it('replaces the whole block when switching OCIR_CONTAINER to DEFAULT', () => {
    expect(merged(ocirEnv(), { environmentConfigurationType: 'DEFAULT' })).toStrictEqual({ environmentConfigurationType: 'DEFAULT' });
    expect(merged(ocirEnv(), { environmentConfigurationType: 'DEFAULT', environmentVariables: { K: 'v' } })).toStrictEqual({
      environmentConfigurationType: 'DEFAULT',
      environmentVariables: { K: 'v' },
    });
  });

  it('refuses container fields on a DEFAULT environment', () => {
    const e = failure(mergeEnvironmentConfiguration({ environmentConfigurationType: 'DEFAULT' }, { image: 'iad.ocir.io/t/app:1', serverPort: 5000 }));
    expect(e.message).toMatch(/^image, serverPort can only be set on an OCIR_CONTAINER environment/);
  });

  it('treats a missing block as DEFAULT and adds environment variables to it', () => {
    expect(merged(undefined, { environmentVariables: { K: 'v' } })).toStrictEqual({ environmentConfigurationType: 'DEFAULT', environmentVariables: { K: 'v' } });
    expect(merged(undefined, {})).toBeUndefined();
  });
});

describe('applyModelDeploymentUpdate', () => {
  const md = deepFreeze(deployment(ocirEnv()));

  it('keeps top-level fields that are absent or null', () => {
    expect(applied(md, { displayName: null, description: null, freeformTags: null, definedTags: null, categoryLogDetails: null })).toStrictEqual(md);
  });

  it('replaces top-level fields and tag maps whole', () => {
    const next = applied(md, { displayName: 'renamed', description: '', freeformTags: { owner: 'me' }, definedTags: {} });
    expect(next).toMatchObject({ displayName: 'renamed', description: '', freeformTags: { owner: 'me' }, definedTags: {} });
    expect(next.freeformTags).toStrictEqual({ owner: 'me' });
  });

  it('refuses an empty display name', () => {
    expect(failure(applyModelDeploymentUpdate(md, { displayName: '  ' })).message).toBe('displayName cannot be empty.');
  });

  it('requires modelId in modelConfigurationDetails and replaces it', () => {
    const update = (modelId: string): UpdateModelDeploymentDetails => ({
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId } },
    });
    expect(failure(applyModelDeploymentUpdate(md, update(''))).message).toMatch(/^modelId is required in every update/);
    const next = applied(md, update('ocid1.datasciencemodel.oc1.iad.other'));
    expect(modelConfigOf(next)).toStrictEqual({ ...modelConfigOf(md), modelId: 'ocid1.datasciencemodel.oc1.iad.other' });
  });

  it('replaces instanceConfiguration and scalingPolicy whole', () => {
    const next = applied(md, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: MODEL,
          instanceConfiguration: { instanceShapeName: 'VM.Standard2.1' },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 },
          bandwidthMbps: null,
        },
      },
    });
    expect(modelConfigOf(next)).toStrictEqual({
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard2.1' },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 },
      bandwidthMbps: 10,
    });
  });

  it('replaces one log category and keeps the other; {} changes nothing', () => {
    const access = { logId: 'ocid1.log.oc1.iad.new', logGroupId: 'ocid1.loggroup.oc1.iad.g' };
    const next = applied(md, { categoryLogDetails: { access } });
    expect(next.categoryLogDetails).toStrictEqual({ access, predict: md.categoryLogDetails?.predict });
    expect(applied(md, { categoryLogDetails: {} })).toStrictEqual(md);
  });

  it('returns a new resource that shares nothing with the input', () => {
    const next = applied(md, { freeformTags: { a: 'b' } });
    const env = envOf(next);
    if (env?.environmentConfigurationType !== 'OCIR_CONTAINER') throw new Error('expected OCIR');
    env.cmd?.push('mutated');
    expect(envOf(md)).toStrictEqual(ocirEnv());
  });
});

describe('diffModelDeployment', () => {
  const md = deployment(ocirEnv());

  it('lists leaf changes with dotted paths and treats maps and lists as whole values', () => {
    const next = applied(md, {
      description: '',
      freeformTags: { team: 'ml', owner: 'me' },
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: MODEL, bandwidthMbps: 20, maximumBandwidthMbps: 40 },
        environmentConfigurationDetails: { cmd: [], environmentVariables: { A: 'c' } },
      },
    });
    const base = 'modelDeploymentConfigurationDetails';
    expect(diffModelDeployment(md, next)).toEqual([
      { path: 'description', before: 'first', after: '', kind: 'cleared' },
      { path: 'freeformTags', before: { team: 'ml' }, after: { team: 'ml', owner: 'me' }, kind: 'changed' },
      { path: `${base}.modelConfigurationDetails.bandwidthMbps`, before: 10, after: 20, kind: 'changed' },
      { path: `${base}.modelConfigurationDetails.maximumBandwidthMbps`, before: undefined, after: 40, kind: 'added' },
      { path: `${base}.environmentConfigurationDetails.cmd`, before: ['serve'], after: [], kind: 'cleared' },
      { path: `${base}.environmentConfigurationDetails.environmentVariables`, before: { A: 'b' }, after: { A: 'c' }, kind: 'changed' },
    ]);
  });

  it('reports removed fields and nothing for identical resources', () => {
    expect(diffModelDeployment(md, deployment(ocirEnv()))).toEqual([]);
    const next = applied(md, { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', environmentConfigurationDetails: { image: 'iad.ocir.io/tenancy/app:2.0' } } });
    expect(diffModelDeployment(md, next)).toEqual([
      { path: 'modelDeploymentConfigurationDetails.environmentConfigurationDetails.image', before: 'iad.ocir.io/tenancy/app:1.0', after: 'iad.ocir.io/tenancy/app:2.0', kind: 'changed' },
      { path: 'modelDeploymentConfigurationDetails.environmentConfigurationDetails.imageDigest', before: DIGEST, after: undefined, kind: 'removed' },
    ]);
  });

  it('descends into nested objects such as the shape configuration', () => {
    const next = applied(md, {
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: MODEL,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 16 } },
        },
      },
    });
    expect(diffModelDeployment(md, next)).toEqual([
      {
        path: 'modelDeploymentConfigurationDetails.modelConfigurationDetails.instanceConfiguration.modelDeploymentInstanceShapeConfigDetails.ocpus',
        before: 1,
        after: 2,
        kind: 'changed',
      },
    ]);
  });
});
