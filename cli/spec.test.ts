import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentToDetails, detailsToYaml } from '@/server/domain/deployment-yaml-export';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { CliError, EXIT } from './errors';
import { checkSpec, contextFor, precheckSpec, readSpecFile, specReferences, updateFromSpec, type SpecFile } from './spec';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../server/domain/__fixtures__', `seed-003-${name}.yaml`), 'utf8');

const MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel';
const OTHER_MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaaother';
const PROJECT = 'ocid1.datascienceproject.oc1.iad.aaaaaaaafilled';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaafilled';

/** Seed 003's container template as a user fills it in. */
const containerSpec = (): SpecFile => ({
  path: 'deploy.yaml',
  text: fixture('container')
    .replaceAll('iad..<unique_ID>', 'iad.aaaaaaaafilled')
    .replaceAll('..<unique_ID>', '..aaaaaaaafilled')
    .replace('{region}.ocir.io/<your tenancy>/<imagename>', 'iad.ocir.io/tenancy/mlflow-serve:1.0'),
});

function cliError(run: () => unknown): CliError {
  try {
    run();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('No CliError was thrown.');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the spec as the CLI reads it', () => {
  it('maps seed 003 container template with --name and -m to the details the console would create', () => {
    const spec = containerSpec();
    const refs = specReferences(spec.text);
    expect(refs).toEqual({ projectId: PROJECT, compartmentId: COMPARTMENT });
    const { details, warnings } = checkSpec(spec, contextFor(refs, { displayName: 'iris', modelId: MODEL, projectId: 'ocid1.datascienceproject.oc1.iad.aaaaaaaadefault' }));
    expect(details).toMatchObject({
      displayName: 'iris',
      projectId: PROJECT,
      compartmentId: COMPARTMENT,
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: MODEL,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E3.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 4, memoryInGBs: 32 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        },
        environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/tenancy/mlflow-serve:1.0', serverPort: 5001, healthCheckPort: 5001 },
      },
    });
    // What the local provider does not honour is said, with the file and line, not dropped.
    expect(warnings).toContain(`warning: deploy.yaml:${lineOf(spec.text, 'blockStorageSize')}: spec.infrastructure.spec.blockStorageSize: blockStorageSize is not a model deployment setting (the shape decides the storage); it is not used.`);
    expect(warnings.some((w) => w.includes('spec.infrastructure.spec.logId'))).toBe(true);
  });

  it('checks the spec offline first, leaving out only what the CLI will still look up', () => {
    const bare: SpecFile = {
      path: 'bare.yaml',
      text: 'kind: deployment\nspec:\n  infrastructure:\n    type: modelDeployment\n    spec:\n      shapeName: VM.Standard.E4.Flex\n      shapeConfigDetails: {ocpus: 1, memoryInGBs: 6}\n  runtime:\n    type: conda\n    spec: {}\n',
    };
    expect(() => precheckSpec(bare, { displayName: 'iris' }, ['projectId', 'compartmentId', 'modelId'])).not.toThrow();
    // Nothing pending: the missing ids are the spec's problems, each at the key's place.
    const missing = cliError(() => checkSpec(bare, { displayName: 'iris' }));
    expect(missing.exitCode).toBe(EXIT.usage);
    expect(missing.details.join('\n')).toContain('bare.yaml:5: spec.infrastructure.spec.projectId:');

    const typo: SpecFile = { path: 'typo.yaml', text: containerSpec().text.replace('serverPort: 5001', 'serverPrt: 5001') };
    const e = cliError(() => precheckSpec(typo, {}, ['modelId']));
    expect([e.exitCode, e.message]).toEqual([EXIT.usage, 'The spec typo.yaml has a problem; nothing was sent.']);
    expect(e.details[0]).toBe(`typo.yaml:${lineOf(typo.text, 'serverPrt')}: spec.runtime.spec.serverPrt: Unknown key "serverPrt" in spec.runtime.spec.`);
  });

  it('refuses a --name that contradicts the spec, and a placeholder left in, naming path and line', () => {
    const named: SpecFile = { path: 's.yaml', text: containerSpec().text.replace('spec:\n', 'spec:\n  displayName: from-spec\n') };
    const conflict = cliError(() => checkSpec(named, { displayName: 'from-flag', modelId: MODEL }));
    expect(conflict.details).toContain('s.yaml:4: spec.displayName: displayName is from-spec here but from-flag was given alongside the spec; remove one.');
    const template: SpecFile = { path: 't.yaml', text: fixture('conda-published') };
    const placeholder = cliError(() => precheckSpec(template, {}, ['modelId']));
    expect(placeholder.details.some((d) => /^t\.yaml:\d+: spec\.infrastructure\.spec\.projectId: projectId still holds the template placeholder <unique_ID>/.test(d))).toBe(true);
  });

  it('names a spec file that is not there', () => {
    const missing = path.join(os.tmpdir(), 'berth-cli-no-such-spec.yaml');
    expect(cliError(() => readSpecFile(missing))).toMatchObject({ exitCode: EXIT.usage, message: `The spec ${missing} cannot be read: no such file.` });
  });
});

