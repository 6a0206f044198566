import { describe, expect, it } from 'vitest';
import type { ModelDeployment, OcirModelDeploymentEnvironmentConfigurationDetails } from './oci-types';
import { applyModelDeploymentUpdate, type EnvConfig } from './shallow-merge';
import { classifyUpdate, planUpdateSteps } from './update-groups';
import { buildUpdateRequest, isEmptyUpdate, unrepresentableChanges } from './update-request';

const MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel';
const OTHER_MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaaother';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const NEW_DIGEST = `sha256:${'b'.repeat(64)}`;
const MC = 'modelDeploymentConfigurationDetails';

const ocirEnv = (): OcirModelDeploymentEnvironmentConfigurationDetails => ({
  environmentConfigurationType: 'OCIR_CONTAINER',
  image: 'iad.ocir.io/tenancy/app:1.0',
  imageDigest: DIGEST,
  serverPort: 8080,
  healthCheckPort: 8080,
  cmd: ['serve'],
  entrypoint: ['python', '-m', 'app'],
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
  categoryLogDetails: { access: { logId: 'ocid1.log.oc1.iad.access', logGroupId: 'ocid1.loggroup.oc1.iad.g' } },
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
    ...(env ? { environmentConfigurationDetails: env } : {}),
  },
});

/** A copy of `md` changed by `edit`, the way the edit form produces it. */
function edit(md: ModelDeployment, change: (draft: ModelDeployment) => void): ModelDeployment {
  const draft = structuredClone(md);
  change(draft);
  return draft;
}

const config = (md: ModelDeployment) => {
  const c = md.modelDeploymentConfigurationDetails;
  if (!c) throw new Error('no configuration');
  return c;
};
const ocir = (md: ModelDeployment) => config(md).environmentConfigurationDetails as OcirModelDeploymentEnvironmentConfigurationDetails;

function expectRoundTrip(current: ModelDeployment, edited: ModelDeployment) {
  const request = buildUpdateRequest(current, edited);
  const applied = applyModelDeploymentUpdate(current, request);
  expect(applied).toEqual({ ok: true, data: edited });
  expect(unrepresentableChanges(current, edited)).toEqual([]);
  return request;
}