const DEPLOYMENT: ModelDeployment = {
  id: 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd',
  timeCreated: '2026-01-01T00:00:00.000Z',
  displayName: 'iris',
  description: 'kept',
  projectId: PROJECT,
  createdBy: 'ocid1.user.oc1..aaaaaaaauser',
  compartmentId: COMPARTMENT,
  modelDeploymentUrl: 'http://127.0.0.1:3080/ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd',
  lifecycleState: 'ACTIVE',
  freeformTags: { team: 'ml' },
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: {
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
      bandwidthMbps: 10,
    },
    environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: 'iad.ocir.io/tenancy/app:1.0', serverPort: 8080, healthCheckPort: 8080, environmentVariables: { MODE: 'a' } },
  },
};

/** What `update` does with a spec: the deployment fills what the spec leaves out, then the shallow-merge diff. */
function updateWith(text: string, current = DEPLOYMENT) {
  const spec = { path: 'u.yaml', text };
  const refs = specReferences(text);
  const modelId = refs.modelUri === undefined ? current.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId : undefined;
  const { details } = checkSpec(spec, contextFor(refs, { projectId: current.projectId, compartmentId: current.compartmentId, ...(modelId ? { modelId } : {}) }));
  return updateFromSpec(current, details, spec.path);
}

describe('update from a spec', () => {
  const exported = detailsToYaml(deploymentToDetails(DEPLOYMENT));

  it('sends nothing for the deployment exported as it is', () => {
    expect(updateWith(exported)).toEqual({});
  });

  it('sends only what the edited spec changes, in the shallow-merge form', () => {
    const edited = exported.replace('replica: 1', 'replica: 2').replace('serverPort: 8080', 'serverPort: 8081').replace('MODE: a', 'MODE: b');
    expect(updateWith(edited)).toEqual({
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: { modelId: MODEL, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 } },
        environmentConfigurationDetails: { serverPort: 8081, environmentVariables: { MODE: 'b' } },
      },
    });
    // A name, description or tags the spec leaves out are kept, not erased.
    const withoutTags = exported.replace(/ {2}description: kept\n/, '').replace(/ {2}freeformTags:\n {4}team: ml\n/, '');
    expect(withoutTags).not.toContain('team: ml');
    expect(updateWith(withoutTags)).toEqual({});
  });

  it('moves to another model through modelUri', () => {
    expect(updateWith(exported.replace(MODEL, OTHER_MODEL))).toEqual({
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: OTHER_MODEL } },
    });
  });

  it('refuses a spec that moves the deployment or removes what a shallow merge cannot', () => {
    const moved = cliError(() => updateWith(exported.replace(PROJECT, 'ocid1.datascienceproject.oc1.iad.aaaaaaaaelsewhere')));
    expect([moved.exitCode, moved.message]).toEqual([EXIT.usage, `The spec u.yaml names project ocid1.datascienceproject.oc1.iad.aaaaaaaaelsewhere, but the deployment is in ${PROJECT}; an update cannot move it.`]);
    const unported = cliError(() => updateWith(exported.replace(/ +bandwidthMbps: 10\n/, '')));
    expect(unported.details).toEqual(['modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps: bandwidthMbps cannot be removed once set; change it to another value instead.']);
  });
});