describe('buildUpdateRequest', () => {
  it('is empty when nothing changed', () => {
    const md = deployment(ocirEnv());
    const request = buildUpdateRequest(md, structuredClone(md));
    expect(request).toEqual({});
    expect(isEmptyUpdate(request)).toBe(true);
  });

  it('sends only the changed second-level field, with the required modelId', () => {
    const md = deployment();
    const edited = edit(md, (d) => (config(d).modelConfigurationDetails.bandwidthMbps = 20));
    const request = expectRoundTrip(md, edited);
    expect(request).toEqual({
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: MODEL, bandwidthMbps: 20 } },
    });
    expect(classifyUpdate(md, request)).toEqual(['loadBalancerOrContainer']);
  });

  it('sends the instance configuration whole when the shape size changes', () => {
    const md = deployment();
    const edited = edit(md, (d) => {
      config(d).modelConfigurationDetails.instanceConfiguration = { instanceShapeName: 'VM.Standard2.1' };
    });
    const request = expectRoundTrip(md, edited);
    expect(request.modelDeploymentConfigurationDetails?.modelConfigurationDetails).toEqual({
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard2.1' },
    });
  });

  it('sends names, description and tags at the top level, {} to clear tags and "" to clear the description', () => {
    const md = deployment();
    const edited = edit(md, (d) => {
      d.displayName = 'renamed';
      d.description = '';
      d.freeformTags = {};
      d.definedTags = { Operations: { CostCenter: '43' } };
    });
    const request = expectRoundTrip(md, edited);
    expect(request).toEqual({ displayName: 'renamed', description: '', freeformTags: {}, definedTags: { Operations: { CostCenter: '43' } } });
    expect(classifyUpdate(md, request)).toEqual(['meta']);
  });

  it('clears container lists and maps with [] and {} and changes scalars (seed 001)', () => {
    const md = deployment(ocirEnv());
    const edited = edit(md, (d) => {
      const env = ocir(d);
      env.serverPort = 2000;
      env.environmentVariables = { x: 'y' };
      env.entrypoint = [];
      delete env.cmd;
    });
    // The seed's own request, plus the emptied cmd.
    const request = buildUpdateRequest(md, edited);
    expect(request.modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({
      serverPort: 2000,
      environmentVariables: { x: 'y' },
      entrypoint: [],
      cmd: [],
    });
    const applied = applyModelDeploymentUpdate(md, request);
    expect(applied.ok && ocir(applied.data)).toMatchObject({ serverPort: 2000, environmentVariables: { x: 'y' }, entrypoint: [], cmd: [] });
  });

  it('sends a new image together with its digest, even when the digest is the same image id', () => {
    const md = deployment(ocirEnv());
    const retagged = edit(md, (d) => (ocir(d).image = 'iad.ocir.io/tenancy/app:latest'));
    const request = expectRoundTrip(md, retagged);
    expect(request.modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({ image: 'iad.ocir.io/tenancy/app:latest', imageDigest: DIGEST });

    const rebuilt = edit(md, (d) => Object.assign(ocir(d), { image: 'app:2.0', imageDigest: NEW_DIGEST }));
    expect(expectRoundTrip(md, rebuilt).modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({ image: 'app:2.0', imageDigest: NEW_DIGEST });
  });

  it('switches a conda deployment to a container with the whole new block', () => {
    const md = deployment({ environmentConfigurationType: 'DEFAULT', environmentVariables: { A: 'b' } });
    const edited = edit(md, (d) => {
      config(d).environmentConfigurationDetails = { environmentConfigurationType: 'OCIR_CONTAINER', image: 'app:1', imageDigest: DIGEST, serverPort: 8080 };
    });
    const request = expectRoundTrip(md, edited);
    expect(request.modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({
      environmentConfigurationType: 'OCIR_CONTAINER',
      image: 'app:1',
      imageDigest: DIGEST,
      serverPort: 8080,
    });
  });

  it('switches a container back to the default environment', () => {
    const md = deployment(ocirEnv());
    const edited = edit(md, (d) => {
      config(d).environmentConfigurationDetails = { environmentConfigurationType: 'DEFAULT', environmentVariables: { K1: 'v' } };
    });
    const request = expectRoundTrip(md, edited);
    expect(request.modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({
      environmentConfigurationType: 'DEFAULT',
      environmentVariables: { K1: 'v' },
    });
  });

  it('adds and clears the variables of the default environment', () => {
    const md = deployment();
    const added = edit(md, (d) => (config(d).environmentConfigurationDetails = { environmentConfigurationType: 'DEFAULT', environmentVariables: { WEB_CONCURRENCY: '2' } }));
    const request = expectRoundTrip(md, added);
    expect(classifyUpdate(md, request)).toEqual(['environment']);

    const cleared = edit(added, (d) => (config(d).environmentConfigurationDetails = { environmentConfigurationType: 'DEFAULT', environmentVariables: {} }));
    expect(expectRoundTrip(added, cleared).modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({ environmentVariables: {} });
  });

  it('changes the model and a log, each in its own part of the request', () => {
    const md = deployment();
    const edited = edit(md, (d) => {
      config(d).modelConfigurationDetails.modelId = OTHER_MODEL;
      d.categoryLogDetails = { ...d.categoryLogDetails, predict: { logId: 'ocid1.log.oc1.iad.p', logGroupId: 'ocid1.loggroup.oc1.iad.g' } };
    });
    const request = expectRoundTrip(md, edited);
    expect(request).toEqual({
      categoryLogDetails: { predict: { logId: 'ocid1.log.oc1.iad.p', logGroupId: 'ocid1.loggroup.oc1.iad.g' } },
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: OTHER_MODEL } },
    });
  });

  it('gives a request that plans into one step per option group while active', () => {
    const md = deployment();
    const edited = edit(md, (d) => {
      d.displayName = 'two-steps';
      config(d).modelConfigurationDetails.scalingPolicy = { policyType: 'FIXED_SIZE', instanceCount: 2 };
      config(d).modelConfigurationDetails.bandwidthMbps = 20;
    });
    const request = expectRoundTrip(md, edited);
    expect(classifyUpdate(md, request)).toEqual(['meta', 'scaling', 'loadBalancerOrContainer']);
    const steps = planUpdateSteps(md, request);
    expect(steps).toHaveLength(2);
    let state = md;
    for (const step of steps) {
      const next = applyModelDeploymentUpdate(state, step);
      if (!next.ok) throw new Error(next.error.message);
      state = next.data;
    }
    expect(state).toEqual(edited);
  });
});

describe('unrepresentableChanges', () => {
  it('names scalars and logs that a shallow merge cannot remove', () => {
    const md = deployment(ocirEnv());
    const edited = edit(md, (d) => {
      delete ocir(d).healthCheckPort;
      delete d.categoryLogDetails;
    });
    expect(unrepresentableChanges(md, edited).map((c) => c.path)).toEqual([
      'categoryLogDetails.access',
      `${MC}.environmentConfigurationDetails.healthCheckPort`,
    ]);
  });

  it('accepts a new image without the old digest', () => {
    const md = deployment(ocirEnv());
    const edited = edit(md, (d) => {
      ocir(d).image = 'app:3';
      delete ocir(d).imageDigest;
    });
    expect(unrepresentableChanges(md, edited)).toEqual([]);
  });
});
